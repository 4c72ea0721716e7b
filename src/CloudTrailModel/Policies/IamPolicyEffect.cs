using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel.Policies;

/// <summary>
/// Whether a policy statement allows or denies (JSON <c>Effect</c>). An open set: any other value is kept as it came.
/// <see cref="ToString"/> returns the raw value; comparison is ordinal, as IAM's is.
/// </summary>
[JsonConverter(typeof(JsonStringValueConverter<IamPolicyEffect>))]
public readonly struct IamPolicyEffect : IEquatable<IamPolicyEffect>, IExtensibleValue<IamPolicyEffect>, IJsonStringValue<IamPolicyEffect>
{
    private readonly string? _value;

    /// <summary>Wraps a raw value.</summary>
    /// <param name="value">The value as it appears in the policy JSON.</param>
    public IamPolicyEffect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The statement grants what it names: <c>Allow</c>.</summary>
    public static IamPolicyEffect Allow { get; } = new("Allow");

    /// <summary>The statement refuses what it names, overriding any allow: <c>Deny</c>.</summary>
    public static IamPolicyEffect Deny { get; } = new("Deny");

    static IamPolicyEffect IExtensibleValue<IamPolicyEffect>.Create(string value) => new(value);

    static IamPolicyEffect IJsonStringValue<IamPolicyEffect>.FromJsonString(string value) => new(value);

    /// <summary>The raw value as it appears in the policy JSON.</summary>
    /// <returns>The raw value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Ordinal comparison of the raw values.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IamPolicyEffect other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IamPolicyEffect other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(IamPolicyEffect left, IamPolicyEffect right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(IamPolicyEffect left, IamPolicyEffect right) => !left.Equals(right);

    /// <summary>Converts from the raw value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator IamPolicyEffect(string value) => new(value);
}
