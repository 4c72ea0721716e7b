namespace CloudTrailModel;

/// <summary>
/// A record as <see cref="CloudTrailReader.ReadEntries(Stream, CloudTrailReaderOptions?)"/> returns it: the record and
/// the wrapper it arrived in (an EventBridge event, a CloudWatch Logs log event, a <c>LookupEvents</c> event), or
/// <see langword="null"/> for a record read from a log file, JSON Lines or a bare record.
/// </summary>
/// <param name="Record">The CloudTrail record.</param>
/// <param name="Wrapper">
/// The wrapper's own fields: an <see cref="EventBridgeWrapper"/>, a <see cref="CloudWatchLogsWrapper"/> or a
/// <see cref="LookupEventsWrapper"/>; <see langword="null"/> when the record was not wrapped.
/// </param>
public readonly record struct CloudTrailEntry(CloudTrailRecord Record, CloudTrailWrapper? Wrapper);
