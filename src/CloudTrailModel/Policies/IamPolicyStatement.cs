using System.Text.Json;

namespace CloudTrailModel.Policies;

/// <summary>
/// One statement of a policy (an item of JSON <c>Statement</c>): who (<see cref="Principal"/>) may or may not
/// (<see cref="Effect"/>) do what (<see cref="Action"/>) to what (<see cref="Resource"/>) when (<see cref="Condition"/>).
/// Every element is null when the statement does not have it; members IAM does not define are kept in <see cref="AdditionalFields"/>.
/// </summary>
public sealed partial class IamPolicyStatement : IEquatable<IamPolicyStatement>
{
    /// <summary>Gets the statement ID (JSON <c>Sid</c>), a free label.</summary>
    public string? Sid { get; init; }

    /// <summary>Gets whether the statement allows or denies (JSON <c>Effect</c>).</summary>
    public IamPolicyEffect? Effect { get; init; }

    /// <summary>Gets who the statement applies to in a resource or trust policy (JSON <c>Principal</c>).</summary>
    public IamPolicyPrincipal? Principal { get; init; }

    /// <summary>Gets who the statement applies to by exclusion: everyone except these (JSON <c>NotPrincipal</c>).</summary>
    public IamPolicyPrincipal? NotPrincipal { get; init; }

    /// <summary>Gets the actions the statement covers, e.g. <c>s3:GetObject</c>, <c>iam:*</c>, <c>*</c> (JSON <c>Action</c>).</summary>
    public IamPolicyValues? Action { get; init; }

    /// <summary>Gets the actions the statement covers by exclusion: every action except these (JSON <c>NotAction</c>).</summary>
    public IamPolicyValues? NotAction { get; init; }

    /// <summary>Gets the resource ARNs (or <c>*</c>) the statement covers (JSON <c>Resource</c>).</summary>
    public IamPolicyValues? Resource { get; init; }

    /// <summary>Gets the resources the statement covers by exclusion: every resource except these (JSON <c>NotResource</c>).</summary>
    public IamPolicyValues? NotResource { get; init; }

    /// <summary>Gets the conditions under which the statement applies (JSON <c>Condition</c>).</summary>
    public IamPolicyCondition? Condition { get; init; }

    /// <summary>Gets members IAM does not define, or defined members whose JSON type did not fit (kept as they came).</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalFields { get; init; }

    /// <summary>Whether both statements hold equal elements.</summary>
    /// <param name="other">The statement to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IamPolicyStatement? other) =>
        other is not null
        && string.Equals(Sid, other.Sid, StringComparison.Ordinal)
        && Nullable.Equals(Effect, other.Effect)
        && Equals(Principal, other.Principal)
        && Equals(NotPrincipal, other.NotPrincipal)
        && Equals(Action, other.Action)
        && Equals(NotAction, other.NotAction)
        && Equals(Resource, other.Resource)
        && Equals(NotResource, other.NotResource)
        && Equals(Condition, other.Condition)
        && IamPolicyMaps.FieldsEqual(AdditionalFields, other.AdditionalFields);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IamPolicyStatement);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sid, Effect, Action, Resource);
}
