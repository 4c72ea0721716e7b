using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>
/// The read-only list behind every list property of the model: equal to another such list when it holds equal items
/// in the same order, with a hash code to match, so records that hold lists compare by value (a record's synthesized
/// equality asks each member's own <see cref="object.Equals(object)"/>). Its items are its own copy: it never changes.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>The empty list.</summary>
    public static readonly ValueList<T> Empty = new([]);

    /// <summary>Wraps an array the caller gives up (it must never change it again).</summary>
    public ValueList(T[] items) => _items = items;

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    /// <summary>The list as given (null stays null), or a copy of it that compares by value.</summary>
    [return: NotNullIfNotNull(nameof(items))]
    public static IReadOnlyList<T>? From(IReadOnlyList<T>? items) => items switch
    {
        null => null,
        ValueList<T> list => list,
        { Count: 0 } => Empty,
        _ => new ValueList<T>([.. items]),
    };

    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(_items.Length);
        foreach (T item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The items, as a record prints a member: <c>[a, b]</c> (not this internal type's name).</summary>
    public override string ToString() => "[" + string.Join(", ", _items.Select(item => ValueText.Of(item))) + "]";

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The read-only dictionary behind every map property of the model (<c>AdditionalFields</c>, string maps): equal to
/// another such map with the same keys (ordinal) and equal values, in any order, with a hash code to match. JSON values
/// compare with <see cref="JsonElement.DeepEquals(JsonElement, JsonElement)"/>, so two parses of the same JSON are equal.
/// It enumerates in the order its entries were added (the order they are written back) and never changes.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    private static readonly IEqualityComparer<TValue> Comparer = typeof(TValue) == typeof(JsonElement)
        ? (IEqualityComparer<TValue>)(object)JsonElementComparer.Instance
        : EqualityComparer<TValue>.Default;

    private readonly Dictionary<string, TValue> _entries;

    /// <summary>The empty map.</summary>
    public static readonly ValueMap<TValue> Empty = new(new Dictionary<string, TValue>(StringComparer.Ordinal));

    /// <summary>Wraps an ordinal dictionary the caller gives up (it must never change it again).</summary>
    public ValueMap(Dictionary<string, TValue> entries) => _entries = entries;

    public int Count => _entries.Count;

    public TValue this[string key] => _entries[key];

    public IEnumerable<string> Keys => _entries.Keys;

    public IEnumerable<TValue> Values => _entries.Values;

    /// <summary>The map as given (null stays null), or a copy of it, with ordinal keys, that compares by value.</summary>
    [return: NotNullIfNotNull(nameof(entries))]
    public static IReadOnlyDictionary<string, TValue>? From(IReadOnlyDictionary<string, TValue>? entries)
    {
        switch (entries)
        {
            case null:
                return null;
            case ValueMap<TValue> map:
                return map;
            case { Count: 0 }:
                return Empty;
        }

        var copy = new Dictionary<string, TValue>(entries.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, TValue> entry in entries)
        {
            copy[entry.Key] = entry.Value;
        }

        return new ValueMap<TValue>(copy);
    }

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    public bool Equals(ValueMap<TValue>? other) =>
        ReferenceEquals(this, other) || (other is not null && EntriesEqual(_entries, other._entries));

    /// <summary>Whether two dictionaries hold the same keys with values equal by this map's rules.</summary>
    public static bool EntriesEqual(IDictionary<string, TValue> x, IDictionary<string, TValue> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, TValue> entry in x)
        {
            if (!y.TryGetValue(entry.Key, out TValue? value) || !Comparer.Equals(entry.Value, value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    public override int GetHashCode()
    {
        // A sum, so the order of entries does not count; each entry's hash is its key's and its value's.
        int sum = _entries.Count;
        foreach (KeyValuePair<string, TValue> entry in _entries)
        {
            sum += HashCode.Combine(StringComparer.Ordinal.GetHashCode(entry.Key), entry.Value is null ? 0 : Comparer.GetHashCode(entry.Value));
        }

        return sum;
    }

    /// <summary>The entries, as a record prints its members: <c>{ key = value }</c>, JSON values as their JSON text.</summary>
    public override string ToString() =>
        _entries.Count == 0 ? "{ }" : "{ " + string.Join(", ", _entries.Select(entry => entry.Key + " = " + ValueText.Of(entry.Value))) + " }";

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>How the value collections print an item: a JSON value as its JSON text, anything else as itself.</summary>
internal static class ValueText
{
    public static string Of<T>(T value) => value is JsonElement element ? element.GetRawText() : value?.ToString() ?? "null";
}

/// <summary>JSON values equal as JSON (<see cref="JsonElement.DeepEquals(JsonElement, JsonElement)"/>).</summary>
internal sealed class JsonElementComparer : IEqualityComparer<JsonElement>
{
    public static readonly JsonElementComparer Instance = new();

    public bool Equals(JsonElement x, JsonElement y) =>
        x.ValueKind == JsonValueKind.Undefined || y.ValueKind == JsonValueKind.Undefined ? x.ValueKind == y.ValueKind : JsonElement.DeepEquals(x, y);

    // Only the kind: values DeepEquals calls equal may be spelled differently (1.0 and 1, escapes, member order).
    public int GetHashCode(JsonElement obj) => (int)obj.ValueKind;
}

/// <summary>
/// Compares the extension data of the generated operation types (a mutable dictionary System.Text.Json fills) as
/// <see cref="ValueMap{TValue}"/> compares <c>AdditionalFields</c>: same keys, values equal as JSON; absent equals empty.
/// </summary>
internal static class JsonFields
{
    public static bool Equal(IDictionary<string, JsonElement>? x, IDictionary<string, JsonElement>? y) =>
        ReferenceEquals(x, y)
        || (x is null || y is null
            ? (x?.Count ?? 0) == 0 && (y?.Count ?? 0) == 0
            : ValueMap<JsonElement>.EntriesEqual(x, y));

    // Only the count: the dictionary may change after a hash is taken (it is mutable), and its values may be spelled
    // differently yet be equal.
    public static int Hash(IDictionary<string, JsonElement>? fields) => fields?.Count ?? 0;

    /// <summary>A member kept as raw JSON (a policy document as a string or an object) compares as JSON, not by the document it came from.</summary>
    public static bool Equal(JsonElement? x, JsonElement? y) =>
        x is null ? y is null : y is not null && JsonElement.DeepEquals(x.Value, y.Value);

    // The kind only: equal JSON may be spelled differently (member order, 1 vs 1.0).
    public static int Hash(JsonElement? value) => (int)(value?.ValueKind ?? JsonValueKind.Undefined);
}
