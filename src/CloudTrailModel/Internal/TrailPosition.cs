namespace CloudTrailModel.Internal;

/// <summary>A record's place in event-time order: its event time (UTC ticks), its file's key and its index among the file's records read.</summary>
internal readonly record struct TrailPosition(long Ticks, string Key, int Index);
