using System.Globalization;

namespace CloudTrailModel.Internal;

/// <summary>
/// Decides whether a parsed object is a CloudTrail record at all (<see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>
/// and deserialization are strict), and if not, says what it looks like from its member names, never its values.
/// </summary>
internal static class RecordRecognition
{
    // The members every kind of record has at least one of (Insights records have no userIdentity, eventSource or eventName).
    private static readonly string[] RecordMembers = ["eventVersion", "eventTime", "eventSource", "eventName", "eventID", "userIdentity"];

    public static bool IsRecord(CloudTrailRecord record)
    {
        if (record.EventVersion is not null || record.EventTime is not null || record.EventSource is not null
            || record.EventName is not null || record.EventId is not null || record.UserIdentity is not null)
        {
            return true;
        }

        // A member of the wrong JSON type (an eventTime of "redacted", an eventName of 5) still makes it a record.
        IReadOnlyDictionary<string, System.Text.Json.JsonElement> extras = record.AdditionalFields;
        return extras.Count != 0 && Array.Exists(RecordMembers, extras.ContainsKey);
    }

    public static CloudTrailRecordError NotARecord(CloudTrailRecord record, long offset)
    {
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"The JSON object at byte offset {offset} is not a CloudTrail record (it has none of eventVersion, eventTime, eventSource, eventName, eventID, userIdentity): {Describe(record.AdditionalFields)}.");
        return new CloudTrailRecordError(0, offset, CloudTrailErrorCode.NotCloudTrail, message);
    }

    private static string Describe(IReadOnlyDictionary<string, System.Text.Json.JsonElement> members)
    {
        bool Has(string name) => members.ContainsKey(name);
        return members.Count == 0 ? "it is an empty object or holds only record members that are null or empty"
            : Has("detail") && (Has("detail-type") || Has("source")) ? "it is an EventBridge event: its record is under detail; CloudTrailReader.ReadRecords reads it"
            : Has("Records") ? "it is a CloudTrail log file ({\"Records\":[...]}); CloudTrailReader.ReadRecords reads it"
            : Has("awslogs") ? "it is a CloudWatch Logs event for AWS Lambda: its records are in awslogs.data; CloudTrailReader.ReadRecords reads it"
            : Has("logEvents") || Has("messageType") ? "it is CloudWatch Logs subscription data: its records are the logEvents messages; CloudTrailReader.ReadRecords reads it"
            : Has("Events") ? "it is a LookupEvents page: its records are the CloudTrailEvent strings; CloudTrailReader.ReadRecords reads it"
            : Has("CloudTrailEvent") ? "it is a LookupEvents event: its record is the CloudTrailEvent string, which CloudTrailRecord.Parse reads"
            : Has("logFiles") || Has("digestPublicKeyFingerprint") ? "it is a CloudTrail digest file; CloudTrailDigest.Parse reads it"
            : Has("s3Bucket") || Has("s3ObjectKey") || (Has("Type") && Has("Message")) ? "it is a notification; CloudTrailNotifications.ReadObjectReferences reads it"
            : "no known CloudTrail shape was recognised";
    }
}
