namespace CloudTrailModel;

/// <summary>
/// The envelope of an Amazon EventBridge event (formerly CloudWatch Events) whose <c>detail</c> is the record: one of
/// the CloudTrail detail types such as <c>AWS API Call via CloudTrail</c>. A null property means the member was
/// absent or not of the documented JSON type.
/// </summary>
public sealed class EventBridgeWrapper : CloudTrailWrapper
{
    internal EventBridgeWrapper()
    {
    }

    /// <summary>The envelope's version (JSON <c>version</c>), <c>0</c> in every event so far.</summary>
    public string? Version { get; internal init; }

    /// <summary>The event's unique ID, given by EventBridge (JSON <c>id</c>); not the record's <c>eventID</c>.</summary>
    public string? Id { get; internal init; }

    /// <summary>What kind of event it is (JSON <c>detail-type</c>), for example <c>AWS API Call via CloudTrail</c>.</summary>
    public string? DetailType { get; internal init; }

    /// <summary>The service that sent the event (JSON <c>source</c>), for example <c>aws.s3</c>.</summary>
    public string? Source { get; internal init; }

    /// <summary>The account the event was delivered in (JSON <c>account</c>).</summary>
    public string? Account { get; internal init; }

    /// <summary>When EventBridge received the event (JSON <c>time</c>); the record's own time is its <c>eventTime</c>.</summary>
    public DateTimeOffset? Time { get; internal init; }

    /// <summary>The region of the event bus (JSON <c>region</c>).</summary>
    public string? Region { get; internal init; }

    /// <summary>The ARNs of the resources the event concerns (JSON <c>resources</c>); empty when absent.</summary>
    public IReadOnlyList<string> Resources { get; internal init; } = [];
}
