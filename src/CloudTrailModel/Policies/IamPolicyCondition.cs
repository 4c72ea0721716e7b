using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Policies;

/// <summary>
/// A policy statement's <c>Condition</c> block (operator → key → one value or a list), flattened into
/// <see cref="Entries"/> in document order, with the block's JSON kept in <see cref="Json"/>.
/// </summary>
public sealed class IamPolicyCondition : IEquatable<IamPolicyCondition>
{
    /// <summary>Builds a condition block from its tests; entries with one operator are grouped under it.</summary>
    /// <param name="entries">The tests, in order.</param>
    public IamPolicyCondition(IEnumerable<IamPolicyConditionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        Json = IamPolicyWriter.ConditionToElement(Entries);
    }

    internal IamPolicyCondition(IReadOnlyList<IamPolicyConditionEntry> entries, JsonElement json)
    {
        Entries = entries;
        Json = json;
    }

    /// <summary>Gets every test of the block: one entry per (operator, key) pair, in document order.</summary>
    public IReadOnlyList<IamPolicyConditionEntry> Entries { get; }

    /// <summary>Gets the <c>Condition</c> JSON as it came (members whose values are not objects are kept here only).</summary>
    public JsonElement Json { get; }

    /// <summary>Whether any test uses <paramref name="key"/> (compared ignoring case, as IAM does).</summary>
    /// <param name="key">A condition key, e.g. <c>aws:SourceAccount</c>.</param>
    /// <returns><see langword="true"/> when some entry tests the key.</returns>
    public bool ContainsKey(string key)
    {
        foreach (IamPolicyConditionEntry entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether both blocks are equal as JSON.</summary>
    /// <param name="other">The block to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IamPolicyCondition? other) => other is not null && JsonElementComparer.Instance.Equals(Json, other.Json);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IamPolicyCondition);

    /// <inheritdoc/>
    public override int GetHashCode() => Entries.Count;
}
