using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// One CloudTrail event record: every documented top-level field, typed. Every member may be missing (Insights
/// records have no <c>userIdentity</c>, network activity events no <c>requestParameters</c>), so every property
/// is nullable. Free-form subtrees stay raw JSON (<see cref="RawJson"/>); members that are unknown, or whose JSON
/// type does not fit their property, are kept in <see cref="AdditionalFields"/>, so writing a record back with
/// <see cref="CloudTrailJsonContext"/> gives the JSON it was read from.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed partial record CloudTrailRecord : IJsonModel<CloudTrailRecord>
{
    private JsonBoolKind _consoleKind;

    // sessionCredentialFromConsole as one byte (0: absent, 1: false, 2: true): a bool? field is laid out in a word of
    // its own, which made the record 8 bytes larger.
    private byte _console;

    // Kept in the record's array until first read: the error message, request, event and shared event IDs (unique to
    // a record, or nearly so), and the free-form values (wrapped in a RawJson on first read).
    private RecordTexts _texts;

    // Kept without Nullable<T>'s extra word: the value's own empty state (or a flag) says the member was absent.
    // A DateTimeOffset as its two parts, so the offset packs beside the small fields (16 bytes as one struct).
    private bool _hasEventTime;
    private short _eventTimeOffset;
    private long _eventTimeTicks;

    // What was called, where, and how CloudTrail classifies it: few combinations in a trail, so one object shared by
    // the records of a reader that have the same ones.
    private RecordKind _kind = RecordKind.None;

    // Members most records do not have live in a side object shared by every record that has none of them.
    private RareMembers _rare = RareMembers.None;

    /// <summary>The record's kind: shared with the records of its reader that have the same one (what the tests check).</summary>
    internal RecordKind Kind => _kind;

    /// <summary>The version of the record format (<c>eventVersion</c>), compared as integers (1.10 &gt; 1.09).</summary>
    public CloudTrailEventVersion? EventVersion
    {
        get => _kind.EventVersion.IsEmpty ? null : _kind.EventVersion;
        init => _kind = _kind with { EventVersion = value.GetValueOrDefault() };
    }

    /// <summary>Who made the request (<c>userIdentity</c>); absent in Insights records.</summary>
    public UserIdentity? UserIdentity { get; init; }

    /// <summary>
    /// When the request completed, in UTC (<c>eventTime</c>). A value that is not a time leaves this null and is kept in
    /// <see cref="AdditionalFields"/>; a time in another spelling than CloudTrail's is written back as it came.
    /// </summary>
    public DateTimeOffset? EventTime
    {
        get => _hasEventTime ? CompactTime.Make(_eventTimeTicks, _eventTimeOffset) : null;
        init
        {
            _eventTimeTicks = CompactTime.Ticks(value.GetValueOrDefault());
            _eventTimeOffset = CompactTime.Offset(value.GetValueOrDefault());
            _hasEventTime = value.HasValue;
            if (_rare.EventTimeSpelling is not null)
            {
                _rare = _rare with { EventTimeSpelling = null };
            }
        }
    }

    /// <summary>The service the request was made to (<c>eventSource</c>), such as <c>s3.amazonaws.com</c>.</summary>
    public string? EventSource { get => _kind.EventSource; init => _kind = _kind with { EventSource = value }; }

    /// <summary>The requested action (<c>eventName</c>), such as <c>GetObject</c> or <c>ConsoleLogin</c>.</summary>
    public string? EventName { get => _kind.EventName; init => _kind = _kind with { EventName = value }; }

    /// <summary>The region the request was made to (<c>awsRegion</c>).</summary>
    public string? AwsRegion { get => _kind.AwsRegion; init => _kind = _kind with { AwsRegion = value }; }

    /// <summary>Where the request came from (<c>sourceIPAddress</c>): an IP address, or a service name such as <c>AWS Internal</c>.</summary>
    public string? SourceIPAddress { get; init; }

    /// <summary>The agent that made the request (<c>userAgent</c>), truncated by AWS beyond 1 KB.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The AWS error, if the request failed (<c>errorCode</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The description of the error, if the request failed (<c>errorMessage</c>).</summary>
    public string? ErrorMessage { get => _texts.GetString(RecordTexts.ErrorMessage); init => _texts.Set(RecordTexts.ErrorMessage, value); }

    /// <summary>The request parameters (<c>requestParameters</c>), raw; null when absent or JSON null.</summary>
    public RawJson? RequestParameters { get => _texts.GetRaw(RecordTexts.RequestParameters); init => _texts.Set(RecordTexts.RequestParameters, value); }

    /// <summary>The response elements (<c>responseElements</c>), raw; null when absent or JSON null.</summary>
    public RawJson? ResponseElements { get => _texts.GetRaw(RecordTexts.ResponseElements); init => _texts.Set(RecordTexts.ResponseElements, value); }

    /// <summary>Additional data about the event (<c>additionalEventData</c>), raw.</summary>
    public RawJson? AdditionalEventData { get => _texts.GetRaw(RecordTexts.AdditionalEventData); init => _texts.Set(RecordTexts.AdditionalEventData, value); }

    /// <summary>The ID the called service gave the request (<c>requestID</c>); not always a GUID.</summary>
    public string? RequestId { get => _texts.GetString(RecordTexts.RequestId); init => _texts.Set(RecordTexts.RequestId, value); }

    /// <summary>The ID CloudTrail gave the event (<c>eventID</c>): the key to remove duplicates with; not always a GUID.</summary>
    public string? EventId { get => _texts.GetString(RecordTexts.EventId); init => _texts.Set(RecordTexts.EventId, value); }

    /// <summary>The kind of event (<c>eventType</c>), such as <c>AwsApiCall</c>.</summary>
    public CloudTrailEventType? EventType
    {
        get => _kind.EventType.IsEmpty ? default(CloudTrailEventType?) : _kind.EventType;
        init => _kind = _kind with { EventType = value.GetValueOrDefault() };
    }

    /// <summary>The API version of an <c>AwsApiCall</c> (<c>apiVersion</c>).</summary>
    public string? ApiVersion { get => _rare.ApiVersion; init => _rare = _rare with { ApiVersion = value }; }

    /// <summary>Whether this is a management event (<c>managementEvent</c>, eventVersion 1.06).</summary>
    public bool? ManagementEvent
    {
        get => _kind.ManagementEvent;
        init => _kind = _kind with { ManagementEvent = value, ManagementEventKind = JsonBoolKind.Default };
    }

    /// <summary>Whether the operation only reads (<c>readOnly</c>).</summary>
    public bool? ReadOnly
    {
        get => _kind.ReadOnly;
        init => _kind = _kind with { ReadOnly = value, ReadOnlyKind = JsonBoolKind.Default };
    }

    /// <summary>The resources accessed (<c>resources</c>).</summary>
    public IReadOnlyList<CloudTrailResource>? Resources { get; init => field = ValueList<CloudTrailResource>.From(value); }

    /// <summary>The account that received this copy of the event (<c>recipientAccountId</c>).</summary>
    public string? RecipientAccountId { get => _kind.RecipientAccountId; init => _kind = _kind with { RecipientAccountId = value }; }

    /// <summary>Details of an <c>AwsServiceEvent</c> (<c>serviceEventDetails</c>), raw.</summary>
    public RawJson? ServiceEventDetails { get => _texts.GetRaw(RecordTexts.ServiceEventDetails); init => _texts.Set(RecordTexts.ServiceEventDetails, value); }

    /// <summary>The ID shared by the copies of one event delivered to several accounts, or by an Insights Start/End pair (<c>sharedEventID</c>).</summary>
    public string? SharedEventId { get => _texts.GetString(RecordTexts.SharedEventId); init => _texts.Set(RecordTexts.SharedEventId, value); }

    /// <summary>The VPC endpoint the request went through (<c>vpcEndpointId</c>).</summary>
    public string? VpcEndpointId { get => _rare.VpcEndpointId; init => _rare = _rare with { VpcEndpointId = value }; }

    /// <summary>The account that owns the VPC endpoint (<c>vpcEndpointAccountId</c>).</summary>
    public string? VpcEndpointAccountId { get => _rare.VpcEndpointAccountId; init => _rare = _rare with { VpcEndpointAccountId = value }; }

    /// <summary>The category of the event (<c>eventCategory</c>), such as <c>Management</c> or <c>Data</c>.</summary>
    public CloudTrailEventCategory? EventCategory
    {
        get => _kind.EventCategory.IsEmpty ? default(CloudTrailEventCategory?) : _kind.EventCategory;
        init => _kind = _kind with { EventCategory = value.GetValueOrDefault() };
    }

    /// <summary>Why the event was delivered late or updated (<c>addendum</c>).</summary>
    public Addendum? Addendum { get => _rare.Addendum; init => _rare = _rare with { Addendum = value }; }

    /// <summary>Whether the request came from a console session through a proxy or external client (<c>sessionCredentialFromConsole</c>, the string <c>"true"</c> in JSON).</summary>
    public bool? SessionCredentialFromConsole
    {
        get => _console == 0 ? null : _console == 2;
        init
        {
            _console = value is null ? (byte)0 : value.Value ? (byte)2 : (byte)1;
            _consoleKind = JsonBoolKind.Default;
        }
    }

    /// <summary>The edge device targeted by the request (<c>edgeDeviceDetails</c>).</summary>
    public EdgeDeviceDetails? EdgeDeviceDetails { get => _rare.EdgeDeviceDetails; init => _rare = _rare with { EdgeDeviceDetails = value }; }

    /// <summary>The TLS connection of the request (<c>tlsDetails</c>).</summary>
    public TlsDetails? TlsDetails { get; init; }

    /// <summary>The unusual activity of an Insights event (<c>insightDetails</c>).</summary>
    public InsightDetails? InsightDetails { get => _rare.InsightDetails; init => _rare = _rare with { InsightDetails = value }; }

    /// <summary>Context added to enriched CloudTrail Lake events (<c>eventContext</c>).</summary>
    public EventContext? EventContext { get => _rare.EventContext; init => _rare = _rare with { EventContext = value }; }

    /// <summary>A user annotation (<c>annotation</c>).</summary>
    public string? Annotation { get => _rare.Annotation; init => _rare = _rare with { Annotation = value }; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields
    {
        get => _rare.AdditionalFields;
        init => _rare = _rare with { AdditionalFields = value };
    }

    /// <summary>Parses one record from UTF-8 JSON.</summary>
    /// <param name="utf8Json">Exactly one JSON object (whitespace around it is allowed).</param>
    /// <returns>The record.</returns>
    /// <exception cref="CloudTrailParseException">
    /// The input is not one well-formed JSON object, or the object has none of the members of a record
    /// (<see cref="CloudTrailErrorCode.NotCloudTrail"/>: an EventBridge event, a log file, <c>{}</c>).
    /// </exception>
    public static CloudTrailRecord Parse(ReadOnlySpan<byte> utf8Json)
    {
        CloudTrailRecord? record = SingleRecordParser.Parse(utf8Json, out CloudTrailRecordError error);
        return record ?? throw new CloudTrailParseException(error);
    }

    /// <summary>Parses one record from JSON text.</summary>
    /// <param name="json">Exactly one JSON object.</param>
    /// <returns>The record.</returns>
    /// <exception cref="CloudTrailParseException">
    /// The input is not one well-formed JSON object, or the object has none of the members of a record
    /// (<see cref="CloudTrailErrorCode.NotCloudTrail"/>: an EventBridge event, a log file, <c>{}</c>).
    /// </exception>
    public static CloudTrailRecord Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Tries to parse one record from UTF-8 JSON; never throws for bad input.</summary>
    /// <param name="utf8Json">Exactly one JSON object.</param>
    /// <param name="record">The record, when the input was valid.</param>
    /// <returns><see langword="true"/> when the input was one well-formed JSON object with at least one member of a record.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out CloudTrailRecord? record)
    {
        record = SingleRecordParser.Parse(utf8Json, out _);
        return record is not null;
    }

    /// <summary>Tries to parse one record from JSON text; never throws for bad input.</summary>
    /// <param name="json">Exactly one JSON object.</param>
    /// <param name="record">The record, when the input was valid.</param>
    /// <returns><see langword="true"/> when the input was one well-formed JSON object with at least one member of a record.</returns>
    public static bool TryParse([NotNullWhen(true)] string? json, [NotNullWhen(true)] out CloudTrailRecord? record)
    {
        if (json is null)
        {
            record = null;
            return false;
        }

        return TryParse(Encoding.UTF8.GetBytes(json), out record);
    }

    static CloudTrailRecord IJsonModel<CloudTrailRecord>.Read(ref Utf8JsonReader r, ParseState s) => ReadRecord(ref r, s);

    internal static CloudTrailRecord ReadRecord(ref Utf8JsonReader r, ParseState s)
    {
        CloudTrailEventVersion eventVersion = default;
        string? versionText = null, typeText = null, categoryText = null;

        // The kind's strings' hashes as the pool computed them (see RecordKind.Key): a sum, so a repeated member only
        // makes the sum differ, which costs a miss.
        int kindHash = 0;
        UserIdentity? userIdentity = null;
        DateTimeOffset eventTime = default;
        bool hasEventTime = false;
        string? eventTimeSpelling = null;
        string? eventSource = null, eventName = null, awsRegion = null, sourceIp = null, userAgent = null, errorCode = null;
        Utf8Text errorMessage = default, requestId = default, eventId = default, sharedEventId = default;
        RawRange requestParameters = default, responseElements = default, additionalEventData = default, serviceEventDetails = default;
        string? apiVersion = null, recipientAccountId = null;
        string? vpcEndpointId = null, vpcEndpointAccountId = null, annotation = null;
        bool? managementEvent = null, readOnly = null, console = null;
        JsonBoolKind managementKind = JsonBoolKind.Default, readOnlyKind = JsonBoolKind.Default, consoleKind = JsonBoolKind.Default;
        IReadOnlyList<CloudTrailResource>? resources = null;
        Addendum? addendum = null;
        EdgeDeviceDetails? edge = null;
        TlsDetails? tls = null;
        InsightDetails? insight = null;
        EventContext? eventContext = null;
        ExtraFields x = default;
        s.BeginRecord();
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "eventVersion":
                    // The last member counts: a value that is not a version clears an earlier one.
                    versionText = s.PooledString(ref r, name, ref x);
                    kindHash += s.Pool.LastHash * 3;
                    eventVersion = default;
                    if (versionText is not null && !CloudTrailEventVersion.TryParse(versionText, out eventVersion))
                    {
                        x.Add(name, JsonElementFactory.String(versionText));
                    }

                    break;
                case "userIdentity": userIdentity = s.Object<UserIdentity>(ref r, name, ref x); break;
                case "eventTime":
                    DateTimeOffset? time = s.Time(ref r, name, ref x, out eventTimeSpelling);
                    eventTime = time.GetValueOrDefault();
                    hasEventTime = time.HasValue;
                    break;
                case "eventSource": eventSource = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 5; break;
                case "eventName": eventName = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 7; break;
                case "awsRegion": awsRegion = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 11; break;
                case "sourceIPAddress": sourceIp = s.PooledString(ref r, name, ref x); break;
                case "userAgent": userAgent = s.PooledString(ref r, name, ref x); break;
                case "errorCode": errorCode = s.PooledString(ref r, name, ref x); break;
                case "errorMessage": errorMessage = s.PooledOrUniqueString(ref r, name, ref x); break;
                case "requestParameters": requestParameters = s.RawRange(ref r); break;
                case "responseElements": responseElements = s.RawRange(ref r); break;
                case "additionalEventData": additionalEventData = s.RawRange(ref r); break;
                case "requestID": requestId = s.UniqueString(ref r, name, ref x); break;
                case "eventID": eventId = s.UniqueString(ref r, name, ref x); break;
                case "eventType": typeText = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 13; break;
                case "apiVersion": apiVersion = s.PooledString(ref r, name, ref x); break;
                case "managementEvent": managementEvent = s.Bool(ref r, name, ref x, out managementKind); break;
                case "readOnly": readOnly = s.Bool(ref r, name, ref x, out readOnlyKind); break;
                case "resources": resources = s.List<CloudTrailResource>(ref r, name, ref x); break;
                case "recipientAccountId": recipientAccountId = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 17; break;
                case "serviceEventDetails": serviceEventDetails = s.RawRange(ref r); break;
                case "sharedEventID": sharedEventId = s.UniqueString(ref r, name, ref x); break;
                case "vpcEndpointId": vpcEndpointId = s.PooledString(ref r, name, ref x); break;
                case "vpcEndpointAccountId": vpcEndpointAccountId = s.PooledString(ref r, name, ref x); break;
                case "eventCategory": categoryText = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 19; break;
                case "addendum": addendum = s.Object<Addendum>(ref r, name, ref x); break;
                case "sessionCredentialFromConsole": console = s.Bool(ref r, name, ref x, out consoleKind); break;
                case "edgeDeviceDetails": edge = s.Object<EdgeDeviceDetails>(ref r, name, ref x); break;
                case "tlsDetails": tls = s.Object<TlsDetails>(ref r, name, ref x); break;
                case "insightDetails": insight = s.Object<InsightDetails>(ref r, name, ref x); break;
                case "eventContext": eventContext = s.Object<EventContext>(ref r, name, ref x); break;
                case "annotation": annotation = s.String(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        // The record is done: its free-form values and deferred strings share one array, which ends with a table of
        // where the record's own values are.
        Span<byte> table = s.TableScratch;
        int tableLength = RecordTexts.WriteTable(table, errorMessage, requestId, eventId, sharedEventId, s.DeferredLength,
            requestParameters, responseElements, additionalEventData, serviceEventDetails);
        s.EndRecord(requestParameters, responseElements, additionalEventData, serviceEventDetails, table[..tableLength], out byte[] bytes);
        var texts = RecordTexts.Create(bytes, errorMessage, requestId, eventId, sharedEventId);
        IReadOnlyDictionary<string, JsonElement> extras = x.Build();
        RareMembers rare = apiVersion is null && vpcEndpointId is null
            && vpcEndpointAccountId is null && addendum is null && edge is null && insight is null && eventContext is null
            && annotation is null && eventTimeSpelling is null && ReferenceEquals(extras, EmptyFields.Instance)
            ? RareMembers.None
            : new RareMembers
            {
                ApiVersion = apiVersion,
                VpcEndpointId = vpcEndpointId,
                VpcEndpointAccountId = vpcEndpointAccountId,
                Addendum = addendum,
                EdgeDeviceDetails = edge,
                InsightDetails = insight,
                EventContext = eventContext,
                Annotation = annotation,
                EventTimeSpelling = eventTimeSpelling,
                AdditionalFields = extras,
            };
        // The key holds the strings as read (pooled, so equal values are one instance), from which the kind follows.
        var kindKey = new RecordKind.Key(kindHash, versionText, eventSource, eventName, awsRegion, recipientAccountId, typeText, categoryText,
            managementEvent, managementKind, readOnly, readOnlyKind);
        RecordKind kind = s.SharedRecordKinds.Find(kindKey, out int kindSlot) ?? s.SharedRecordKinds.Add(kindSlot, kindKey, new RecordKind
        {
            EventVersion = eventVersion,
            EventSource = eventSource,
            EventName = eventName,
            AwsRegion = awsRegion,
            RecipientAccountId = recipientAccountId,
            EventType = typeText is null ? default : new CloudTrailEventType(typeText),
            EventCategory = categoryText is null ? default : new CloudTrailEventCategory(categoryText),
            ManagementEvent = managementEvent,
            ManagementEventKind = managementKind,
            ReadOnly = readOnly,
            ReadOnlyKind = readOnlyKind,
        });
        return new CloudTrailRecord
        {
            _kind = kind,
            UserIdentity = userIdentity,
            _eventTimeTicks = CompactTime.Ticks(eventTime),
            _eventTimeOffset = CompactTime.Offset(eventTime),
            _hasEventTime = hasEventTime,
            SourceIPAddress = sourceIp,
            UserAgent = userAgent,
            ErrorCode = errorCode,
            _texts = texts,
            Resources = resources,
            SessionCredentialFromConsole = console,
            TlsDetails = tls,
            _rare = rare,
            _consoleKind = consoleKind,
        };
    }

    /// <summary>
    /// What was called, where, and how CloudTrail classifies it: the members that records of one kind share, made once
    /// per combination a reader meets (<see cref="ParseState.SharedRecordKinds"/>). A record made in code starts with
    /// <see cref="None"/>, and setting one of these members through a property copies the object, so records never
    /// share a changed one. Value equality, so a record compares the same whichever way its members were set.
    /// </summary>
    internal sealed record RecordKind
    {
        public static readonly RecordKind None = new();

        public CloudTrailEventVersion EventVersion { get; init; }

        public string? EventSource { get; init; }

        public string? EventName { get; init; }

        public string? AwsRegion { get; init; }

        public string? RecipientAccountId { get; init; }

        public CloudTrailEventType EventType { get; init; }

        public CloudTrailEventCategory EventCategory { get; init; }

        public bool? ManagementEvent { get; init; }

        public bool? ReadOnly { get; init; }

        // How the booleans were written (a JSON boolean or a string), so they are written back the same way.
        public JsonBoolKind ManagementEventKind { get; init; }

        public JsonBoolKind ReadOnlyKind { get; init; }

        /// <summary>
        /// A kind as read: the strings as the reader pooled them (so equal values are one instance, compared by
        /// reference), and the booleans with how they were written. The version, type and category follow from their
        /// text; a version that is not one has none, whatever its text.
        /// </summary>
        internal readonly struct Key(
            int stringsHash, string? eventVersion, string? eventSource, string? eventName, string? awsRegion, string? recipientAccountId, string? eventType, string? eventCategory,
            bool? managementEvent, JsonBoolKind managementEventKind, bool? readOnly, JsonBoolKind readOnlyKind) : IPoolKey<Key>
        {
            // Computed from the strings' text while they were read (the string pool's hashes, which the reader has in
            // cache): hashing the strings here would read seven objects that are likely out of cache, which cost 2% of
            // the whole read. Equal strings give equal hashes, whatever instance holds them.
            private readonly int _stringsHash = stringsHash;
            public readonly string? EventVersion = eventVersion;
            public readonly string? EventSource = eventSource;
            public readonly string? EventName = eventName;
            public readonly string? AwsRegion = awsRegion;
            public readonly string? RecipientAccountId = recipientAccountId;
            public readonly string? EventType = eventType;
            public readonly string? EventCategory = eventCategory;
            public readonly bool? ManagementEvent = managementEvent;
            public readonly bool? ReadOnly = readOnly;
            public readonly JsonBoolKind ManagementEventKind = managementEventKind;
            public readonly JsonBoolKind ReadOnlyKind = readOnlyKind;

            public int Hash() => (_stringsHash * 31) + Flags();

            public bool Same(in Key other) =>
                ReferenceEquals(EventVersion, other.EventVersion) && ReferenceEquals(EventSource, other.EventSource)
                && ReferenceEquals(EventName, other.EventName) && ReferenceEquals(AwsRegion, other.AwsRegion)
                && ReferenceEquals(RecipientAccountId, other.RecipientAccountId) && ReferenceEquals(EventType, other.EventType)
                && ReferenceEquals(EventCategory, other.EventCategory) && Flags() == other.Flags();

            // The booleans and how they were written, in one number.
            private int Flags() => Code(ManagementEvent) | ((int)ManagementEventKind << 2) | (Code(ReadOnly) << 4) | ((int)ReadOnlyKind << 6);

            private static int Code(bool? value) => value is null ? 0 : value.Value ? 1 : 2;
        }
    }

    /// <summary>
    /// The members few records have. A record with none of them uses <see cref="None"/>; setting one through a
    /// property copies the side object, so records made with <c>with</c> never share a changed one. Value equality,
    /// so a record compares the same whichever way its members were set.
    /// </summary>
    private sealed record RareMembers
    {
        public static readonly RareMembers None = new();

        public string? ApiVersion { get; init; }

        public string? VpcEndpointId { get; init; }

        public string? VpcEndpointAccountId { get; init; }

        public Addendum? Addendum { get; init; }

        public EdgeDeviceDetails? EdgeDeviceDetails { get; init; }

        public InsightDetails? InsightDetails { get; init; }

        public EventContext? EventContext { get; init; }

        public string? Annotation { get; init; }

        // eventTime as it came, when CloudTrail's own spelling of the time differs from it.
        public string? EventTimeSpelling { get; init; }

        public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;
    }

    void IJsonModel<CloudTrailRecord>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Value(w, "eventVersion"u8, EventVersion);
        JsonOut.Object(w, "userIdentity"u8, UserIdentity);
        JsonOut.Time(w, "eventTime"u8, EventTime, _rare.EventTimeSpelling);
        JsonOut.String(w, "eventSource"u8, EventSource);
        JsonOut.String(w, "eventName"u8, EventName);
        JsonOut.String(w, "awsRegion"u8, AwsRegion);
        JsonOut.String(w, "sourceIPAddress"u8, SourceIPAddress);
        JsonOut.String(w, "userAgent"u8, UserAgent);
        JsonOut.String(w, "errorCode"u8, ErrorCode);
        JsonOut.String(w, "errorMessage"u8, ErrorMessage);
        JsonOut.Raw(w, "requestParameters"u8, RequestParameters);
        JsonOut.Raw(w, "responseElements"u8, ResponseElements);
        JsonOut.Raw(w, "additionalEventData"u8, AdditionalEventData);
        JsonOut.String(w, "requestID"u8, RequestId);
        JsonOut.String(w, "eventID"u8, EventId);
        JsonOut.Value(w, "eventType"u8, EventType);
        JsonOut.String(w, "apiVersion"u8, ApiVersion);
        JsonOut.Bool(w, "managementEvent"u8, ManagementEvent, _kind.ManagementEventKind, JsonBoolKind.Boolean);
        JsonOut.Bool(w, "readOnly"u8, ReadOnly, _kind.ReadOnlyKind, JsonBoolKind.Boolean);
        JsonOut.List(w, "resources"u8, Resources);
        JsonOut.String(w, "recipientAccountId"u8, RecipientAccountId);
        JsonOut.Raw(w, "serviceEventDetails"u8, ServiceEventDetails);
        JsonOut.String(w, "sharedEventID"u8, SharedEventId);
        JsonOut.String(w, "vpcEndpointId"u8, VpcEndpointId);
        JsonOut.String(w, "vpcEndpointAccountId"u8, VpcEndpointAccountId);
        JsonOut.Value(w, "eventCategory"u8, EventCategory);
        JsonOut.Object(w, "addendum"u8, Addendum);
        JsonOut.Bool(w, "sessionCredentialFromConsole"u8, SessionCredentialFromConsole, _consoleKind, JsonBoolKind.String);
        JsonOut.Object(w, "edgeDeviceDetails"u8, EdgeDeviceDetails);
        JsonOut.Object(w, "tlsDetails"u8, TlsDetails);
        JsonOut.Object(w, "insightDetails"u8, InsightDetails);
        JsonOut.Object(w, "eventContext"u8, EventContext);
        JsonOut.String(w, "annotation"u8, Annotation);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}
