using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>Tells CloudTrail records from other JSON objects by their top-level members.</summary>
internal static class RecordMarkers
{
    /// <summary>Whether the property name the reader is on is one only CloudTrail records have at their top level.</summary>
    public static bool IsMarker(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("eventVersion"u8) || reader.ValueTextEquals("eventTime"u8) || reader.ValueTextEquals("eventSource"u8)
        || reader.ValueTextEquals("eventName"u8) || reader.ValueTextEquals("eventID"u8) || reader.ValueTextEquals("eventType"u8)
        || reader.ValueTextEquals("eventCategory"u8) || reader.ValueTextEquals("userIdentity"u8) || reader.ValueTextEquals("awsRegion"u8)
        || reader.ValueTextEquals("requestParameters"u8) || reader.ValueTextEquals("responseElements"u8) || reader.ValueTextEquals("insightDetails"u8)
        || reader.ValueTextEquals("recipientAccountId"u8) || reader.ValueTextEquals("sourceIPAddress"u8) || reader.ValueTextEquals("requestID"u8);

    /// <summary>Whether a parsed object has any member a CloudTrail record has.</summary>
    public static bool HasMarker(CloudTrailRecord r) =>
        r.EventVersion is not null || r.EventTime is not null || r.EventSource is not null || r.EventName is not null || r.EventId is not null
        || r.EventType is not null || r.EventCategory is not null || r.UserIdentity is not null || r.AwsRegion is not null
        || r.RequestParameters is not null || r.ResponseElements is not null || r.InsightDetails is not null || r.RecipientAccountId is not null
        || r.SourceIPAddress is not null || r.RequestId is not null
        || r.AdditionalFields.ContainsKey("eventTime") || r.AdditionalFields.ContainsKey("eventVersion") || r.AdditionalFields.ContainsKey("userIdentity");

    /// <summary>S3 event notifications also have a <c>Records</c> array; their records say <c>eventSource: aws:s3</c> and carry <c>s3</c>.</summary>
    public static bool IsS3EventNotification(CloudTrailRecord r) =>
        string.Equals(r.EventSource, "aws:s3", StringComparison.Ordinal) && r.AdditionalFields.ContainsKey("s3");
}
