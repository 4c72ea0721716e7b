namespace CloudTrailModel;

/// <summary>What a CloudTrail object in a trail's bucket holds, as its key's folder (<c>CloudTrail</c>, <c>CloudTrail-Digest</c>, <c>CloudTrail-Insight</c>) says.</summary>
public enum CloudTrailObjectKind
{
    /// <summary>A log file of events (<c>AWSLogs/…/CloudTrail/…</c>): a gzip <c>{"Records":[...]}</c> document.</summary>
    Log,

    /// <summary>A digest file (<c>AWSLogs/…/CloudTrail-Digest/…</c>): the hashes of the log files delivered in an hour, for integrity validation; holds no records.</summary>
    Digest,

    /// <summary>An Insights file (<c>AWSLogs/…/CloudTrail-Insight/…</c>): Insights events (unusual API call or error rates) in the log-file envelope.</summary>
    Insight,
}
