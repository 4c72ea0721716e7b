using System.Collections;
using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Operations;

/// <summary>
/// A member AWS marks sensitive, which CloudTrail may log either as its modelled shape or as a placeholder string
/// (typically <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>). Exactly one of <see cref="Value"/>, <see cref="RedactedText"/>
/// and <see cref="RawJson"/> is set, so nothing CloudTrail wrote is lost and the record still parses.
/// Two are equal when they hold equal values: typed values by value (lists item by item in order, dictionaries entry by
/// entry), raw JSON as JSON, so the records that hold them compare by value.
/// </summary>
/// <typeparam name="T">The modelled type of the member (a record, list or dictionary).</typeparam>
public sealed class SensitiveValue<T> : IEquatable<SensitiveValue<T>>
    where T : class
{
    /// <summary>Wraps a value logged in its modelled shape.</summary>
    /// <param name="value">The typed value.</param>
    public SensitiveValue(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>Wraps a placeholder string logged in place of the value.</summary>
    /// <param name="redactedText">The string CloudTrail wrote, e.g. <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>.</param>
    public SensitiveValue(string redactedText)
    {
        ArgumentNullException.ThrowIfNull(redactedText);
        RedactedText = redactedText;
    }

    /// <summary>Wraps JSON that is neither the modelled shape nor a string (for example a map whose values were redacted one by one).</summary>
    /// <param name="rawJson">The JSON as CloudTrail wrote it.</param>
    public SensitiveValue(JsonElement rawJson)
    {
        RawJson = rawJson.Clone();
    }

    /// <summary>Gets the typed value, when CloudTrail logged the modelled shape.</summary>
    public T? Value { get; }

    /// <summary>Gets the placeholder string CloudTrail logged instead of the value (typically <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>).</summary>
    public string? RedactedText { get; }

    /// <summary>Gets the JSON CloudTrail logged when it fits neither the modelled shape nor a string.</summary>
    public JsonElement? RawJson { get; }

    /// <summary>Gets a value indicating whether CloudTrail logged a placeholder string instead of the value.</summary>
    public bool IsRedacted => RedactedText is not null;

    /// <summary>Whether <paramref name="other"/> holds an equal value, placeholder or raw JSON.</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>True when both hold equal contents.</returns>
    public bool Equals(SensitiveValue<T>? other) =>
        other is not null
        && string.Equals(RedactedText, other.RedactedText, StringComparison.Ordinal)
        && RawJson.HasValue == other.RawJson.HasValue
        && (!RawJson.HasValue || JsonElementComparer.Instance.Equals(RawJson.Value, other.RawJson!.Value))
        && ValuesEqual(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SensitiveValue<T>);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        RedactedText,
        RawJson is { } raw ? JsonElementComparer.Instance.GetHashCode(raw) : -1,
        Value switch { null => 0, IDictionary d => d.Count, IList l => l.Count, { } v => v.GetHashCode() });

    // A typed value is a record (value equality of its own), or a list or dictionary as System.Text.Json made it (or
    // as the caller gave it): those compare item by item, without reflection.
    private static bool ValuesEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (a is IDictionary x && b is IDictionary y)
        {
            if (x.Count != y.Count)
            {
                return false;
            }

            foreach (DictionaryEntry entry in x)
            {
                if (!y.Contains(entry.Key) || !ValuesEqual(entry.Value, y[entry.Key]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is IList p && b is IList q)
        {
            if (p.Count != q.Count)
            {
                return false;
            }

            for (int i = 0; i < p.Count; i++)
            {
                if (!ValuesEqual(p[i], q[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return a.Equals(b);
    }

    /// <summary>The placeholder, the raw JSON, or the type name of the value; never the sensitive content itself.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => RedactedText ?? (RawJson is { } raw ? raw.GetRawText() : Value is null ? string.Empty : typeof(T).Name);
}
