namespace CloudTrailModel;

/// <summary>
/// Where a record read from CloudWatch Logs subscription data came from: the <c>DATA_MESSAGE</c>'s fields (shared by
/// every log event of the message) and the log event's own <c>id</c> and <c>timestamp</c>. The record is the log
/// event's <c>message</c>. A null property means the member was absent or not of the documented JSON type.
/// </summary>
public sealed class CloudWatchLogsWrapper : CloudTrailWrapper
{
    internal CloudWatchLogsWrapper()
    {
    }

    /// <summary>The account that owns the log group (JSON <c>owner</c>).</summary>
    public string? Owner { get; internal init; }

    /// <summary>The log group (JSON <c>logGroup</c>), for example the one a trail delivers to.</summary>
    public string? LogGroup { get; internal init; }

    /// <summary>The log stream (JSON <c>logStream</c>); CloudTrail names it after the account and region.</summary>
    public string? LogStream { get; internal init; }

    /// <summary>The subscription filters that matched the log event (JSON <c>subscriptionFilters</c>); empty when absent.</summary>
    public IReadOnlyList<string> SubscriptionFilters { get; internal init; } = [];

    /// <summary>The log event's ID (JSON <c>logEvents[].id</c>), unique in the log group.</summary>
    public string? EventId { get; internal init; }

    /// <summary>When the log event was ingested (JSON <c>logEvents[].timestamp</c>, milliseconds since the Unix epoch).</summary>
    public DateTimeOffset? Timestamp { get; internal init; }
}
