using System.Globalization;
using CloudTrailModel.Reading.Framing;

namespace CloudTrailModel.Internal;

/// <summary>
/// Decides whether a parsed object is a CloudTrail record at all (<see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>
/// and deserialization are strict), and if not, says what it looks like from its member names, never its values.
/// </summary>
internal static class RecordRecognition
{
    /// <summary>
    /// The error for an object that is not a record at <paramref name="offset"/>. The message places it by
    /// <paramref name="lineAndByte"/> (0-based) instead when given: past the text's first line, a serializer reading a
    /// stream tells a converter no offset from the input's start, only the line and the byte in it.
    /// </summary>
    public static CloudTrailRecordError NotARecord(CloudTrailRecord record, long offset, (long Line, long Byte)? lineAndByte = null)
    {
        string where = lineAndByte is (long line, long inLine)
            ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {inLine} of the line,")
            : string.Create(CultureInfo.InvariantCulture, $"byte offset {offset}");
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"The JSON object at {where} is not a CloudTrail record (it has none of {string.Join(", ", RecordMarkers.Members)}): {Describe(record.AdditionalFields)}.");
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
