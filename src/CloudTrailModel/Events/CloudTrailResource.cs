using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

// Hand-written, not from a member table: the whole resource is shared once its ARN repeats, its kind otherwise.
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
        int arnHash = 0, kindHash = 0, h;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "ARN": arn = s.PooledOrUniqueString(ref r, name, ref x, out arnHash); break;
                case "ARNPrefix": arnPrefix = s.PooledString(ref r, name, ref x, out h); kindHash += h * 5; break;
                case "accountId": accountId = s.PooledString(ref r, name, ref x, out h); kindHash += h * 7; break;
                case "type": type = s.PooledString(ref r, name, ref x, out h); kindHash += h * 11; break;
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
