using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// Who made the request (JSON <c>userIdentity</c>). Which members are present depends on <see cref="Type"/>;
/// every member may be missing, and service events can carry a <c>userIdentity</c> without a type.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record UserIdentity : IJsonModel<UserIdentity>, IDeferredTextOwner
{
    // Kept as UTF-8 until first read while they have not repeated (session names, access keys, credential IDs).
    private Utf8Text _principalId;
    private Utf8Text _arn;
    private Utf8Text _accessKeyId;

    // Who the caller is in general (type, account, user name, invoking service): few combinations in a trail, so one
    // object shared by the identities of a reader that have the same ones.
    private IdentityKind _kind = IdentityKind.None;

    /// <summary>The identity's kind: shared with the identities of its reader that have the same one (what the tests check).</summary>
    internal IdentityKind Kind => _kind;

    // Members few identities have live in a side object shared by every identity that has none of them.
    private RareMembers _rare = RareMembers.None;

    /// <summary>The kind of principal (<c>type</c>): <c>Root</c>, <c>IAMUser</c>, <c>AssumedRole</c> and so on; null when absent.</summary>
    public IdentityType? Type
    {
        get => _kind.Type.IsEmpty ? default(IdentityType?) : _kind.Type;
        init => _kind = _kind with { Type = value.GetValueOrDefault() };
    }

    /// <summary>A unique identifier of the caller (<c>principalId</c>); for temporary credentials it includes the session name.</summary>
    public string? PrincipalId { get => _principalId.Get(); init => _principalId = new Utf8Text(value); }

    /// <summary>The ARN of the principal that made the call (<c>arn</c>).</summary>
    public string? Arn { get => _arn.Get(); init => _arn = new Utf8Text(value); }

    /// <summary>The account that owns the entity that granted the permissions (<c>accountId</c>); not always numeric.</summary>
    public string? AccountId { get => _kind.AccountId; init => _kind = _kind with { AccountId = value }; }

    /// <summary>The access key ID used to sign the request (<c>accessKeyId</c>); may be empty.</summary>
    public string? AccessKeyId { get => _accessKeyId.Get(); init => _accessKeyId = new Utf8Text(value); }

    /// <summary>The friendly name of the caller (<c>userName</c>); its meaning depends on <see cref="Type"/>.</summary>
    public string? UserName { get => _kind.UserName; init => _kind = _kind with { UserName = value }; }

    /// <summary>Details of temporary or MFA sessions (<c>sessionContext</c>).</summary>
    public SessionContext? SessionContext { get; init; }

    /// <summary>The AWS service that made the request on the principal's behalf (<c>invokedBy</c>), such as <c>ec2.amazonaws.com</c>.</summary>
    public string? InvokedBy { get => _kind.InvokedBy; init => _kind = _kind with { InvokedBy = value }; }

    /// <summary>The product provider's account acting with temporary delegated access (<c>invokedByDelegate</c>).</summary>
    public InvokedByDelegate? InvokedByDelegate { get => _rare.InvokedByDelegate; init => _rare = _rare with { InvokedByDelegate = value }; }

    /// <summary>The identity provider of a <c>SAMLUser</c> or <c>WebIdentityUser</c> (<c>identityProvider</c>).</summary>
    public string? IdentityProvider { get => _rare.IdentityProvider; init => _rare = _rare with { IdentityProvider = value }; }

    /// <summary>The credential ID of a bearer token such as an IAM Identity Center access token (<c>credentialId</c>).</summary>
    public string? CredentialId { get => _rare.CredentialId.Get(); init => _rare = _rare with { CredentialId = new Utf8Text(value) }; }

    /// <summary>The IAM Identity Center user the request was made for (<c>onBehalfOf</c>).</summary>
    public OnBehalfOf? OnBehalfOf { get => _rare.OnBehalfOf; init => _rare = _rare with { OnBehalfOf = value }; }

    /// <summary>The AWS service scope the request was made in (<c>inScopeOf</c>, eventVersion 1.11).</summary>
    public InScopeOf? InScopeOf { get => _rare.InScopeOf; init => _rare = _rare with { InScopeOf = value }; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields
    {
        get => _rare.AdditionalFields;
        init => _rare = _rare with { AdditionalFields = value };
    }

    static UserIdentity IJsonModel<UserIdentity>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? typeText = null, accountId = null, userName = null, invokedBy = null, identityProvider = null;

        // The kind's strings' hashes as the pool computed them (see ValuesKey).
        int kindHash = 0;
        Utf8Text principalId = default, arn = default, accessKeyId = default, credentialId = default;
        SessionContext? sessionContext = null;
        InvokedByDelegate? invokedByDelegate = null;
        OnBehalfOf? onBehalfOf = null;
        InScopeOf? inScopeOf = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "type": typeText = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 3; break;
                case "principalId": principalId = s.PooledOrUniqueString(ref r, name, ref x); break;
                case "arn": arn = s.PooledOrUniqueString(ref r, name, ref x); break;
                case "accountId": accountId = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 5; break;
                case "accessKeyId": accessKeyId = s.PooledOrUniqueString(ref r, name, ref x); break;
                case "userName": userName = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 7; break;
                case "sessionContext": sessionContext = s.Object<SessionContext>(ref r, name, ref x); break;
                case "invokedBy": invokedBy = s.PooledString(ref r, name, ref x); kindHash += s.Pool.LastHash * 11; break;
                case "invokedByDelegate": invokedByDelegate = s.Object<InvokedByDelegate>(ref r, name, ref x); break;
                case "identityProvider": identityProvider = s.PooledString(ref r, name, ref x); break;
                case "credentialId": credentialId = s.UniqueString(ref r, name, ref x); break;
                case "onBehalfOf": onBehalfOf = s.Object<OnBehalfOf>(ref r, name, ref x); break;
                case "inScopeOf": inScopeOf = s.Object<InScopeOf>(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        IReadOnlyDictionary<string, JsonElement> extras = x.Build();
        RareMembers rare = invokedByDelegate is null && identityProvider is null && credentialId.IsEmpty && onBehalfOf is null
            && inScopeOf is null && ReferenceEquals(extras, EmptyFields.Instance)
            ? RareMembers.None
            : new RareMembers
            {
                InvokedByDelegate = invokedByDelegate,
                IdentityProvider = identityProvider,
                CredentialId = credentialId,
                OnBehalfOf = onBehalfOf,
                InScopeOf = inScopeOf,
                AdditionalFields = extras,
            };
        var kindKey = new ValuesKey(kindHash, typeText, accountId, userName, invokedBy, null);
        IdentityKind kind = s.SharedIdentityKinds.Find(kindKey, out int kindSlot) ?? s.SharedIdentityKinds.Add(kindSlot, kindKey, new IdentityKind
        {
            Type = typeText is null ? default : new IdentityType(typeText),
            AccountId = accountId,
            UserName = userName,
            InvokedBy = invokedBy,
        });
        var identity = new UserIdentity
        {
            _kind = kind,
            _principalId = principalId,
            _arn = arn,
            _accessKeyId = accessKeyId,
            SessionContext = sessionContext,
            _rare = rare,
        };
        if (principalId.IsPending || arn.IsPending || accessKeyId.IsPending || credentialId.IsPending)
        {
            s.AddPendingOwner(identity);
        }

        return identity;
    }

    void IDeferredTextOwner.ResolveDeferred(byte[] bytes)
    {
        _principalId.Resolve(bytes);
        _arn.Resolve(bytes);
        _accessKeyId.Resolve(bytes);
        if (_rare.CredentialId.IsPending)
        {
            _rare.CredentialId.Resolve(bytes);
        }
    }

    /// <summary>
    /// Who the caller is in general: the members that identities of one kind share, made once per combination a reader
    /// meets (<see cref="ParseState.SharedIdentityKinds"/>). An identity made in code starts with <see cref="None"/>,
    /// and setting one of these members through a property copies the object, so identities never share a changed one.
    /// Value equality, so an identity compares the same whichever way its members were set.
    /// </summary>
    internal sealed record IdentityKind
    {
        public static readonly IdentityKind None = new();

        public IdentityType Type { get; init; }

        public string? AccountId { get; init; }

        public string? UserName { get; init; }

        public string? InvokedBy { get; init; }
    }

    /// <summary>
    /// The members few identities have. An identity with none of them uses <see cref="None"/>; setting one through a
    /// property copies the side object, so identities made with <c>with</c> never share a changed one.
    /// </summary>
    private sealed record RareMembers
    {
        public static readonly RareMembers None = new();

        public InvokedByDelegate? InvokedByDelegate { get; init; }

        public string? IdentityProvider { get; init; }

        // A field, so decoding caches in place.
        public Utf8Text CredentialId;

        public OnBehalfOf? OnBehalfOf { get; init; }

        public InScopeOf? InScopeOf { get; init; }

        public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;
    }

    void IJsonModel<UserIdentity>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Value(w, "type"u8, Type);
        JsonOut.String(w, "principalId"u8, PrincipalId);
        JsonOut.String(w, "arn"u8, Arn);
        JsonOut.String(w, "accountId"u8, AccountId);
        JsonOut.String(w, "accessKeyId"u8, AccessKeyId);
        JsonOut.String(w, "userName"u8, UserName);
        JsonOut.Object(w, "sessionContext"u8, SessionContext);
        JsonOut.String(w, "invokedBy"u8, InvokedBy);
        JsonOut.Object(w, "invokedByDelegate"u8, InvokedByDelegate);
        JsonOut.String(w, "identityProvider"u8, IdentityProvider);
        JsonOut.String(w, "credentialId"u8, CredentialId);
        JsonOut.Object(w, "onBehalfOf"u8, OnBehalfOf);
        JsonOut.Object(w, "inScopeOf"u8, InScopeOf);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

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
                case "sessionIssuer":
                    s.LastIssuerHash = 0;
                    issuer = s.Object<SessionIssuer>(ref r, name, ref x);
                    issuerHash = s.LastIssuerHash;
                    break;
                case "webIdFederationData": web = s.Object<WebIdFederationData>(ref r, name, ref x); break;
                case "attributes": attributes = s.Object<SessionAttributes>(ref r, name, ref x); break;
                case "sourceIdentity": sourceIdentity = s.String(ref r, name, ref x); break;
                case "ec2RoleDelivery": ec2RoleDelivery = s.PooledString(ref r, name, ref x); deliveryHash = s.Pool.LastHash; break;
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

/// <summary>The entity that issued a session's temporary credentials (JSON <c>sessionContext.sessionIssuer</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record SessionIssuer : IJsonModel<SessionIssuer>
{
    /// <summary>The kind of issuer (<c>type</c>): <c>Root</c>, <c>IAMUser</c> or <c>Role</c>.</summary>
    public IdentityType? Type { get; init; }

    /// <summary>The issuer's internal ID (<c>principalId</c>).</summary>
    public string? PrincipalId { get; init; }

    /// <summary>The issuer's ARN (<c>arn</c>).</summary>
    public string? Arn { get; init; }

    /// <summary>The account that owns the issuer (<c>accountId</c>).</summary>
    public string? AccountId { get; init; }

    /// <summary>The role name, IAM user name or account alias of the issuer (<c>userName</c>).</summary>
    public string? UserName { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static SessionIssuer IJsonModel<SessionIssuer>.Read(ref Utf8JsonReader r, ParseState s)
    {
        IdentityType? type = null;
        string? principalId = null, arn = null, accountId = null, userName = null;
        int hash = 0;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "type": type = s.Value<IdentityType>(ref r, name, ref x); hash += s.Pool.LastHash * 3; break;
                case "principalId": principalId = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 5; break;
                case "arn": arn = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 7; break;
                case "accountId": accountId = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 11; break;
                case "userName": userName = s.PooledString(ref r, name, ref x); hash += s.Pool.LastHash * 13; break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        if (!x.IsEmpty)
        {
            return new SessionIssuer { Type = type, PrincipalId = principalId, Arn = arn, AccountId = accountId, UserName = userName, AdditionalFields = x.Build() };
        }

        // Made of pooled strings only: the same strings give an equal object, so one instance serves them all.
        s.LastIssuerHash = hash;
        var key = new ValuesKey(hash, type?.ToString(), principalId, arn, accountId, userName);
        return s.SharedSessionIssuers.Find(key, out int slot)
            ?? s.SharedSessionIssuers.Add(slot, key, new SessionIssuer { Type = type, PrincipalId = principalId, Arn = arn, AccountId = accountId, UserName = userName });
    }

    void IJsonModel<SessionIssuer>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Value(w, "type"u8, Type);
        JsonOut.String(w, "principalId"u8, PrincipalId);
        JsonOut.String(w, "arn"u8, Arn);
        JsonOut.String(w, "accountId"u8, AccountId);
        JsonOut.String(w, "userName"u8, UserName);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>The web identity provider behind a session (JSON <c>sessionContext.webIdFederationData</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record WebIdFederationData : IJsonModel<WebIdFederationData>
{
    /// <summary>The identity provider, such as <c>accounts.google.com</c> (<c>federatedProvider</c>).</summary>
    public string? FederatedProvider { get; init; }

    /// <summary>The provider's claims, such as <c>accounts.google.com:aud</c> (<c>attributes</c>).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init => field = ValueMap<string>.From(value); }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static WebIdFederationData IJsonModel<WebIdFederationData>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? provider = null;
        IReadOnlyDictionary<string, string>? attributes = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "federatedProvider": provider = s.PooledString(ref r, name, ref x); break;
                case "attributes": attributes = s.StringMap(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new WebIdFederationData { FederatedProvider = provider, Attributes = attributes, AdditionalFields = x.Build() };
    }

    void IJsonModel<WebIdFederationData>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "federatedProvider"u8, FederatedProvider);
        JsonOut.StringMap(w, "attributes"u8, Attributes);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>When a session's credentials were issued and whether MFA was used (JSON <c>sessionContext.attributes</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record SessionAttributes : IJsonModel<SessionAttributes>
{
    private JsonBoolKind _mfaKind;

    // Without Nullable<T>'s extra word.
    private bool _hasCreationDate;
    private short _creationDateOffset;
    private long _creationDateTicks;

    // The text as it came when it is not CloudTrail's own spelling of the time ("2021-02-21T23: 46: 28Z"), so it writes back unchanged.
    private string? _creationDateSpelling;

    /// <summary>
    /// When the temporary credentials were issued (<c>creationDate</c>), from ISO 8601 extended or basic notation.
    /// A value that is not a time leaves this null and is kept in <see cref="AdditionalFields"/>; a time in another
    /// spelling is written back as it came.
    /// </summary>
    public DateTimeOffset? CreationDate
    {
        get => _hasCreationDate ? CompactTime.Make(_creationDateTicks, _creationDateOffset) : null;
        init
        {
            _creationDateTicks = CompactTime.Ticks(value.GetValueOrDefault());
            _creationDateOffset = CompactTime.Offset(value.GetValueOrDefault());
            _hasCreationDate = value.HasValue;
            _creationDateSpelling = null;
        }
    }

    /// <summary>Whether the root user or IAM user signed in with MFA (<c>mfaAuthenticated</c>, the string <c>"true"</c>/<c>"false"</c> in JSON).</summary>
    public bool? MfaAuthenticated
    {
        get;
        init
        {
            field = value;
            _mfaKind = JsonBoolKind.Default;
        }
    }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static SessionAttributes IJsonModel<SessionAttributes>.Read(ref Utf8JsonReader r, ParseState s)
    {
        DateTimeOffset? creationDate = null;
        string? spelling = null;
        bool? mfa = null;
        JsonBoolKind mfaKind = JsonBoolKind.Default;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "creationDate": creationDate = s.Time(ref r, name, ref x, out spelling); break;
                case "mfaAuthenticated": mfa = s.Bool(ref r, name, ref x, out mfaKind); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new SessionAttributes { CreationDate = creationDate, MfaAuthenticated = mfa, AdditionalFields = x.Build(), _mfaKind = mfaKind, _creationDateSpelling = spelling };
    }

    void IJsonModel<SessionAttributes>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Time(w, "creationDate"u8, CreationDate, _creationDateSpelling);
        JsonOut.Bool(w, "mfaAuthenticated"u8, MfaAuthenticated, _mfaKind, JsonBoolKind.String);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>The IAM Identity Center user a request was made for (JSON <c>userIdentity.onBehalfOf</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record OnBehalfOf : IJsonModel<OnBehalfOf>
{
    /// <summary>The Identity Center user ID (<c>userId</c>).</summary>
    public string? UserId { get; init; }

    /// <summary>The ARN of the Identity Center identity store (<c>identityStoreArn</c>).</summary>
    public string? IdentityStoreArn { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static OnBehalfOf IJsonModel<OnBehalfOf>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? userId = null, storeArn = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "userId": userId = s.PooledString(ref r, name, ref x); break;
                case "identityStoreArn": storeArn = s.PooledString(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new OnBehalfOf { UserId = userId, IdentityStoreArn = storeArn, AdditionalFields = x.Build() };
    }

    void IJsonModel<OnBehalfOf>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "userId"u8, UserId);
        JsonOut.String(w, "identityStoreArn"u8, IdentityStoreArn);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>The AWS service scope a request was made in, such as a Lambda function (JSON <c>userIdentity.inScopeOf</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record InScopeOf : IJsonModel<InScopeOf>
{
    /// <summary>The resource that invoked the service-to-service request (<c>sourceArn</c>).</summary>
    public string? SourceArn { get; init; }

    /// <summary>The account that owns <see cref="SourceArn"/> (<c>sourceAccount</c>).</summary>
    public string? SourceAccount { get; init; }

    /// <summary>The resource type of <see cref="CredentialsIssuedTo"/>, such as <c>AWS::Lambda::Function</c> (<c>issuerType</c>).</summary>
    public string? IssuerType { get; init; }

    /// <summary>The resource whose environment received the credentials (<c>credentialsIssuedTo</c>).</summary>
    public string? CredentialsIssuedTo { get; init; }

    /// <summary>The version of <see cref="CredentialsIssuedTo"/>, seen on Lambda events (<c>credentialsIssuedToVersion</c>).</summary>
    public string? CredentialsIssuedToVersion { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InScopeOf IJsonModel<InScopeOf>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? sourceArn = null, sourceAccount = null, issuerType = null, issuedTo = null, issuedToVersion = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "sourceArn": sourceArn = s.PooledString(ref r, name, ref x); break;
                case "sourceAccount": sourceAccount = s.PooledString(ref r, name, ref x); break;
                case "issuerType": issuerType = s.PooledString(ref r, name, ref x); break;
                case "credentialsIssuedTo": issuedTo = s.PooledString(ref r, name, ref x); break;
                case "credentialsIssuedToVersion": issuedToVersion = s.PooledString(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new InScopeOf
        {
            SourceArn = sourceArn,
            SourceAccount = sourceAccount,
            IssuerType = issuerType,
            CredentialsIssuedTo = issuedTo,
            CredentialsIssuedToVersion = issuedToVersion,
            AdditionalFields = x.Build(),
        };
    }

    void IJsonModel<InScopeOf>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "sourceArn"u8, SourceArn);
        JsonOut.String(w, "sourceAccount"u8, SourceAccount);
        JsonOut.String(w, "issuerType"u8, IssuerType);
        JsonOut.String(w, "credentialsIssuedTo"u8, CredentialsIssuedTo);
        JsonOut.String(w, "credentialsIssuedToVersion"u8, CredentialsIssuedToVersion);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>A product provider acting with IAM temporary delegated access (JSON <c>userIdentity.invokedByDelegate</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after the JSON member invokedByDelegate.")]
public sealed record InvokedByDelegate : IJsonModel<InvokedByDelegate>
{
    /// <summary>The provider's account ID (<c>accountId</c>).</summary>
    public string? AccountId { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InvokedByDelegate IJsonModel<InvokedByDelegate>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? accountId = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            if (name == "accountId")
            {
                accountId = s.PooledString(ref r, name, ref x);
            }
            else
            {
                s.Unknown(ref r, name, ref x);
            }
        }

        return new InvokedByDelegate { AccountId = accountId, AdditionalFields = x.Build() };
    }

    void IJsonModel<InvokedByDelegate>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "accountId"u8, AccountId);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}
