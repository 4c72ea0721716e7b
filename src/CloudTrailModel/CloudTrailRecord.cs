using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

// Hand-written, not from a member table: its own texts share one array, its kind is keyed with booleans and the version.
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
}
