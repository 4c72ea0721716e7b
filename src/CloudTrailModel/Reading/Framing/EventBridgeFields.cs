using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>The envelope members of an EventBridge event, gathered while its members are read.</summary>
internal struct EventBridgeFields
{
    private string? _version;
    private string? _id;
    private string? _source;
    private string? _account;
    private string? _region;
    private DateTimeOffset? _time;
    private IReadOnlyList<string>? _resources;

    /// <summary>The event's <c>detail-type</c> (read by the caller, which also decides from it).</summary>
    public string? DetailType { get; set; }

    /// <summary>Reads the value of the member the reader is on if it is one of the envelope's: false when it is not (nothing read).</summary>
    public bool Read(ref Utf8JsonReader r)
    {
        if (r.ValueTextEquals("version"u8))
        {
            _version = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("id"u8))
        {
            _id = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("source"u8))
        {
            _source = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("account"u8))
        {
            _account = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("region"u8))
        {
            _region = WrapperJson.NextString(ref r);
        }
        else if (r.ValueTextEquals("time"u8))
        {
            r.Read();
            _time = r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out DateTimeOffset t) ? t : null;
        }
        else if (r.ValueTextEquals("resources"u8))
        {
            r.Read();
            _resources = WrapperJson.Strings(ref r);
        }
        else
        {
            return false;
        }

        return true;
    }

    public readonly EventBridgeWrapper ToWrapper() => new()
    {
        Version = _version,
        Id = _id,
        DetailType = DetailType,
        Source = _source,
        Account = _account,
        Time = _time,
        Region = _region,
        Resources = _resources ?? [],
    };
}
