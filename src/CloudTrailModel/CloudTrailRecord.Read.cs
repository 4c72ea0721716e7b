using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

// Reads a record: its members as they come, then the record made from them with its shared kind and side object.
public sealed partial record CloudTrailRecord
{
    static CloudTrailRecord IJsonModel<CloudTrailRecord>.Read(ref Utf8JsonReader r, ParseState s) => ReadRecord(ref r, s);

    internal static CloudTrailRecord ReadRecord(ref Utf8JsonReader r, ParseState s)
    {
        var members = new RecordMembers();
        s.BeginRecord();
        members.Read(ref r, s);
        return members.Build(s);
    }

    /// <summary>A record's members as read, before the record is made from them.</summary>
    private struct RecordMembers
    {
        private CloudTrailEventVersion _eventVersion;
        private string? _versionText, _typeText, _categoryText;

        // The kind's strings' hashes as the pool computed them (see RecordKind.Key): a sum, so a repeated member only
        // makes the sum differ, which costs a miss.
        private int _kindHash;
        private UserIdentity? _userIdentity;
        private DateTimeOffset? _eventTime;
        private string? _eventTimeSpelling;
        private string? _eventSource, _eventName, _awsRegion, _sourceIp, _userAgent, _errorCode;
        private Utf8Text _errorMessage, _requestId, _eventId, _sharedEventId;
        private RawRange _requestParameters, _responseElements, _additionalEventData, _serviceEventDetails;
        private string? _apiVersion, _recipientAccountId, _vpcEndpointId, _vpcEndpointAccountId, _annotation;
        private bool? _managementEvent, _readOnly, _console;
        private JsonBoolKind _managementKind, _readOnlyKind, _consoleKind;
        private IReadOnlyList<CloudTrailResource>? _resources;
        private Addendum? _addendum;
        private EdgeDeviceDetails? _edge;
        private TlsDetails? _tls;
        private InsightDetails? _insight;
        private EventContext? _eventContext;
        private ExtraFields _x;

        public void Read(ref Utf8JsonReader r, ParseState s)
        {
            int h;
            while (ParseState.NextMember(ref r))
            {
                string name = s.PropertyName(ref r);
                switch (name)
                {
                    case "eventVersion":
                        // The last member counts: a value that is not a version clears an earlier one.
                        _versionText = s.PooledString(ref r, name, ref _x, out h);
                        _kindHash += h * 3;
                        _eventVersion = default;
                        if (_versionText is not null && !CloudTrailEventVersion.TryParse(_versionText, out _eventVersion))
                        {
                            _x.Add(name, JsonElementFactory.String(_versionText));
                        }

                        break;
                    case "userIdentity": _userIdentity = s.Object<UserIdentity>(ref r, name, ref _x); break;
                    case "eventTime": _eventTime = s.Time(ref r, name, ref _x, out _eventTimeSpelling); break;
                    case "eventSource": _eventSource = s.PooledString(ref r, name, ref _x, out h); _kindHash += h * 5; break;
                    case "eventName": _eventName = s.PooledString(ref r, name, ref _x, out h); _kindHash += h * 7; break;
                    case "awsRegion": _awsRegion = s.PooledString(ref r, name, ref _x, out h); _kindHash += h * 11; break;
                    case "sourceIPAddress": _sourceIp = s.PooledString(ref r, name, ref _x); break;
                    case "userAgent": _userAgent = s.PooledString(ref r, name, ref _x); break;
                    case "errorCode": _errorCode = s.PooledString(ref r, name, ref _x); break;
                    case "errorMessage": _errorMessage = s.PooledOrUniqueString(ref r, name, ref _x); break;
                    case "requestParameters": _requestParameters = s.RawRange(ref r); break;
                    case "responseElements": _responseElements = s.RawRange(ref r); break;
                    case "additionalEventData": _additionalEventData = s.RawRange(ref r); break;
                    case "requestID": _requestId = s.UniqueString(ref r, name, ref _x); break;
                    case "eventID": _eventId = s.UniqueString(ref r, name, ref _x); break;
                    case "eventType": _typeText = s.PooledString(ref r, name, ref _x, out h); _kindHash += h * 13; break;
                    case "apiVersion": _apiVersion = s.PooledString(ref r, name, ref _x); break;
                    case "managementEvent": _managementEvent = s.Bool(ref r, name, ref _x, out _managementKind); break;
                    case "readOnly": _readOnly = s.Bool(ref r, name, ref _x, out _readOnlyKind); break;
                    case "resources": _resources = s.List<CloudTrailResource>(ref r, name, ref _x); break;
                    case "recipientAccountId": _recipientAccountId = s.PooledString(ref r, name, ref _x, out h); _kindHash += h * 17; break;
                    case "serviceEventDetails": _serviceEventDetails = s.RawRange(ref r); break;
                    case "sharedEventID": _sharedEventId = s.UniqueString(ref r, name, ref _x); break;
                    case "vpcEndpointId": _vpcEndpointId = s.PooledString(ref r, name, ref _x); break;
                    case "vpcEndpointAccountId": _vpcEndpointAccountId = s.PooledString(ref r, name, ref _x); break;
                    case "eventCategory": _categoryText = s.PooledString(ref r, name, ref _x, out h); _kindHash += h * 19; break;
                    case "addendum": _addendum = s.Object<Addendum>(ref r, name, ref _x); break;
                    case "sessionCredentialFromConsole": _console = s.Bool(ref r, name, ref _x, out _consoleKind); break;
                    case "edgeDeviceDetails": _edge = s.Object<EdgeDeviceDetails>(ref r, name, ref _x); break;
                    case "tlsDetails": _tls = s.Object<TlsDetails>(ref r, name, ref _x); break;
                    case "insightDetails": _insight = s.Object<InsightDetails>(ref r, name, ref _x); break;
                    case "eventContext": _eventContext = s.Object<EventContext>(ref r, name, ref _x); break;
                    case "annotation": _annotation = s.String(ref r, name, ref _x); break;
                    default: s.Unknown(ref r, name, ref _x); break;
                }
            }
        }

