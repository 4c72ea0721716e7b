namespace CloudTrailModel;

/// <summary>
/// The fields of the message a record arrived in, when it did not come from a log file: see
/// <see cref="EventBridgeWrapper"/>, <see cref="CloudWatchLogsWrapper"/> and <see cref="LookupEventsWrapper"/>.
/// Returned by <see cref="CloudTrailReader.ReadEntries(Stream, CloudTrailReaderOptions?)"/> only: readers of
/// <see cref="CloudTrailReader.ReadRecords(Stream, CloudTrailReaderOptions?)"/> never pay for them.
/// </summary>
public abstract class CloudTrailWrapper
{
    private protected CloudTrailWrapper()
    {
    }
}
