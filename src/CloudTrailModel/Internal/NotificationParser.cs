using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CloudTrailModel.Reading.Framing;

namespace CloudTrailModel.Internal;

/// <summary>
/// Finds the objects a notification names (<see cref="CloudTrailNotifications"/>): one forward pass of a
/// <see cref="Utf8JsonReader"/> per JSON document, then a decision on the members seen (AWS does not order them).
/// Messages carried as JSON strings (SNS <c>Message</c>, SQS <c>body</c>) are unescaped and read the same way.
/// </summary>
internal static class NotificationParser
{
    // An SQS event holding an SNS message holding an S3 event is three levels; AWS delivers nothing deeper.
    private const int MaxNesting = 4;

    private static ReadOnlySpan<byte> ValidationMessage => "CloudTrail validation message."u8;

    public static IReadOnlyList<CloudTrailObjectReference> Read(ReadOnlySpan<byte> utf8Json)
    {
        var found = new List<CloudTrailObjectReference>();
        ReadDocument(utf8Json, new Where(0, 0, 0), found);
        return found.Count == 0 ? [] : found.ToArray();
    }

    private static void ReadDocument(ReadOnlySpan<byte> json, Where where, List<CloudTrailObjectReference> found)
    {
        int start = json.StartsWith("\uFEFF"u8) ? 3 : 0;
        json = json[start..];
        int first = json.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            Throw(where.Nesting == 0 ? CloudTrailErrorCode.EmptyInput : CloudTrailErrorCode.NotANotification, where, 0, "an empty message");
        }

        ReadOnlySpan<byte> trimmed = json[first..].TrimEnd(" \t\r\n"u8);
        if (trimmed.SequenceEqual(ValidationMessage))
        {
            return;
        }

        if (trimmed[0] != (byte)'{')
        {
            Throw(CloudTrailErrorCode.NotANotification, where, start + first, "not a JSON object");
        }

        if (where.Nesting > MaxNesting)
        {
            Throw(CloudTrailErrorCode.NotANotification, where, start + first, "a message nested deeper than AWS nests notifications");
        }

