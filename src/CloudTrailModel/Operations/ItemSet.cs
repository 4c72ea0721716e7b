using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Operations;

/// <summary>
/// A list as CloudTrail logs EC2's query-API lists: an object whose <c>items</c> member holds the entries
/// (<c>"instancesSet": {"items": [{"instanceId": "i-1"}]}</c>); an empty list is logged as <c>{}</c>.
/// Two are equal when their items are equal in order and their other members are equal as JSON.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
public sealed record ItemSet<T>
{
    /// <summary>Gets the entries. JSON <c>items</c>; null when CloudTrail logged an empty set (<c>{}</c>).</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<T>? Items { get; init => field = ValueList<T>.From(value); }

    /// <summary>Members CloudTrail logged beside <c>items</c>, kept as raw JSON rather than dropped.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalFields { get; set; }

    /// <summary>Whether <paramref name="other"/> has equal items in the same order; <see cref="AdditionalFields"/> compare as JSON.</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(ItemSet<T>? other) =>
        ReferenceEquals(this, other) || (other is not null
            && EqualityComparer<IReadOnlyList<T>?>.Default.Equals(Items, other.Items)
            && JsonFields.Equal(AdditionalFields, other.AdditionalFields));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Items, JsonFields.Hash(AdditionalFields));
}
