using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>A resource accessed in an event (an element of JSON <c>resources</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record CloudTrailResource : IJsonModel<CloudTrailResource>, IDeferredTextOwner
{
    // Kept as UTF-8 until first read while it has not repeated (an S3 object's ARN is often unique).
    private Utf8Text _arn;

    // The rest (prefix, account, type) repeats across resources: one object shared by the resources of a reader that
    // have the same, so a resource with an ARN of its own is 40 bytes, not 64.
    private ResourceKind _kind = ResourceKind.None;

    /// <summary>The resource ARN (JSON <c>ARN</c>, upper case).</summary>
    public string? Arn { get => _arn.Get(); init => _arn = new Utf8Text(value); }

    /// <summary>An ARN prefix, given instead of <see cref="Arn"/> for some data events (<c>ARNPrefix</c>).</summary>
    public string? ArnPrefix { get => _kind.ArnPrefix; init => _kind = _kind with { ArnPrefix = value }; }

    /// <summary>The account that owns the resource (<c>accountId</c>); may be missing.</summary>
    public string? AccountId { get => _kind.AccountId; init => _kind = _kind with { AccountId = value }; }

    /// <summary>The resource type, such as <c>AWS::S3::Object</c> (<c>type</c>).</summary>
    public string? Type { get => _kind.Type; init => _kind = _kind with { Type = value }; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields
    {
        get => _kind.AdditionalFields;
        init => _kind = _kind with { AdditionalFields = value };
    }

    /// <summary>The resource's kind: shared with the resources of its reader that have the same one (what the tests check).</summary>
    internal ResourceKind Kind => _kind;

    static CloudTrailResource IJsonModel<CloudTrailResource>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? arnPrefix = null, accountId = null, type = null;
        Utf8Text arn = default;
        int arnHash = 0, kindHash = 0;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "ARN": arn = s.PooledOrUniqueString(ref r, name, ref x); arnHash = s.Pool.LastHash; break;
                case "ARNPrefix": arnPrefix = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 5; break;
                case "accountId": accountId = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 7; break;
                case "type": type = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 11; break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        if (x.IsEmpty && arn.TryGetString(out string? arnText))
        {
            // Made of pooled strings only (the ARN has repeated): the same strings give an equal object, so one instance
            // serves them all; its kind is looked up only when the resource itself is new.
            var key = new ValuesKey(kindHash + (arnHash * 3), arnText, arnPrefix, accountId, type, null);
            return s.SharedResources.Find(key, out int slot)
                ?? s.SharedResources.Add(slot, key, new CloudTrailResource { _arn = arn, _kind = SharedKind(s, kindHash, arnPrefix, accountId, type) });
        }

        // An ARN of its own (kept until first read), or members of its own (then a kind of its own too).
        var own = new CloudTrailResource
        {
            _arn = arn,
            _kind = x.IsEmpty
                ? SharedKind(s, kindHash, arnPrefix, accountId, type)
                : new ResourceKind { ArnPrefix = arnPrefix, AccountId = accountId, Type = type, AdditionalFields = x.Build() },
        };
        if (arn.IsPending)
        {
            s.AddPendingOwner(own);
        }

        return own;
    }

    private static ResourceKind SharedKind(ParseState s, int hash, string? arnPrefix, string? accountId, string? type)
    {
        var key = new ValuesKey(hash, arnPrefix, accountId, type, null, null);
        return s.SharedResourceKinds.Find(key, out int slot)
            ?? s.SharedResourceKinds.Add(slot, key, new ResourceKind { ArnPrefix = arnPrefix, AccountId = accountId, Type = type });
    }

    /// <summary>
    /// A resource's members but its ARN, shared by the resources of a reader that have the same (and no members of their
    /// own); setting one through a property copies the object. Value equality, as a resource's own members would compare.
    /// </summary>
    internal sealed record ResourceKind
    {
        public static readonly ResourceKind None = new();

        public string? ArnPrefix { get; init; }

        public string? AccountId { get; init; }

        public string? Type { get; init; }

        public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;
    }

    void IDeferredTextOwner.ResolveDeferred(byte[] bytes) => _arn.Resolve(bytes);

    void IJsonModel<CloudTrailResource>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "ARN"u8, Arn);
        JsonOut.String(w, "ARNPrefix"u8, ArnPrefix);
        JsonOut.String(w, "accountId"u8, AccountId);
        JsonOut.String(w, "type"u8, Type);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>The TLS connection of the request (JSON <c>tlsDetails</c>, eventVersion 1.08). Members are missing when unknown.</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record TlsDetails : IJsonModel<TlsDetails>
{
    /// <summary>The TLS version, such as <c>TLSv1.3</c> (<c>tlsVersion</c>).</summary>
    public string? TlsVersion { get; init; }

    /// <summary>The cipher suite, such as <c>TLS_AES_128_GCM_SHA256</c> (<c>cipherSuite</c>).</summary>
    public string? CipherSuite { get; init; }

    /// <summary>The host name the client asked for (<c>clientProvidedHostHeader</c>).</summary>
    public string? ClientProvidedHostHeader { get; init; }

    /// <summary>The key exchange, such as <c>X25519MLKEM768</c> (<c>keyExchange</c>).</summary>
    public string? KeyExchange { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static TlsDetails IJsonModel<TlsDetails>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? version = null, cipher = null, host = null, keyExchange = null;
        int hash = 0;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "tlsVersion": version = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 3; break;
                case "cipherSuite": cipher = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 5; break;
                case "clientProvidedHostHeader": host = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 7; break;
                case "keyExchange": keyExchange = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 11; break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        if (!x.IsEmpty)
        {
            return new TlsDetails { TlsVersion = version, CipherSuite = cipher, ClientProvidedHostHeader = host, KeyExchange = keyExchange, AdditionalFields = x.Build() };
        }

        // Made of pooled strings only: the same strings give an equal object, so one instance serves them all.
        var key = new ValuesKey(hash, version, cipher, host, keyExchange, null);
        return s.SharedTlsDetails.Find(key, out int slot)
            ?? s.SharedTlsDetails.Add(slot, key, new TlsDetails { TlsVersion = version, CipherSuite = cipher, ClientProvidedHostHeader = host, KeyExchange = keyExchange });
    }

    void IJsonModel<TlsDetails>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "tlsVersion"u8, TlsVersion);
        JsonOut.String(w, "cipherSuite"u8, CipherSuite);
        JsonOut.String(w, "clientProvidedHostHeader"u8, ClientProvidedHostHeader);
        JsonOut.String(w, "keyExchange"u8, KeyExchange);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>Why an event was delivered late or changed after delivery (JSON <c>addendum</c>, eventVersion 1.08).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record Addendum : IJsonModel<Addendum>
{
    /// <summary>The reason (<c>reason</c>): <c>DELIVERY_DELAY</c>, <c>UPDATED_DATA</c> or <c>SERVICE_OUTAGE</c>.</summary>
    public AddendumReason? Reason { get; init; }

    /// <summary>The fields that were updated, for <c>UPDATED_DATA</c> (<c>updatedFields</c>).</summary>
    public string? UpdatedFields { get; init; }

    /// <summary>The request ID of the original event, for <c>UPDATED_DATA</c> (<c>originalRequestID</c>).</summary>
    public string? OriginalRequestId { get; init; }

    /// <summary>The event ID of the original event, for <c>UPDATED_DATA</c> (<c>originalEventID</c>).</summary>
    public string? OriginalEventId { get; init; }

    /// <summary>The UID of the original event, used by CloudTrail Lake integrations (<c>originalUID</c>).</summary>
    public string? OriginalUid { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static Addendum IJsonModel<Addendum>.Read(ref Utf8JsonReader r, ParseState s)
    {
        AddendumReason? reason = null;
        string? updated = null, requestId = null, eventId = null, uid = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "reason": reason = s.Value<AddendumReason>(ref r, name, ref x); break;
                case "updatedFields": updated = s.String(ref r, name, ref x); break;
                case "originalRequestID": requestId = s.String(ref r, name, ref x); break;
                case "originalEventID": eventId = s.String(ref r, name, ref x); break;
                case "originalUID": uid = s.String(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new Addendum { Reason = reason, UpdatedFields = updated, OriginalRequestId = requestId, OriginalEventId = eventId, OriginalUid = uid, AdditionalFields = x.Build() };
    }

    void IJsonModel<Addendum>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Value(w, "reason"u8, Reason);
        JsonOut.String(w, "updatedFields"u8, UpdatedFields);
        JsonOut.String(w, "originalRequestID"u8, OriginalRequestId);
        JsonOut.String(w, "originalEventID"u8, OriginalEventId);
        JsonOut.String(w, "originalUID"u8, OriginalUid);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>The edge device targeted by a request, such as S3 on Outposts (JSON <c>edgeDeviceDetails</c>, eventVersion 1.08).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record EdgeDeviceDetails : IJsonModel<EdgeDeviceDetails>
{
    private bool _upperCaseDeviceId;

    /// <summary>The kind of device, such as <c>outposts</c> (<c>type</c>).</summary>
    public string? Type { get; init; }

    /// <summary>The device ID (<c>deviceId</c>; AWS also spells it <c>deviceID</c>, and either spelling is read and written back as it came).</summary>
    public string? DeviceId
    {
        get;
        init
        {
            field = value;
            _upperCaseDeviceId = false;
        }
    }

    /// <summary>The Snow job ID (<c>snowJobId</c>).</summary>
    public string? SnowJobId { get; init; }

    /// <summary>The device family (<c>deviceFamily</c>).</summary>
    public string? DeviceFamily { get; init; }

    /// <summary>Device attributes, kept as raw JSON (<c>attributes</c>).</summary>
    public RawJson? Attributes { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static EdgeDeviceDetails IJsonModel<EdgeDeviceDetails>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? type = null, deviceId = null, snowJobId = null, family = null;
        bool upper = false;
        RawJson? attributes = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "type": type = s.PooledString(ref r, name, ref x); break;
                case "deviceId" when deviceId is null: deviceId = s.PooledString(ref r, name, ref x); break;
                case "deviceID" when deviceId is null:
                    deviceId = s.PooledString(ref r, name, ref x);
                    upper = deviceId is not null;
                    break;
                case "snowJobId": snowJobId = s.PooledString(ref r, name, ref x); break;
                case "deviceFamily": family = s.PooledString(ref r, name, ref x); break;
                case "attributes": attributes = s.Raw(ref r); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new EdgeDeviceDetails
        {
            Type = type,
            DeviceId = deviceId,
            SnowJobId = snowJobId,
            DeviceFamily = family,
            Attributes = attributes,
            AdditionalFields = x.Build(),
            _upperCaseDeviceId = upper,
        };
    }

    void IJsonModel<EdgeDeviceDetails>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "type"u8, Type);
        JsonOut.String(w, _upperCaseDeviceId ? "deviceID"u8 : "deviceId"u8, DeviceId);
        JsonOut.String(w, "snowJobId"u8, SnowJobId);
        JsonOut.String(w, "deviceFamily"u8, DeviceFamily);
        JsonOut.Raw(w, "attributes"u8, Attributes);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>Context CloudTrail Lake adds to enriched events (JSON <c>eventContext</c>, eventVersion 1.11).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record EventContext : IJsonModel<EventContext>
{
    /// <summary>The IAM global condition keys evaluated for the request (<c>requestContext</c>), as raw JSON.</summary>
    public RawJson? RequestContext { get; init; }

    /// <summary>The resource and principal tags (<c>tagContext</c>), as raw JSON.</summary>
    public RawJson? TagContext { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static EventContext IJsonModel<EventContext>.Read(ref Utf8JsonReader r, ParseState s)
    {
        RawJson? request = null, tags = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "requestContext": request = s.Raw(ref r); break;
                case "tagContext": tags = s.Raw(ref r); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new EventContext { RequestContext = request, TagContext = tags, AdditionalFields = x.Build() };
    }

    void IJsonModel<EventContext>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Raw(w, "requestContext"u8, RequestContext);
        JsonOut.Raw(w, "tagContext"u8, TagContext);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}