        public readonly CloudTrailRecord Build(ParseState s)
        {
            // The record is done: its free-form values and deferred strings share one array, which ends with a table of
            // where the record's own values are.
            Span<byte> table = s.TableScratch;
            int tableLength = RecordTexts.WriteTable(table, _errorMessage, _requestId, _eventId, _sharedEventId, s.DeferredLength,
                _requestParameters, _responseElements, _additionalEventData, _serviceEventDetails);
            s.EndRecord(_requestParameters, _responseElements, _additionalEventData, _serviceEventDetails, table[..tableLength], out byte[] bytes);
            DateTimeOffset eventTime = _eventTime.GetValueOrDefault();
            return new CloudTrailRecord
            {
                _kind = Kind(s),
                UserIdentity = _userIdentity,
                _eventTimeTicks = CompactTime.Ticks(eventTime),
                _eventTimeOffset = CompactTime.Offset(eventTime),
                _hasEventTime = _eventTime.HasValue,
                SourceIPAddress = _sourceIp,
                UserAgent = _userAgent,
                ErrorCode = _errorCode,
                _texts = RecordTexts.Create(bytes, _errorMessage, _requestId, _eventId, _sharedEventId),
                Resources = _resources,
                SessionCredentialFromConsole = _console,
                TlsDetails = _tls,
                _rare = Rare(),
                _consoleKind = _consoleKind,
            };
        }

        private readonly RareMembers Rare()
        {
            IReadOnlyDictionary<string, JsonElement> extras = _x.Build();
            return _apiVersion is null && _vpcEndpointId is null && _vpcEndpointAccountId is null && _addendum is null && _edge is null
                && _insight is null && _eventContext is null && _annotation is null && _eventTimeSpelling is null
                && ReferenceEquals(extras, EmptyFields.Instance)
                ? RareMembers.None
                : new RareMembers
                {
                    ApiVersion = _apiVersion,
                    VpcEndpointId = _vpcEndpointId,
                    VpcEndpointAccountId = _vpcEndpointAccountId,
                    Addendum = _addendum,
                    EdgeDeviceDetails = _edge,
                    InsightDetails = _insight,
                    EventContext = _eventContext,
                    Annotation = _annotation,
                    EventTimeSpelling = _eventTimeSpelling,
                    AdditionalFields = extras,
                };
        }

        // The key holds the strings as read (pooled, so equal values are one instance), from which the kind follows.
        private readonly RecordKind Kind(ParseState s)
        {
            var key = new RecordKind.Key(_kindHash, _versionText, _eventSource, _eventName, _awsRegion, _recipientAccountId, _typeText, _categoryText,
                _managementEvent, _managementKind, _readOnly, _readOnlyKind);
            return s.SharedRecordKinds.Find(key, out int slot) ?? s.SharedRecordKinds.Add(slot, key, new RecordKind
            {
                EventVersion = _eventVersion,
                EventSource = _eventSource,
                EventName = _eventName,
                AwsRegion = _awsRegion,
                RecipientAccountId = _recipientAccountId,
                EventType = _typeText is null ? default : new CloudTrailEventType(_typeText),
                EventCategory = _categoryText is null ? default : new CloudTrailEventCategory(_categoryText),
                ManagementEvent = _managementEvent,
                ManagementEventKind = _managementKind,
                ReadOnly = _readOnly,
                ReadOnlyKind = _readOnlyKind,
            });
        }
    }
}
