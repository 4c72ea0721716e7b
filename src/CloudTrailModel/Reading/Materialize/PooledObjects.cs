namespace CloudTrailModel.Internal;

/// <summary>
/// Small immutable objects made of pooled strings (a TLS configuration, a role's session issuer, what a record called
/// and where), shared across the records of a reader: the same string instances give an equal object. A lookup
/// compares references only, after the members were read, so it costs a few instructions and no second pass.
/// </summary>
/// <typeparam name="TKey">What makes two objects the same.</typeparam>
/// <typeparam name="T">The model type.</typeparam>
internal sealed class PooledObjects<TKey, T>
    where TKey : struct, IPoolKey<TKey>
    where T : class
{
    /// <summary>A pool that remembers nothing (every lookup makes a new object): for a parse of one record, which would not repay the tables.</summary>
    public static readonly PooledObjects<TKey, T> None = new(0);

    // Four ways per set, so a few objects in frequent use whose hashes meet do not keep evicting each other (a test
    // caught two session issuers doing just that in a direct-mapped table in one reader of seven, and three in a
    // two-way table in one of two hundred). A pool starts with four sets and grows fourfold once it has missed more
    // often than it holds objects, so a small file does not pay for tables it cannot fill, up to MaxSets.
    private const int Ways = 4;

    /// <summary>
    /// The most sets a pool grows to (4,096 objects; about 250 KB with <see cref="ValuesKey"/>): an organisation trail's
    /// roles, their sessions and resources number a few thousand (the benchmarks' organisation file). With at most 256
    /// sets, objects made again and again there, each surviving a collection in its table, doubled the collector's time
    /// and made one-core reads 7-8% slower (benchmarks/results/linux-x64-2core-poolsets-vs-9d5d814).
    /// </summary>
    internal const int MaxSets = 1024;

    private const int InitialSets = 4;
    private readonly int _maxSets;
    private int _setMask;
    private int _misses;
    private int[] _hashes = [];
    private TKey[] _keys = [];
    private T?[] _values = [];
    private byte[] _next = [];

    /// <summary>Creates an empty pool.</summary>
    /// <param name="sets">The most sets of four objects it grows to: a power of two (0: remember nothing).</param>
    public PooledObjects(int sets = MaxSets)
    {
        _maxSets = sets;
        _setMask = -1;
        if (sets > 0)
        {
            Allocate(Math.Min(sets, InitialSets));
        }
    }

    private void Allocate(int sets)
    {
        _setMask = sets - 1;
        _hashes = new int[sets * Ways];
        _keys = new TKey[sets * Ways];
        _values = new T?[sets * Ways];
        _next = new byte[sets];
    }

    // Four times the sets; the objects it holds are kept, in their new sets (a set full of them keeps the last four).
    private void Grow()
    {
        int[] hashes = _hashes;
        TKey[] keys = _keys;
        T?[] values = _values;
        Allocate(Math.Min(_maxSets, (_setMask + 1) * 4));
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                int hash = hashes[i];
                int set = (hash ^ (hash >> 16)) & _setMask;
                Store((set * Ways) + _next[set], hash, keys[i], value);
            }
        }
    }

    private void Store(int slot, int hash, in TKey key, T value)
    {
        _hashes[slot] = hash;
        _keys[slot] = key;
        _values[slot] = value;
        int set = slot / Ways;
        _next[set] = (byte)((_next[set] + 1) % Ways);
    }

    /// <summary>
    /// The object made for an equal <paramref name="key"/> before, or null: then make it and give it to
    /// <see cref="Add"/> with <paramref name="slot"/>. Two calls rather than one taking a factory, so a hit passes no
    /// delegate (in shared generic code, fetching even a cached one costs a lookup per call).
    /// </summary>
    public T? Find(in TKey key, out int slot)
    {
        if (_setMask < 0)
        {
            slot = -1;
            return null;
        }

        int hash = key.Hash();
        int set = (hash ^ (hash >> 16)) & _setMask;
        int[] hashes = _hashes;
        TKey[] keys = _keys;
        T?[] values = _values;
        for (int way = 0; way < Ways; way++)
        {
            // The hashes first: a set's four fit in one cache line, where its keys may take four.
            int i = (set * Ways) + way;
            if (hashes[i] == hash && values[i] is { } known && keys[i].Same(key))
            {
                slot = i;
                return known;
            }
        }

        // Replaced in turn: a set's oldest object goes first.
        slot = (set * Ways) + _next[set];
        return null;
    }

    /// <summary>Remembers <paramref name="value"/>, made for <paramref name="key"/> after <see cref="Find"/> gave <paramref name="slot"/>.</summary>
    /// <returns><paramref name="value"/>.</returns>
    public T Add(int slot, in TKey key, T value)
    {
        if (slot >= 0)
        {
            Store(slot, key.Hash(), key, value);
            if (++_misses > _values.Length && _setMask + 1 < _maxSets)
            {
                Grow();
                _misses = 0;
            }
        }

        return value;
    }
}