        Shape shape = Scan(json, where, start);
        Decide(shape, where, found);
    }

    private static Shape Scan(ReadOnlySpan<byte> json, Where where, int start)
    {
        var reader = new Utf8JsonReader(json);
        var shape = new Shape();
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                ScanMember(ref reader, name, shape, where, start);
            }

            if (reader.Read())
            {
                Throw(CloudTrailErrorCode.InvalidJson, where, start + reader.TokenStartIndex, "followed by more JSON");
            }
        }
        catch (JsonException e) when (e is not CloudTrailParseException)
        {
            Throw(CloudTrailErrorCode.InvalidJson, where, start + reader.BytesConsumed, "not well-formed JSON");
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 (the reader checks strings only when they are read).
            Throw(CloudTrailErrorCode.InvalidJson, where, start + reader.TokenStartIndex, "JSON with a string that is not valid UTF-8");
        }

        return shape;
    }

    private static void ScanMember(ref Utf8JsonReader reader, string name, Shape shape, Where where, int start)
    {
        switch (name)
        {
            case "s3Bucket":
                shape.Bucket = String(ref reader, name, where, start);
                shape.IsCloudTrail = true;
                break;
            case "s3ObjectKey":
                shape.Keys = Keys(ref reader, where, start);
                shape.IsCloudTrail = true;
                break;
            case "Type": shape.SnsType = String(ref reader, name, where, start); break;
            case "Message": shape.Message = Message(ref reader, name, where, start); break;
            case "Event": shape.Event = String(ref reader, name, where, start); break;
            case "source": shape.Source = String(ref reader, name, where, start); break;
            case "detail-type": shape.DetailType = String(ref reader, name, where, start); break;
            case "detail":
                shape.HasDetail = true;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    BucketAndKey(ref reader, out shape.DetailBucket, out shape.DetailKey);
                }
                else
                {
                    reader.Skip();
                }

                break;
            case "Records":
                shape.Records = Records(ref reader, where, start);
                break;
            default:
                shape.Other |= Recognise(name);
                reader.Skip();
                break;
        }
    }

    private static List<RecordShape> Records(ref Utf8JsonReader reader, Where where, int start)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Throw(CloudTrailErrorCode.NotANotification, where, start + reader.TokenStartIndex, "an object whose Records member is not an array");
        }

        var records = new List<RecordShape>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var record = new RecordShape { Offset = start + reader.TokenStartIndex };
            records.Add(record);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "eventSource" or "EventSource": record.EventSource = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; reader.Skip(); break;
                    case "eventName": record.EventName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; reader.Skip(); break;
                    case "s3" when reader.TokenType == JsonTokenType.StartObject:
                        record.IsS3 = true;
                        BucketAndKey(ref reader, out record.Bucket, out record.Key);
                        break;
                    case "body": record.Body = Message(ref reader, name, where, start); break;
                    case "Sns" when reader.TokenType == JsonTokenType.StartObject: record.Sns = Sns(ref reader, where, start); break;
                    case "eventTime" or "eventID" or "userIdentity" or "eventVersion" or "awsRegion":
                        record.LooksLikeEvent = true;
                        reader.Skip();
                        break;
                    default: reader.Skip(); break;
                }
            }
        }

        return records;
    }

    private static Shape Sns(ref Utf8JsonReader reader, Where where, int start)
    {
        var sns = new Shape();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "Type": sns.SnsType = String(ref reader, name, where, start); break;
                case "Message": sns.Message = Message(ref reader, name, where, start); break;
                default: reader.Skip(); break;
            }
        }

        return sns;
    }

    // Reads {"bucket":{"name":...}, "object":{"key":...}}: the s3 member of an S3 event record and an EventBridge detail.
    private static void BucketAndKey(ref Utf8JsonReader reader, out string? bucket, out string? key)
    {
        bucket = null;
        key = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isBucket = reader.ValueTextEquals("bucket"u8);
            bool isObject = !isBucket && reader.ValueTextEquals("object"u8);
            reader.Read();
            if ((isBucket || isObject) && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadOnlySpan<byte> wanted = isBucket ? "name"u8 : "key"u8;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool match = reader.ValueTextEquals(wanted);
                    reader.Read();
                    if (match && reader.TokenType == JsonTokenType.String)
                    {
                        if (isBucket)
                        {
                            bucket = reader.GetString();
                        }
                        else
                        {
                            key = reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static List<string> Keys(ref Utf8JsonReader reader, Where where, int start)
    {
        // CloudTrail writes a list; some deliveries and hand-made messages carry a single string.
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Throw(CloudTrailErrorCode.NotANotification, where, start + reader.TokenStartIndex, "a CloudTrail notification whose s3ObjectKey is neither a string nor a list of strings");
        }

        var keys = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Throw(CloudTrailErrorCode.NotANotification, where, start + reader.TokenStartIndex, "a CloudTrail notification whose s3ObjectKey list holds a value that is not a string");
            }

            keys.Add(reader.GetString()!);
        }

        return keys;
    }

    private static string String(ref Utf8JsonReader reader, string name, Where where, int start)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            Throw(CloudTrailErrorCode.NotANotification, where, start + reader.TokenStartIndex, $"an object whose {name} member is not a string");
        }

        return reader.GetString()!;
    }

    private static Nested Message(ref Utf8JsonReader reader, string name, Where where, int start)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            Throw(CloudTrailErrorCode.NotANotification, where, start + reader.TokenStartIndex, $"an object whose {name} member is not a string");
        }

        byte[] text = new byte[reader.ValueSpan.Length];
        int length = reader.CopyString(text);
        return new Nested(text.AsMemory(0, length), start + reader.TokenStartIndex);
    }

    private static void Decide(Shape shape, Where where, List<CloudTrailObjectReference> found)
    {
        if (shape.IsCloudTrail)
        {
            if (shape.Bucket is null || shape.Keys is null)
            {
                Throw(CloudTrailErrorCode.NotANotification, where, 0, "a CloudTrail notification without its s3Bucket or its s3ObjectKey");
            }

            foreach (string key in shape.Keys)
            {
                found.Add(new CloudTrailObjectReference(shape.Bucket, key));
            }
        }
        else if (shape.SnsType is not null)
        {
            Sns(shape, where, 0, found);
        }
        else if (string.Equals(shape.Event, "s3:TestEvent", StringComparison.Ordinal))
        {
            return;
        }
        else if (shape.Source is not null && shape.HasDetail)
        {
            EventBridge(shape, where);
            if (string.Equals(shape.DetailType, "Object Created", StringComparison.Ordinal))
            {
                found.Add(new CloudTrailObjectReference(shape.DetailBucket!, S3Key(shape.DetailKey!)));
            }
        }
        else if (shape.Records is not null)
        {
            Records(shape.Records, where, found);
        }
        else
        {
            Throw(CloudTrailErrorCode.NotANotification, where, 0, Describe(shape.Other));
        }
    }

    private static void Sns(Shape sns, Where where, long offset, List<CloudTrailObjectReference> found)
    {
        switch (sns.SnsType)
        {
            // Lambda's SNS records always carry Type, but a Message alone is read as the notification it must be.
            case "Notification" or null when sns.Message is { } message:
                ReadDocument(message.Text.Span, where.Inner(message.Offset), found);
                break;
            case "Notification":
                Throw(CloudTrailErrorCode.NotANotification, where, offset, "an SNS message without its Message");
                break;
            case "SubscriptionConfirmation" or "UnsubscribeConfirmation":
                break;
            default:
                Throw(CloudTrailErrorCode.NotANotification, where, offset, "an SNS message whose Type is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
                break;
        }
    }

    private static void EventBridge(Shape shape, Where where)
    {
        // A CloudTrail event about an S3 call has source aws.s3 too: S3's own events are the "Object ..." detail-types.
        if (shape.DetailType?.EndsWith("via CloudTrail", StringComparison.Ordinal) ?? false)
        {
            Throw(CloudTrailErrorCode.NotANotification, where, 0,
                "an EventBridge event that carries a CloudTrail record, not an object name: CloudTrailReader.ReadRecords reads it, CloudTrailRecord.Parse reads its detail");
        }

        if (!string.Equals(shape.Source, "aws.s3", StringComparison.Ordinal) || !(shape.DetailType?.StartsWith("Object ", StringComparison.Ordinal) ?? false))
        {
            Throw(CloudTrailErrorCode.NotANotification, where, 0, "an EventBridge event that is not an object event from Amazon S3");
        }

        if (string.Equals(shape.DetailType, "Object Created", StringComparison.Ordinal) && (shape.DetailBucket is null || shape.DetailKey is null))
        {
            Throw(CloudTrailErrorCode.NotANotification, where, 0, "an S3 Object Created event without detail.bucket.name or detail.object.key");
        }
    }

    private static void Records(List<RecordShape> records, Where where, List<CloudTrailObjectReference> found)
    {
        for (int i = 0; i < records.Count; i++)
        {
            RecordShape record = records[i];
            Where at = where.Nesting == 0 ? where with { RecordIndex = i } : where;
            if (record.IsS3 || string.Equals(record.EventSource, "aws:s3", StringComparison.Ordinal))
            {
                // Only a created object is there to read; removal, restore and replication records name nothing new.
                if (record.EventName is not null && !record.EventName.StartsWith("ObjectCreated:", StringComparison.Ordinal))
                {
                    continue;
                }

                if (record.Bucket is null || record.Key is null)
                {
                    Throw(CloudTrailErrorCode.NotANotification, at, record.Offset, "an S3 event record without s3.bucket.name or s3.object.key");
                }

                found.Add(new CloudTrailObjectReference(record.Bucket, S3Key(record.Key)));
            }
            else if (record.Body is { } body)
            {
                ReadDocument(body.Text.Span, at.Inner(body.Offset), found);
            }
            else if (record.Sns is { } sns)
            {
                Sns(sns, at.Inner(record.Offset), record.Offset, found);
            }
            else
            {
                Throw(CloudTrailErrorCode.NotANotification, at, record.Offset, record.LooksLikeEvent
                    ? "a CloudTrail log file: it holds records, not object names; CloudTrailReader.ReadRecords reads it"
                    : "a Records array whose element is not an S3 event record, an SQS message or an SNS message");
            }
        }
    }

    // S3 writes keys in its event notifications URL-encoded as in a form: '+' for a space, %XX for other bytes.
    private static string S3Key(string key) =>
        key.AsSpan().IndexOfAny('+', '%') < 0 ? key : WebUtility.UrlDecode(key);

    private static Recognised Recognise(string name) => name switch
    {
        _ when Array.IndexOf(RecordMarkers.Members, name) >= 0 => Recognised.Record,
        "awslogs" or "logEvents" or "messageType" => Recognised.CloudWatchLogs,
        "Events" or "NextToken" => Recognised.LookupEvents,
        "logFiles" or "digestPublicKeyFingerprint" => Recognised.Digest,
        _ => Recognised.None,
    };

    private static string Describe(Recognised other) =>
        (other & Recognised.Record) != 0 ? "a CloudTrail record, not a notification: CloudTrailRecord.Parse reads it"
        : (other & Recognised.CloudWatchLogs) != 0 ? "CloudWatch Logs data, not a notification: CloudTrailReader.ReadRecords reads it"
        : (other & Recognised.LookupEvents) != 0 ? "a LookupEvents page, not a notification: CloudTrailReader.ReadRecords reads it"
        : (other & Recognised.Digest) != 0 ? "a CloudTrail digest file, not a notification"
        : "a JSON object of no notification shape known here";

    [DoesNotReturn]
    private static void Throw(CloudTrailErrorCode code, Where where, long localOffset, string what)
    {
        long offset = where.Nesting == 0 ? localOffset : where.Offset;
        string inner = where.Nesting == 0 ? "The input" : "A message carried in the input";
        string message = string.Create(CultureInfo.InvariantCulture, $"{inner} (record {where.RecordIndex}, byte offset {offset}) is {what}.");
        if (code == CloudTrailErrorCode.NotANotification)
        {
            message += " CloudTrailNotifications reads CloudTrail's SNS notification, SNS and SQS messages, S3 event notifications and EventBridge events from S3.";
        }

        ThrowHelper.ThrowParseException(new CloudTrailRecordError(where.RecordIndex, offset, code, message));
    }

    /// <summary>Where a document sits: the Lambda record it came from, and the offset of its JSON string in the outermost input.</summary>
    private readonly record struct Where(long RecordIndex, long Offset, int Nesting)
    {
        public Where Inner(long offset) => new(RecordIndex, Nesting == 0 ? offset : Offset, Nesting + 1);
    }

    /// <summary>A JSON document carried in a JSON string, unescaped, and the offset of that string.</summary>
    private readonly record struct Nested(ReadOnlyMemory<byte> Text, long Offset);

    [Flags]
    private enum Recognised
    {
        None = 0,
        Record = 1,
        CloudWatchLogs = 2,
        LookupEvents = 4,
        Digest = 8,
    }

    /// <summary>The members of one document that say what it is.</summary>
    private sealed class Shape
    {
        public bool IsCloudTrail;
        public string? Bucket;
        public List<string>? Keys;
        public string? SnsType;
        public Nested? Message;
        public string? Event;
        public string? Source;
        public string? DetailType;
        public bool HasDetail;
        public string? DetailBucket;
        public string? DetailKey;
        public List<RecordShape>? Records;
        public Recognised Other;
    }

    /// <summary>The members of one element of a <c>Records</c> array that say what it is.</summary>
    private sealed class RecordShape
    {
        public long Offset;
        public string? EventSource;
        public string? EventName;
        public bool IsS3;
        public string? Bucket;
        public string? Key;
        public Nested? Body;
        public Shape? Sns;
        public bool LooksLikeEvent;
    }
}
