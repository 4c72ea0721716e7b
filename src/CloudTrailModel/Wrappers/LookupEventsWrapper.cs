namespace CloudTrailModel;

/// <summary>
/// An event of a CloudTrail <c>LookupEvents</c> response (<c>{"Events":[...],"NextToken":...}</c>, as the API and
/// <c>aws cloudtrail lookup-events</c> return it): the summary fields beside the record, which is the event's
/// <c>CloudTrailEvent</c> string. A null property means the member was absent or not of the documented JSON type.
/// </summary>
public sealed class LookupEventsWrapper : CloudTrailWrapper
{
    internal LookupEventsWrapper()
    {
    }

    /// <summary>The event's ID (JSON <c>EventId</c>), the record's <c>eventID</c>.</summary>
    public string? EventId { get; internal init; }

    /// <summary>The API action (JSON <c>EventName</c>).</summary>
    public string? EventName { get; internal init; }

    /// <summary>Whether the action only reads (JSON <c>ReadOnly</c>, the string <c>true</c> or <c>false</c>), as it came.</summary>
    public string? ReadOnly { get; internal init; }

    /// <summary>The access key the request was signed with (JSON <c>AccessKeyId</c>).</summary>
    public string? AccessKeyId { get; internal init; }

    /// <summary>
    /// When the event happened (JSON <c>EventTime</c>): seconds since the Unix epoch in the API's own JSON, an ISO 8601
    /// string in the AWS CLI's output; both are read.
    /// </summary>
    public DateTimeOffset? EventTime { get; internal init; }

    /// <summary>The service the request was made to (JSON <c>EventSource</c>).</summary>
    public string? EventSource { get; internal init; }

    /// <summary>The user name or role session of the caller (JSON <c>Username</c>).</summary>
    public string? Username { get; internal init; }

    /// <summary>The resources the event names (JSON <c>Resources</c>, objects with <c>ResourceType</c> and <c>ResourceName</c>), kept as JSON; null when absent.</summary>
    public RawJson? Resources { get; internal init; }

    /// <summary>The token for the next page (the page's JSON <c>NextToken</c>), shared by every event of the page; null on the last page.</summary>
    public string? NextToken { get; internal init; }
}
