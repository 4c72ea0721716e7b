using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// Why an event was delivered late or updated (JSON <c>addendum.reason</c>). An open set: a value AWS adds later is kept as it is, never rejected.
/// <see cref="ToString"/> returns the raw value; comparison is ordinal.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public readonly struct AddendumReason : IEquatable<AddendumReason>, IExtensibleValue<AddendumReason>
{
    private readonly string? _value;

    /// <summary>Wraps a raw value.</summary>
    /// <param name="value">The value as it appears in CloudTrail JSON.</param>
    public AddendumReason(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Delivery was delayed: <c>DELIVERY_DELAY</c>.</summary>
    public static AddendumReason DeliveryDelay { get; } = new("DELIVERY_DELAY");

    /// <summary>Fields of an earlier event were updated: <c>UPDATED_DATA</c>.</summary>
    public static AddendumReason UpdatedData { get; } = new("UPDATED_DATA");

    /// <summary>A service outage delayed the event: <c>SERVICE_OUTAGE</c>.</summary>
    public static AddendumReason ServiceOutage { get; } = new("SERVICE_OUTAGE");

    static AddendumReason IExtensibleValue<AddendumReason>.Create(string value) => new(value);

    /// <summary>The raw value as it appears in CloudTrail JSON.</summary>
    /// <returns>The raw value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Ordinal comparison of the raw values.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(AddendumReason other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AddendumReason other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(AddendumReason left, AddendumReason right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(AddendumReason left, AddendumReason right) => !left.Equals(right);

    /// <summary>Converts from the raw value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator AddendumReason(string value) => new(value);
}
