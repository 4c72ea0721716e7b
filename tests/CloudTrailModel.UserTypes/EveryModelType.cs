namespace CloudTrailModel.UserTypes;

/// <summary>Every public model type of the record as a property of a user's type.</summary>
public sealed class EveryModelType
{
    public CloudTrailRecord? Record { get; set; }

    public UserIdentity? UserIdentity { get; set; }

    public SessionContext? SessionContext { get; set; }

    public SessionIssuer? SessionIssuer { get; set; }

    public WebIdFederationData? WebIdFederationData { get; set; }

    public SessionAttributes? SessionAttributes { get; set; }

    public OnBehalfOf? OnBehalfOf { get; set; }

    public InScopeOf? InScopeOf { get; set; }

    public InvokedByDelegate? InvokedByDelegate { get; set; }

    public InsightDetails? InsightDetails { get; set; }

    public InsightContext? InsightContext { get; set; }

    public InsightStatistics? InsightStatistics { get; set; }

    public InsightAverage? InsightAverage { get; set; }

    public InsightAttribution? InsightAttribution { get; set; }

    public InsightAttributionValue? InsightAttributionValue { get; set; }

    public CloudTrailResource? Resource { get; set; }

    public TlsDetails? TlsDetails { get; set; }

    public Addendum? Addendum { get; set; }

    public EdgeDeviceDetails? EdgeDeviceDetails { get; set; }

    public EventContext? EventContext { get; set; }

    public RawJson? Raw { get; set; }

    public CloudTrailEventVersion? EventVersion { get; set; }

    public CloudTrailEventType EventType { get; set; }

    public CloudTrailEventCategory? EventCategory { get; set; }

    public IdentityType IdentityType { get; set; }

    public InsightType? InsightType { get; set; }

    public AddendumReason? AddendumReason { get; set; }
}
