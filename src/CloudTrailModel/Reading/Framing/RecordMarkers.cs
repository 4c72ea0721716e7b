using System.Text;
using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// The one list of the members that make a JSON object a CloudTrail record, used alike by the framer (to tell a record
/// from a log file or wrapper by a member name) and by the strict parse (to refuse a parsed object that has none).
/// </summary>
internal static class RecordMarkers
{
    /// <summary>
    /// The members every kind of record has at least one of (Insights records have no userIdentity, eventSource or
    /// eventName; S3 event notifications have several and are told apart by <see cref="IsS3EventNotification"/>).
    /// </summary>
    public static readonly string[] Members = ["eventVersion", "eventTime", "eventSource", "eventName", "eventID", "userIdentity"];

    private static readonly byte[][] Utf8Members = [.. Members.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Whether the property name the reader is on is one of <see cref="Members"/>.</summary>
    public static bool IsMarker(ref Utf8JsonReader reader)
    {
        foreach (byte[] member in Utf8Members)
        {
            if (reader.ValueTextEquals(member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the object at the start of <paramref name="json"/> has one of <see cref="Members"/> as its first member,
    /// written without escapes (the framer then knows a top-level object is a record without parsing it).
    /// </summary>
    public static bool StartsWithMarker(ReadOnlySpan<byte> json)
    {
        int quote = json[1..].IndexOfAnyExcept(" \t\r\n"u8) + 1;
        if (quote <= 0 || json[quote] != (byte)'"')
        {
            return false;
        }

        ReadOnlySpan<byte> rest = json[(quote + 1)..];
        int close = rest[..Math.Min(rest.Length, 16)].IndexOfAny((byte)'"', (byte)'\\');
        if (close < 0 || rest[close] != (byte)'"')
        {
            return false;
        }

        foreach (byte[] member in Utf8Members)
        {
            if (rest[..close].SequenceEqual(member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a parsed object has any of <see cref="Members"/> with a value: as its typed property, or kept in
    /// <see cref="CloudTrailRecord.AdditionalFields"/> when of the wrong JSON type (an eventTime of "redacted", an eventName of 5).
    /// </summary>
    public static bool HasMarker(CloudTrailRecord r)
    {
        if (r.EventVersion is not null || r.EventTime is not null || r.EventSource is not null || r.EventName is not null
            || r.EventId is not null || r.UserIdentity is not null)
        {
            return true;
        }

        IReadOnlyDictionary<string, JsonElement> extras = r.AdditionalFields;
        return extras.Count != 0 && Array.Exists(Members, extras.ContainsKey);
    }

    /// <summary>S3 event notifications also have a <c>Records</c> array; their records say <c>eventSource: aws:s3</c> and carry <c>s3</c>.</summary>
    public static bool IsS3EventNotification(CloudTrailRecord r) =>
        string.Equals(r.EventSource, "aws:s3", StringComparison.Ordinal) && r.AdditionalFields.ContainsKey("s3");
}
