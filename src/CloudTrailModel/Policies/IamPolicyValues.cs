using System.Collections;

namespace CloudTrailModel.Policies;

/// <summary>
/// The values of a policy element that IAM accepts as one value or a list (<c>Action</c>, <c>Resource</c>, a principal
/// kind, a condition key): always enumerable as a list, with <see cref="IsList"/> saying which form the JSON used so it
/// is written back the same way. A value that is not a JSON string (a number or boolean in a condition) is kept as its
/// JSON text (<c>3600</c>, <c>true</c>).
/// </summary>
public sealed class IamPolicyValues : IReadOnlyList<string>, IEquatable<IamPolicyValues>
{
    private readonly string[] _values;

    /// <summary>Wraps a single value (written as a JSON string, not a list).</summary>
    /// <param name="value">The value.</param>
    public IamPolicyValues(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _values = [value];
    }

    /// <summary>Wraps a list of values (written as a JSON array, even when it holds one value).</summary>
    /// <param name="values">The values, in order.</param>
    public IamPolicyValues(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values];
        IsList = true;
    }

    /// <summary>Gets a value indicating whether the JSON held a list (<c>["s3:GetObject"]</c>) rather than one value (<c>"s3:GetObject"</c>).</summary>
    public bool IsList { get; }

    /// <summary>Gets the number of values.</summary>
    public int Count => _values.Length;

    /// <summary>Gets the value at <paramref name="index"/>.</summary>
    /// <param name="index">The 0-based position.</param>
    /// <returns>The value.</returns>
    public string this[int index] => _values[index];

    /// <summary>Whether any value equals <paramref name="value"/>.</summary>
    /// <param name="value">The value to look for.</param>
    /// <param name="comparison">How to compare; IAM compares actions and condition keys ignoring case, ARNs ordinally.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool Contains(string value, StringComparison comparison = StringComparison.Ordinal)
    {
        foreach (string item in _values)
        {
            if (string.Equals(item, value, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>Whether both hold the same values in the same order and the same form (one value or a list).</summary>
    /// <param name="other">The values to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IamPolicyValues? other) =>
        other is not null && IsList == other.IsList && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IamPolicyValues);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsList, _values.Length, _values.Length > 0 ? StringComparer.Ordinal.GetHashCode(_values[0]) : 0);

    /// <summary>The values, comma-separated (a list in brackets).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => IsList ? "[" + string.Join(", ", _values) + "]" : _values[0];
}
