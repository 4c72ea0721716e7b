using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// The kind of an Insights event (JSON <c>insightDetails.insightType</c>). An open set: a value AWS adds later is kept as it is, never rejected.
/// <see cref="ToString"/> returns the raw value; comparison is ordinal.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public readonly struct InsightType : IEquatable<InsightType>, IExtensibleValue<InsightType>
{
    private readonly string? _value;

    /// <summary>Wraps a raw value.</summary>
    /// <param name="value">The value as it appears in CloudTrail JSON.</param>
    public InsightType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Unusual API call volume: <c>ApiCallRateInsight</c>.</summary>
    public static InsightType ApiCallRateInsight { get; } = new("ApiCallRateInsight");

    /// <summary>Unusual API error volume: <c>ApiErrorRateInsight</c>.</summary>
    public static InsightType ApiErrorRateInsight { get; } = new("ApiErrorRateInsight");

    static InsightType IExtensibleValue<InsightType>.Create(string value) => new(value);

    /// <summary>The raw value as it appears in CloudTrail JSON.</summary>
    /// <returns>The raw value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Ordinal comparison of the raw values.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(InsightType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InsightType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(InsightType left, InsightType right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(InsightType left, InsightType right) => !left.Equals(right);

    /// <summary>Converts from the raw value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator InsightType(string value) => new(value);
}
