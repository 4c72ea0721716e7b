namespace CloudTrailModel;

/// <summary>
/// The few fields of a record that <see cref="CloudTrailReaderOptions.Filter"/> sees before the record is
/// parsed. Rejected records are never materialised and allocate nothing (the strings come from the reader's
/// pool of repeated values).
/// </summary>
public readonly record struct CloudTrailRecordHeader
{
    /// <summary>The service the request was made to (<c>eventSource</c>), or null when absent or not a string.</summary>
    public string? EventSource { get; init; }

    /// <summary>The requested action (<c>eventName</c>), or null when absent or not a string.</summary>
    public string? EventName { get; init; }

    /// <summary>When the request completed (<c>eventTime</c>), or null when absent or not a time.</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>The region (<c>awsRegion</c>), or null when absent or not a string.</summary>
    public string? AwsRegion { get; init; }

    /// <summary>The account that received the event (<c>recipientAccountId</c>), or null when absent.</summary>
    public string? RecipientAccountId { get; init; }

    /// <summary>The account of the caller (<c>userIdentity.accountId</c>), or null when absent.</summary>
    public string? UserAccountId { get; init; }

    /// <summary>The header of a parsed record (for records the quick scan leaves to the full parse).</summary>
    internal static CloudTrailRecordHeader Of(CloudTrailRecord record) => new()
    {
        EventSource = record.EventSource,
        EventName = record.EventName,
        EventTime = record.EventTime,
        AwsRegion = record.AwsRegion,
        RecipientAccountId = record.RecipientAccountId,
        UserAccountId = record.UserIdentity?.AccountId,
    };
}
