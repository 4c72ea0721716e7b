using System.Buffers;
using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Finds the record slots of one complete wrapper document (an EventBridge event, a CloudWatch Logs message or
/// Lambda event, a <c>LookupEvents</c> page) that the framer holds whole in its buffer. Records are not parsed
/// here: each slot says where its record is, and the framer materialises it like any record. The decoded payload
/// of a CloudWatch Logs Lambda event and the unescaped text of string records live in pooled buffers kept here.
/// </summary>
internal sealed partial class WrapperDocument : IDisposable
{
    private static ReadOnlySpan<byte> CloudTrailDetailTypeEnd => " via CloudTrail"u8;

    /// <summary>
    /// How deep a wrapper document may nest: far past any record limit, so a record too deep is reported as such by
    /// the materialiser (the document is bounded in size, so this bounds nothing that matters).
    /// </summary>
    public const int WrapperDepthLimit = 4096;

    private readonly List<WrapperItem> _items = [];
    private readonly bool _keepWrappers;
    private int _next;
    private byte[] _payload = [];
    private byte[] _scratch = [];

    public WrapperDocument(bool keepWrappers) => _keepWrappers = keepWrappers;

    /// <summary>The decoded data of the last CloudWatch Logs Lambda event.</summary>
    public byte[] Payload => _payload;

    /// <summary>Where the decoded data in <see cref="Payload"/> ends.</summary>
    public int PayloadEnd { get; private set; }

    /// <summary>How many bytes the payloads decompressed so far (they count against the input's decompressed size).</summary>
    public long DecompressedBytes { get; private set; }

    public void Dispose()
    {
        Return(ref _payload);
        Return(ref _scratch);
    }

    /// <summary>The next record slot of the document read last, if any is left.</summary>
    public bool TryNext(out WrapperItem item)
    {
        if (_next < _items.Count)
        {
            item = _items[_next++];
            return true;
        }

        item = default;
        return false;
    }

    /// <summary>
    /// Lists the record slots of the complete JSON object <c>buffer[start..end)</c>, whose first byte is at absolute
    /// offset <paramref name="offset"/>. <paramref name="budget"/> bounds a Lambda event's decompressed payload.
    /// </summary>
    public void Read(WrapperKind kind, byte[] buffer, int start, int end, long offset, long budget, int maxPayload)
    {
        _items.Clear();
        _next = 0;
        try
        {
            switch (kind)
            {
                case WrapperKind.EventBridge:
                    ReadEventBridge(buffer.AsSpan(start, end - start), offset, start);
                    break;
                case WrapperKind.CloudWatchLogs:
                    ReadLogsMessage(buffer.AsSpan(start, end - start), offset, fixedOffset: null, inPayload: false, start);
                    break;
                case WrapperKind.AwsLogs:
                    ReadAwsLogs(buffer.AsSpan(start, end - start), offset, budget, maxPayload);
                    break;
                default:
                    ReadLookupPage(buffer.AsSpan(start, end - start), offset, start);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // The document is well-formed (the framer checked it), so only a payload or an odd escape gets here.
            Error(CloudTrailErrorCode.InvalidJson, offset);
        }
    }

    /// <summary>
    /// The text of the string at <c>buffer[start..]</c>, unescaped: in <paramref name="buffer"/> itself when it has no
    /// escapes, else in a pooled scratch buffer. Returns the buffer holding it, or null when the string is not valid
    /// UTF-16 once unescaped (a lone surrogate escape such as <c>\ud800</c>, which JSON allows and no record can hold).
    /// </summary>
    public byte[]? StringText(byte[] buffer, int start, int end, out int textStart, out int textEnd)
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), isFinalBlock: true, state: default);
        reader.Read();
        if (!reader.ValueIsEscaped)
        {
            textStart = start + (int)reader.TokenStartIndex + 1;
            textEnd = textStart + reader.ValueSpan.Length;
            return buffer;
        }

        Ensure(ref _scratch, reader.ValueSpan.Length);
        textStart = 0;
        try
        {
            textEnd = reader.CopyString(_scratch);
        }
        catch (InvalidOperationException)
        {
            textEnd = 0;
            return null;
        }

        return _scratch;
    }

    private void ReadEventBridge(ReadOnlySpan<byte> doc, long offset, int bufferStart)
    {
        var r = new Utf8JsonReader(doc, ReaderOptions);
        r.Read();
        bool fromCloudTrail = false;
        int detail = -1;
        bool detailIsObject = false;
        EventBridgeFields fields = default;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("detail-type"u8))
            {
                r.Read();
                fromCloudTrail = r.TokenType == JsonTokenType.String
                    && (r.ValueIsEscaped ? r.GetString()!.EndsWith(" via CloudTrail", StringComparison.Ordinal) : r.ValueSpan.EndsWith(CloudTrailDetailTypeEnd));
                fields.DetailType = _keepWrappers ? WrapperJson.StringOrNull(ref r) : null;
            }
            else if (r.ValueTextEquals("detail"u8))
            {
                r.Read();
                detail = (int)r.TokenStartIndex;
                detailIsObject = r.TokenType == JsonTokenType.StartObject;
            }
            else if (!_keepWrappers || !fields.Read(ref r))
            {
                r.Read();
            }

            r.Skip();
        }

        if (!fromCloudTrail)
        {
            Error(CloudTrailErrorCode.NotCloudTrailEvent, offset);
            return;
        }

        if (!detailIsObject)
        {
            Error(CloudTrailErrorCode.NotAnObject, detail < 0 ? offset : offset + detail);
            return;
        }

        EventBridgeWrapper? wrapper = _keepWrappers ? fields.ToWrapper() : null;
        _items.Add(new WrapperItem(WrapperItemKind.Object, InPayload: false, bufferStart + detail, offset + detail, default, wrapper));
    }

    /// <summary>A CloudWatch Logs message; <paramref name="fixedOffset"/> is the offset every slot reports (for a Lambda event's payload).</summary>
    private void ReadLogsMessage(ReadOnlySpan<byte> doc, long offset, long? fixedOffset, bool inPayload, int bufferStart)
    {
        var r = new Utf8JsonReader(doc, ReaderOptions);
        r.Read();
        bool control = false;
        int events = -1;
        bool eventsIsArray = false;
        string? owner = null, group = null, stream = null;
        IReadOnlyList<string>? filters = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("messageType"u8))
            {
                r.Read();
                control = r.TokenType == JsonTokenType.String && r.ValueTextEquals("CONTROL_MESSAGE"u8);
            }
            else if (r.ValueTextEquals("logEvents"u8))
            {
                r.Read();
                events = (int)r.TokenStartIndex;
                eventsIsArray = r.TokenType == JsonTokenType.StartArray;
            }
            else if (!_keepWrappers)
            {
                r.Read();
            }
            else if (r.ValueTextEquals("owner"u8))
            {
                owner = WrapperJson.NextString(ref r);
            }
            else if (r.ValueTextEquals("logGroup"u8))
            {
                group = WrapperJson.NextString(ref r);
            }
            else if (r.ValueTextEquals("logStream"u8))
            {
                stream = WrapperJson.NextString(ref r);
            }
            else if (r.ValueTextEquals("subscriptionFilters"u8))
            {
                r.Read();
                filters = WrapperJson.Strings(ref r);
            }
            else
            {
                r.Read();
            }

            r.Skip();
        }

        if (control)
        {
            return;
        }

        if (!eventsIsArray)
        {
            Error(CloudTrailErrorCode.NotCloudTrail, fixedOffset ?? offset + Math.Max(events, 0));
            return;
        }

        var shared = new CloudWatchLogsWrapper { Owner = owner, LogGroup = group, LogStream = stream, SubscriptionFilters = filters ?? [] };
        ReadLogEvents(doc[events..], offset + events, fixedOffset, inPayload, bufferStart + events, shared);
    }

    private void ReadLogEvents(ReadOnlySpan<byte> array, long offset, long? fixedOffset, bool inPayload, int bufferStart, CloudWatchLogsWrapper shared)
    {
        var r = new Utf8JsonReader(array, ReaderOptions);
        r.Read();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            int element = (int)r.TokenStartIndex;
            if (r.TokenType != JsonTokenType.StartObject)
            {
                Error(CloudTrailErrorCode.NotAnObject, fixedOffset ?? offset + element);
                r.Skip();
                continue;
            }

            int message = -1;
            JsonTokenType messageToken = JsonTokenType.None;
            string? id = null;
            DateTimeOffset? timestamp = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("message"u8))
                {
                    r.Read();
                    message = (int)r.TokenStartIndex;
                    messageToken = r.TokenType;
                }
                else if (_keepWrappers && r.ValueTextEquals("id"u8))
                {
                    id = WrapperJson.NextString(ref r);
                }
                else if (_keepWrappers && r.ValueTextEquals("timestamp"u8))
                {
                    r.Read();
                    timestamp = r.TokenType == JsonTokenType.Number && r.TryGetInt64(out long ms) && ms is >= -62135596800000 and <= 253402300799999
                        ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                        : null;
                }
                else
                {
                    r.Read();
                }

                r.Skip();
            }

            CloudWatchLogsWrapper? wrapper = _keepWrappers
                ? new() { Owner = shared.Owner, LogGroup = shared.LogGroup, LogStream = shared.LogStream, SubscriptionFilters = shared.SubscriptionFilters, EventId = id, Timestamp = timestamp }
                : null;
            AddRecord(messageToken, bufferStart + message, fixedOffset ?? offset + (message < 0 ? element : message), inPayload, wrapper);
        }
    }

    private void ReadLookupPage(ReadOnlySpan<byte> doc, long offset, int bufferStart)
    {
        var r = new Utf8JsonReader(doc, ReaderOptions);
        r.Read();
        int events = -1;
        bool eventsIsArray = false;
        string? nextToken = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("Events"u8))
            {
                r.Read();
                events = (int)r.TokenStartIndex;
                eventsIsArray = r.TokenType == JsonTokenType.StartArray;
            }
            else if (_keepWrappers && r.ValueTextEquals("NextToken"u8))
            {
                nextToken = WrapperJson.NextString(ref r);
            }
            else
            {
                r.Read();
            }

            r.Skip();
        }

        if (events < 0)
        {
            // A page with no Events member (only a NextToken) holds no records.
            return;
        }

        if (!eventsIsArray)
        {
            Error(CloudTrailErrorCode.NotCloudTrail, offset + events);
            return;
        }

        ReadLookupEvents(doc[events..], offset + events, bufferStart + events, nextToken);
    }

    private void ReadLookupEvents(ReadOnlySpan<byte> array, long offset, int bufferStart, string? nextToken)
    {
        var r = new Utf8JsonReader(array, ReaderOptions);
        r.Read();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            int element = (int)r.TokenStartIndex;
            if (r.TokenType != JsonTokenType.StartObject)
            {
                Error(CloudTrailErrorCode.NotAnObject, offset + element);
                r.Skip();
                continue;
            }

            int record = -1;
            JsonTokenType recordToken = JsonTokenType.None;
            LookupFields fields = default;
            bool isRecord = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                isRecord |= RecordMarkers.IsMarker(ref r);
                if (r.ValueTextEquals("CloudTrailEvent"u8))
                {
                    r.Read();
                    record = (int)r.TokenStartIndex;
                    recordToken = r.TokenType;
                }
                else if (!_keepWrappers || !fields.Read(ref r, array))
                {
                    r.Read();
                }

                r.Skip();
            }

            LookupEventsWrapper? wrapper = _keepWrappers ? fields.ToWrapper(nextToken) : null;
            if (record < 0 && isRecord)
            {
                // The user guide prints Insights lookups with the records themselves in Events: read them as they are.
                (record, recordToken) = (element, JsonTokenType.StartObject);
            }

            AddRecord(recordToken, bufferStart + record, offset + (record < 0 ? element : record), inPayload: false, wrapper);
        }
    }

    /// <summary>A record held as a string (the documented shape) or, leniently, as an object.</summary>
    private void AddRecord(JsonTokenType token, int start, long offset, bool inPayload, CloudTrailWrapper? wrapper)
    {
        switch (token)
        {
            case JsonTokenType.String:
                _items.Add(new WrapperItem(WrapperItemKind.String, inPayload, start, offset, default, wrapper));
                break;
            case JsonTokenType.StartObject:
                _items.Add(new WrapperItem(WrapperItemKind.Object, inPayload, start, offset, default, wrapper));
                break;
            case JsonTokenType.None:
                Error(CloudTrailErrorCode.NotCloudTrail, offset);
                break;
            default:
                Error(CloudTrailErrorCode.NotAnObject, offset);
                break;
        }
    }

    private void Error(CloudTrailErrorCode code, long offset) => _items.Add(new WrapperItem(WrapperItemKind.Error, false, 0, offset, code, null));

    private static JsonReaderOptions ReaderOptions => new() { MaxDepth = WrapperDepthLimit };

    private static void Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            Return(ref buffer);
            buffer = ArrayPool<byte>.Shared.Rent(size);
        }
    }

    private static void Return(ref byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }
}
