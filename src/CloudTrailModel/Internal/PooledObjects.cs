using System.Runtime.CompilerServices;

namespace CloudTrailModel.Internal;

/// <summary>
/// Small objects made only of pooled strings (a TLS configuration, a role's session issuer), shared across the
/// records of a reader: the same string instances give an equal object, and model objects are immutable. A lookup
/// compares references only, after the members were read, so it costs a few instructions and no second pass.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
internal sealed class PooledObjects<T>
    where T : class
{
    private const int Size = 64;
    private const int Arity = 5;
    private readonly string?[] _keys = new string?[Size * Arity];
    private readonly T?[] _values = new T?[Size];

    /// <summary>The object made of exactly these strings before, or null (then <paramref name="slot"/> is where to add it).</summary>
    public T? Find(string? a, string? b, string? c, string? d, string? e, out int slot)
    {
        int hash = Hash(a);
        hash = (hash * 31) + Hash(b);
        hash = (hash * 31) + Hash(c);
        hash = (hash * 31) + Hash(d);
        hash = (hash * 31) + Hash(e);
        slot = (hash ^ (hash >> 16)) & (Size - 1);
        int k = slot * Arity;
        string?[] keys = _keys;
        return _values[slot] is { } value
            && ReferenceEquals(keys[k], a) && ReferenceEquals(keys[k + 1], b) && ReferenceEquals(keys[k + 2], c)
            && ReferenceEquals(keys[k + 3], d) && ReferenceEquals(keys[k + 4], e)
            ? value
            : null;
    }

    public void Add(int slot, string? a, string? b, string? c, string? d, string? e, T value)
    {
        int k = slot * Arity;
        _keys[k] = a;
        _keys[k + 1] = b;
        _keys[k + 2] = c;
        _keys[k + 3] = d;
        _keys[k + 4] = e;
        _values[slot] = value;
    }

    private static int Hash(string? value) => value is null ? 0 : RuntimeHelpers.GetHashCode(value);
}
