using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// The category of a CloudTrail event (JSON <c>eventCategory</c>). An open set: a value AWS adds later is kept as it is, never rejected.
/// <see cref="ToString"/> returns the raw value; comparison is ordinal.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public readonly struct CloudTrailEventCategory : IEquatable<CloudTrailEventCategory>, IExtensibleValue<CloudTrailEventCategory>
{
    private readonly string? _value;

    /// <summary>Whether this is <see langword="default"/> (no value): how models store an absent member without <see cref="Nullable{T}"/>.</summary>
    internal bool IsEmpty => _value is null;

    /// <summary>Wraps a raw value.</summary>
    /// <param name="value">The value as it appears in CloudTrail JSON.</param>
    public CloudTrailEventCategory(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>A management (control-plane) event: <c>Management</c>.</summary>
    public static CloudTrailEventCategory Management { get; } = new("Management");

    /// <summary>A data-plane event: <c>Data</c>.</summary>
    public static CloudTrailEventCategory Data { get; } = new("Data");

    /// <summary>A network activity event through a VPC endpoint: <c>NetworkActivity</c>.</summary>
    public static CloudTrailEventCategory NetworkActivity { get; } = new("NetworkActivity");

    /// <summary>An Insights event: <c>Insight</c>.</summary>
    public static CloudTrailEventCategory Insight { get; } = new("Insight");

    /// <summary>A CloudTrail Lake integration event: <c>ActivityAuditLog</c>.</summary>
    public static CloudTrailEventCategory ActivityAuditLog { get; } = new("ActivityAuditLog");

    /// <summary>A CloudTrail Lake configuration item: <c>ConfigurationItem</c>.</summary>
    public static CloudTrailEventCategory ConfigurationItem { get; } = new("ConfigurationItem");

    /// <summary>A CloudTrail Lake Audit Manager evidence event: <c>Evidence</c>.</summary>
    public static CloudTrailEventCategory Evidence { get; } = new("Evidence");

    static CloudTrailEventCategory IExtensibleValue<CloudTrailEventCategory>.Create(string value) => new(value);

    /// <summary>The raw value as it appears in CloudTrail JSON.</summary>
    /// <returns>The raw value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Ordinal comparison of the raw values.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(CloudTrailEventCategory other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CloudTrailEventCategory other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(CloudTrailEventCategory left, CloudTrailEventCategory right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(CloudTrailEventCategory left, CloudTrailEventCategory right) => !left.Equals(right);

    /// <summary>Converts from the raw value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator CloudTrailEventCategory(string value) => new(value);
}
