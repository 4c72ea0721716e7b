namespace CloudTrailModel.Policies;

/// <summary>
/// A statement's <c>Principal</c> or <c>NotPrincipal</c>: either the string <c>"*"</c> (everyone, <see cref="Text"/>)
/// or a map from a principal kind (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>) to one value or a list
/// (<see cref="Entries"/>).
/// </summary>
public sealed class IamPolicyPrincipal : IEquatable<IamPolicyPrincipal>
{
    private static readonly IReadOnlyDictionary<string, IamPolicyValues> NoEntries = new Dictionary<string, IamPolicyValues>(StringComparer.Ordinal);

    /// <summary>Wraps the string form, normally <c>"*"</c> (everyone, including anonymous callers).</summary>
    /// <param name="text">The string as it appears in the policy.</param>
    public IamPolicyPrincipal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Entries = NoEntries;
    }

    /// <summary>Wraps the map form.</summary>
    /// <param name="entries">The principal kinds (<c>AWS</c>, <c>Service</c>, ...) and their values.</param>
    public IamPolicyPrincipal(IReadOnlyDictionary<string, IamPolicyValues> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
    }

    /// <summary>Gets the principal written as a plain string (normally <c>"*"</c>), or null for the map form.</summary>
    public string? Text { get; }

    /// <summary>Gets the map form: principal kind → values (empty for the string form).</summary>
    public IReadOnlyDictionary<string, IamPolicyValues> Entries { get; }

    /// <summary>Gets the <c>AWS</c> principals: account IDs, account root, user, role and session ARNs, or <c>"*"</c>.</summary>
    public IamPolicyValues? Aws => Get("AWS");

    /// <summary>Gets the <c>Service</c> principals, e.g. <c>cloudtrail.amazonaws.com</c>.</summary>
    public IamPolicyValues? Service => Get("Service");

    /// <summary>Gets the <c>Federated</c> principals: an identity provider ARN or a web identity provider such as <c>cognito-identity.amazonaws.com</c>.</summary>
    public IamPolicyValues? Federated => Get("Federated");

    /// <summary>Gets the <c>CanonicalUser</c> principals (S3 canonical user IDs).</summary>
    public IamPolicyValues? CanonicalUser => Get("CanonicalUser");

    /// <summary>
    /// Gets a value indicating whether this names everyone: the string <c>"*"</c>, or an <c>AWS</c> value of <c>"*"</c>
    /// (<c>{"AWS":"*"}</c> or a list holding it). Conditions and the effect are not considered here.
    /// </summary>
    public bool IsEveryone => Text == "*" || (Aws?.Contains("*") ?? false);

    /// <summary>Whether both name the same principals in the same form.</summary>
    /// <param name="other">The principal to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IamPolicyPrincipal? other) =>
        other is not null
        && string.Equals(Text, other.Text, StringComparison.Ordinal)
        && IamPolicyMaps.Equal(Entries, other.Entries);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IamPolicyPrincipal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Text, Entries.Count);

    private IamPolicyValues? Get(string kind) => Entries.TryGetValue(kind, out IamPolicyValues? values) ? values : null;
}
