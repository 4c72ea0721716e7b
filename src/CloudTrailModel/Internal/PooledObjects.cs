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
    // Four ways per set, so a few objects in frequent use whose hashes meet do not keep evicting each other (a test
    // caught two session issuers doing just that in a direct-mapped table in one reader of seven, and three in a
    // two-way table in one of two hundred). 64 sets (256 objects, ~12 KB per pool and reader): a trail's TLS
    // configurations differ by host header, one per service endpoint and region (123 in the benchmark's file), and
    // with 16 sets most of them were made again for every record.
    private const int Sets = 64;
    private const int Ways = 4;
    private const int Arity = 5;
    private readonly string?[] _keys = new string?[Sets * Ways * Arity];
    private readonly T?[] _values = new T?[Sets * Ways];
    private readonly byte[] _next = new byte[Sets];

    /// <summary>
    /// The object made of exactly these strings before, or a new one from <paramref name="create"/> (given the same
    /// strings; called only on a miss, so a static lambda costs no allocation), which is then remembered.
    /// </summary>
    public T GetOrAdd(string? a, string? b, string? c, string? d, string? e, Func<string?, string?, string?, string?, string?, T> create)
    {
        if (Find(a, b, c, d, e, out int slot) is { } known)
        {
            return known;
        }

        T value = create(a, b, c, d, e);
        Add(slot, a, b, c, d, e, value);
        return value;
    }

    /// <summary>The object made of exactly these strings before, or null (then <paramref name="slot"/> is where to add it).</summary>
    private T? Find(string? a, string? b, string? c, string? d, string? e, out int slot)
    {
        int hash = Hash(a);
        hash = (hash * 31) + Hash(b);
        hash = (hash * 31) + Hash(c);
        hash = (hash * 31) + Hash(d);
        hash = (hash * 31) + Hash(e);
        int set = (hash ^ (hash >> 16)) & (Sets - 1);
        string?[] keys = _keys;
        for (int way = 0; way < Ways; way++)
        {
            int i = (set * Ways) + way;
            int k = i * Arity;
            if (_values[i] is { } value
                && ReferenceEquals(keys[k], a) && ReferenceEquals(keys[k + 1], b) && ReferenceEquals(keys[k + 2], c)
                && ReferenceEquals(keys[k + 3], d) && ReferenceEquals(keys[k + 4], e))
            {
                slot = i;
                return value;
            }
        }

        // Replaced in turn: a set's oldest object goes first.
        slot = (set * Ways) + _next[set];
        return null;
    }

    private void Add(int slot, string? a, string? b, string? c, string? d, string? e, T value)
    {
        int k = slot * Arity;
        _keys[k] = a;
        _keys[k + 1] = b;
        _keys[k + 2] = c;
        _keys[k + 3] = d;
        _keys[k + 4] = e;
        _values[slot] = value;
        int set = slot / Ways;
        _next[set] = (byte)((_next[set] + 1) % Ways);
    }

    private static int Hash(string? value) => value is null ? 0 : RuntimeHelpers.GetHashCode(value);
}
