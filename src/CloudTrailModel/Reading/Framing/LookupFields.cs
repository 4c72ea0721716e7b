using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>The summary members of a <c>LookupEvents</c> event, gathered while its members are read.</summary>
internal struct LookupFields
{
    private string? _eventId;
    private string? _eventName;
    private string? _readOnly;
    private string? _accessKeyId;
    private DateTimeOffset? _eventTime;
    private string? _eventSource;
    private string? _username;
    private RawJson? _resources;

    /// <summary>Reads the value of the member the reader is on if it is one of the summary's: false when it is not (nothing read).</summary>
    public bool Read(ref Utf8JsonReader r, ReadOnlySpan<byte> source)
    {
        if (r.ValueTextEquals("EventId"u8))
        {
            _eventId = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("EventName"u8))
        {
            _eventName = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("ReadOnly"u8))
        {
            _readOnly = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("AccessKeyId"u8))
        {
            _accessKeyId = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("EventSource"u8))
        {
            _eventSource = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("Username"u8))
        {
            _username = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("EventTime"u8))
        {
            r.Read();
            _eventTime = Time(ref r);
        }
        else if (r.ValueTextEquals("Resources"u8))
        {
            r.Read();
            int start = (int)r.TokenStartIndex;
            r.Skip();
            _resources = r.TokenType == JsonTokenType.Null ? null : new RawJson(source[start..(int)r.BytesConsumed].ToArray());
        }
        else
        {
            return false;
        }

        return true;
    }

    public readonly LookupEventsWrapper ToWrapper(string? nextToken) => new()
    {
        EventId = _eventId,
        EventName = _eventName,
        ReadOnly = _readOnly,
        AccessKeyId = _accessKeyId,
        EventTime = _eventTime,
        EventSource = _eventSource,
        Username = _username,
        Resources = _resources,
        NextToken = nextToken,
    };

    /// <summary>Epoch seconds (the API's JSON, maybe with a fraction) or an ISO 8601 string (the AWS CLI's output).</summary>
    private static DateTimeOffset? Time(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            return r.TryGetDateTimeOffset(out DateTimeOffset t) ? t : null;
        }

        if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double seconds) && seconds is >= -62135596800 and <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        return null;
    }
}
