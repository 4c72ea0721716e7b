using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

// Hand-written, not from a member table: its kind is shared only while it has none of the rare members.
/// <summary>
/// Details of the session behind temporary credentials or an MFA console session (JSON <c>userIdentity.sessionContext</c>).
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record SessionContext : IJsonModel<SessionContext>
{
    // Everything but the attributes (the issuer, the web identity provider, and the members few sessions have): few
    // combinations in a trail, so one object shared by the sessions of a reader that have the same ones; the
    // attributes (when the credentials were issued) differ from session to session.
    private SessionKind _kind = SessionKind.None;

    /// <summary>The entity that issued the temporary credentials (<c>sessionIssuer</c>); may be an empty object.</summary>
    public SessionIssuer? SessionIssuer { get => _kind.SessionIssuer; init => _kind = _kind with { SessionIssuer = value }; }

    /// <summary>The web identity provider behind the session (<c>webIdFederationData</c>); may be an empty object.</summary>
    public WebIdFederationData? WebIdFederationData { get => _kind.WebIdFederationData; init => _kind = _kind with { WebIdFederationData = value }; }

    /// <summary>When the credentials were issued and whether MFA was used (<c>attributes</c>).</summary>
    public SessionAttributes? Attributes { get; init; }

    /// <summary>The source identity set when the role was assumed (<c>sourceIdentity</c>).</summary>
    public string? SourceIdentity { get => _kind.SourceIdentity; init => _kind = _kind with { SourceIdentity = value }; }

    /// <summary>How EC2 delivered the credentials (<c>ec2RoleDelivery</c>): <c>1.0</c> for IMDSv1, <c>2.0</c> for IMDSv2.</summary>
    public string? Ec2RoleDelivery { get => _kind.Ec2RoleDelivery; init => _kind = _kind with { Ec2RoleDelivery = value }; }

    /// <summary>Whether the session was created by STS <c>AssumeRoot</c> (<c>assumedRoot</c>); a string <c>"true"</c> or a JSON boolean in the input.</summary>
    public bool? AssumedRoot
    {
        get => _kind.AssumedRoot;
        init => _kind = _kind with { AssumedRoot = value, AssumedRootKind = JsonBoolKind.Default };
    }

    /// <summary>Whether EC2 issued the credentials inside a VPC (<c>ec2IssuedInVpc</c>, CloudTrail Lake schema).</summary>
    public string? Ec2IssuedInVpc { get => _kind.Ec2IssuedInVpc; init => _kind = _kind with { Ec2IssuedInVpc = value }; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields
    {
        get => _kind.AdditionalFields;
        init => _kind = _kind with { AdditionalFields = value };
    }

    /// <summary>The session's kind: shared with the sessions of its reader that have the same one (what the tests check).</summary>
    internal SessionKind Kind => _kind;

    static SessionContext IJsonModel<SessionContext>.Read(ref Utf8JsonReader r, ParseState s)
    {
        SessionIssuer? issuer = null;
        WebIdFederationData? web = null;
        SessionAttributes? attributes = null;
        string? sourceIdentity = null, ec2RoleDelivery = null, ec2IssuedInVpc = null;
        bool? assumedRoot = null;
        JsonBoolKind assumedRootKind = JsonBoolKind.Default;
        int issuerHash = 0, deliveryHash = 0;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "sessionIssuer": issuer = s.Object<SessionIssuer>(ref r, name, ref x, out issuerHash); break;
                case "webIdFederationData": web = s.Object<WebIdFederationData>(ref r, name, ref x); break;
                case "attributes": attributes = s.Object<SessionAttributes>(ref r, name, ref x); break;
                case "sourceIdentity": sourceIdentity = s.String(ref r, name, ref x); break;
                case "ec2RoleDelivery": ec2RoleDelivery = s.PooledString(ref r, name, ref x, out deliveryHash); break;
                case "assumedRoot": assumedRoot = s.Bool(ref r, name, ref x, out assumedRootKind); break;
                case "ec2IssuedInVpc": ec2IssuedInVpc = s.PooledString(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        SessionKind kind;
        if (sourceIdentity is null && assumedRoot is null && assumedRootKind == JsonBoolKind.Default && ec2IssuedInVpc is null && x.IsEmpty)
        {
            // Made of shared objects (issuers and empty objects come from pools) and a pooled string: the same ones
            // give an equal kind, so one instance serves them all. Hashed from the text of the issuer's and the
            // delivery's strings (see ValuesKey), so alike on every run; an empty or absent issuer and the provider
            // (almost always the one empty instance) add nothing.
            int hash = (issuerHash * 3) + (deliveryHash * 7);
            var key = new ValuesKey(hash, issuer, web, ec2RoleDelivery, null, null);
            kind = s.SharedSessionKinds.Find(key, out int slot)
                ?? s.SharedSessionKinds.Add(slot, key, new SessionKind { SessionIssuer = issuer, WebIdFederationData = web, Ec2RoleDelivery = ec2RoleDelivery });
        }
        else
        {
            kind = new SessionKind
            {
                SessionIssuer = issuer,
                WebIdFederationData = web,
                SourceIdentity = sourceIdentity,
                Ec2RoleDelivery = ec2RoleDelivery,
                AssumedRoot = assumedRoot,
                AssumedRootKind = assumedRootKind,
                Ec2IssuedInVpc = ec2IssuedInVpc,
                AdditionalFields = x.Build(),
            };
        }

        return new SessionContext { _kind = kind, Attributes = attributes };
    }

    /// <summary>
    /// A session's members but its attributes, shared by the sessions of a reader that have the same issuer, web
    /// identity provider and EC2 delivery and none of the other members (a session with any of those has its own). A
    /// session made in code starts with <see cref="None"/>; setting a member through a property copies the object, so
    /// sessions never share a changed one. Value equality, as the session's own members would compare.
    /// </summary>
    internal sealed record SessionKind
    {
        public static readonly SessionKind None = new();

        public SessionIssuer? SessionIssuer { get; init; }

        public WebIdFederationData? WebIdFederationData { get; init; }

        public string? SourceIdentity { get; init; }

        public string? Ec2RoleDelivery { get; init; }

        public bool? AssumedRoot { get; init; }

        public JsonBoolKind AssumedRootKind { get; init; }

        public string? Ec2IssuedInVpc { get; init; }

        public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;
    }

    void IJsonModel<SessionContext>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Object(w, "sessionIssuer"u8, SessionIssuer);
        JsonOut.Object(w, "webIdFederationData"u8, WebIdFederationData);
        JsonOut.Object(w, "attributes"u8, Attributes);
        JsonOut.String(w, "sourceIdentity"u8, SourceIdentity);
        JsonOut.String(w, "ec2RoleDelivery"u8, Ec2RoleDelivery);
        JsonOut.Bool(w, "assumedRoot"u8, AssumedRoot, _kind.AssumedRootKind, JsonBoolKind.String);
        JsonOut.String(w, "ec2IssuedInVpc"u8, Ec2IssuedInVpc);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}
