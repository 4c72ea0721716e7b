using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// The kind of principal that made a request (JSON <c>userIdentity.type</c> and <c>sessionContext.sessionIssuer.type</c>). An open set: a value AWS adds later is kept as it is, never rejected.
/// <see cref="ToString"/> returns the raw value; comparison is ordinal.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public readonly struct IdentityType : IEquatable<IdentityType>, IExtensibleValue<IdentityType>
{
    private readonly string? _value;

    /// <summary>Whether this is <see langword="default"/> (no value): how models store an absent member without <see cref="Nullable{T}"/>.</summary>
    internal bool IsEmpty => _value is null;

    /// <summary>Wraps a raw value.</summary>
    /// <param name="value">The value as it appears in CloudTrail JSON.</param>
    public IdentityType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The account root user: <c>Root</c>.</summary>
    public static IdentityType Root { get; } = new("Root");

    /// <summary>An IAM user: <c>IAMUser</c>.</summary>
    public static IdentityType IAMUser { get; } = new("IAMUser");

    /// <summary>Temporary credentials from STS AssumeRole: <c>AssumedRole</c>.</summary>
    public static IdentityType AssumedRole { get; } = new("AssumedRole");

    /// <summary>An IAM role: <c>Role</c>.</summary>
    public static IdentityType Role { get; } = new("Role");

    /// <summary>Temporary credentials from STS GetFederationToken: <c>FederatedUser</c>.</summary>
    public static IdentityType FederatedUser { get; } = new("FederatedUser");

    /// <summary>A directory service user: <c>Directory</c>.</summary>
    public static IdentityType Directory { get; } = new("Directory");

    /// <summary>Another AWS account: <c>AWSAccount</c>.</summary>
    public static IdentityType AWSAccount { get; } = new("AWSAccount");

    /// <summary>An AWS service: <c>AWSService</c>.</summary>
    public static IdentityType AWSService { get; } = new("AWSService");

    /// <summary>An IAM Identity Center user with a bearer token: <c>IdentityCenterUser</c>.</summary>
    public static IdentityType IdentityCenterUser { get; } = new("IdentityCenterUser");

    /// <summary>A SAML-federated user (AssumeRoleWithSAML): <c>SAMLUser</c>.</summary>
    public static IdentityType SamlUser { get; } = new("SAMLUser");

    /// <summary>A web-identity user (AssumeRoleWithWebIdentity): <c>WebIdentityUser</c>.</summary>
    public static IdentityType WebIdentityUser { get; } = new("WebIdentityUser");

    /// <summary>A caller CloudTrail could not identify: <c>Unknown</c>.</summary>
    public static IdentityType Unknown { get; } = new("Unknown");

    static IdentityType IExtensibleValue<IdentityType>.Create(string value) => new(value);

    /// <summary>The raw value as it appears in CloudTrail JSON.</summary>
    /// <returns>The raw value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Ordinal comparison of the raw values.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IdentityType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IdentityType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(IdentityType left, IdentityType right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(IdentityType left, IdentityType right) => !left.Equals(right);

    /// <summary>Converts from the raw value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator IdentityType(string value) => new(value);
}
