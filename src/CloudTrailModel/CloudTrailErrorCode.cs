namespace CloudTrailModel;

/// <summary>Stable codes for the problems <see cref="CloudTrailReader"/> and <see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/> report.</summary>
public enum CloudTrailErrorCode
{
    /// <summary>The record is not well-formed JSON (for example a missing quote or comma).</summary>
    InvalidJson = 1,

    /// <summary>The input ended inside a record or before the end of the log file's <c>Records</c> array.</summary>
    Truncated = 2,

    /// <summary>An element of the <c>Records</c> array is not a JSON object.</summary>
    NotAnObject = 3,

    /// <summary>
    /// A JSON document that is neither a CloudTrail log file (<c>{"Records":[...]}</c>) nor a CloudTrail
    /// record: a digest file, an S3 event notification, an API response and so on. Also reported by
    /// <see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/> and by deserializing a <see cref="CloudTrailRecord"/> for an
    /// object with none of <c>eventVersion</c>, <c>eventTime</c>, <c>eventSource</c>, <c>eventName</c>, <c>eventID</c> and
    /// <c>userIdentity</c> (an EventBridge event, a log file, <c>{}</c>), with a message naming what was recognised.
    /// </summary>
    NotCloudTrail = 4,

    /// <summary>Bytes that are not JSON follow the last complete document.</summary>
    TrailingData = 5,

    /// <summary>The input holds no JSON at all (it is empty or only whitespace).</summary>
    EmptyInput = 6,

    /// <summary>A record is larger than <see cref="CloudTrailReaderOptions.MaxRecordBytes"/>.</summary>
    RecordTooLarge = 7,

    /// <summary>A record nests objects and arrays deeper than <see cref="CloudTrailReaderOptions.MaxDepth"/>.</summary>
    MaxDepthExceeded = 8,

    /// <summary>The decompressed input is larger than <see cref="CloudTrailReaderOptions.MaxDecompressedBytes"/>.</summary>
    DecompressedSizeExceeded = 9,

    /// <summary>The gzip data is corrupt.</summary>
    InvalidCompressedData = 10,

    /// <summary>
    /// An EventBridge event whose <c>detail-type</c> is not one CloudTrail sends (<c>... via CloudTrail</c>), read from
    /// input that holds CloudTrail events: its <c>detail</c> is not taken as a record.
    /// </summary>
    NotCloudTrailEvent = 11,

    /// <summary>The base64 of a CloudWatch Logs Lambda event's <c>awslogs.data</c> is invalid.</summary>
    InvalidEncodedData = 12,

    /// <summary>
    /// The input given to <see cref="CloudTrailNotifications.ReadObjectReferences(ReadOnlySpan{byte})"/> is JSON, but not
    /// a notification of new objects (CloudTrail's, SNS's, SQS's, S3's or EventBridge's) nor a validation or test message.
    /// </summary>
    NotANotification = 13,
}
