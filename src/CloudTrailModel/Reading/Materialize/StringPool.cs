using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// De-duplicates the low-cardinality strings of CloudTrail records (event sources and names, regions,
/// account IDs, ARNs, user agents, member names) for one reader at a time (readers that follow one another reuse it:
/// <see cref="ParseStateCache"/>). Bounded: once full (<see cref="MaxEntries"/> values or <see cref="MaxBytes"/> of
/// them), or for long values, it simply allocates, so an attacker's unique values cannot grow it, and a lookup probes at
/// most <see cref="MaxProbes"/> entries, so values made to collide cannot slow it down (for this reader or those that
/// reuse the pool). The table is kept in parallel arrays; past 8,192 values they reach the large object heap, once per
/// kept pool.
/// </summary>
internal sealed class StringPool
{
    /// <summary>
    /// The most values a pool holds: an organisation trail's repeated values (caller ARNs, principal IDs, source
    /// addresses) number about 10,000 in a 20,000-record file of the benchmarks' organisation profile. With room for
    /// 4,096 the pool filled and started afresh in every file, which cost a fifth more allocation and gen-2 collections.
    /// </summary>
    internal const int MaxEntries = 16384;

    /// <summary>The most UTF-8 bytes of values a pool holds, so long values cannot make a full pool large.</summary>
    internal const int MaxBytes = 2 << 20;

    private const int MaxLength = 512;

    /// <summary>
    /// A pool that holds nothing and is never written, so one instance serves every thread: for a record parsed alone
    /// when no kept state is free (<see cref="ParseState.WithoutTables"/>), whose values and names would fill tables (and
    /// the table of values seen once) that no later record might use.
    /// </summary>
    public static readonly StringPool Unpooled = new(interned: false, maxLength: -1);

    // Longer values are not pooled (none, for Unpooled).
    private readonly int _maxLength;

    // The table is at most half full, so a lookup of a value that hashes at random stops within a few entries; one
    // that would go further (values crafted to collide) is treated as not pooled.
    private const int MaxProbes = 32;

    private int[] _hashes = new int[256];
    private byte[]?[] _keys = new byte[256][];
    private string?[] _values = new string[256];
    private int _count;
    private int _bytes;
    private readonly bool _interned;

    // Whether the pool holds values of readers before this one (see Inherit).
    private bool _inherited;

    /// <summary>Creates a pool.</summary>
    /// <param name="interned">
    /// Whether to hand out the interned instance of a value where there is one (for member names, which the models
    /// compare with literals). Only looks the table up; never adds to it.
    /// </param>
    public StringPool(bool interned = false)
        : this(interned, MaxLength)
    {
    }

    private StringPool(bool interned, int maxLength)
    {
        _interned = interned;
        _maxLength = maxLength;
    }

    /// <summary>
    /// Says that a new reader takes the pool over (<see cref="ParseStateCache"/>): should it fill up, the values of the
    /// readers before are forgotten, so this reader has the room a new pool would give it.
    /// </summary>
    public void Inherit() => _inherited = _count > 0;

    // A value's second sighting must come before about 8,000 other new values (an organisation trail's, above); 64 KB,
    // below the large object heap.
    private const int SeenBits = 13;
    private ulong[]? _seenTable;

    // The reading thread's table while this pool's state helps its reader (ShareSightingsOf).
    private ulong[]? _sharedSeen;

    private ulong[] Seen => _sharedSeen ?? _seenTable ?? NewSeenTable();

    // Once: a helper may ask for the table of the reading thread's pool (ShareSightingsOf) while that thread makes it.
    private ulong[] NewSeenTable()
    {
        Interlocked.CompareExchange(ref _seenTable, new ulong[1 << SeenBits], null);
        return _seenTable;
    }

    /// <summary>
    /// Counts first sightings in <paramref name="reader"/>'s table instead of this pool's own while this pool's state
    /// helps that pool's reader on another thread (null: in its own again), so each thread pools what one thread reading
    /// every record would. With a table each, a helper that sees half the records keeps a sighting twice as long, pools
    /// values that recur only a few times per file, and fills up, empties itself and learns every value again. Both
    /// threads write the table unsynchronised: a sighting lost or doubled only decides whether a value is pooled, never
    /// what is returned.
    /// </summary>
    public void ShareSightingsOf(StringPool? reader) => _sharedSeen = reader?.Seen;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _maxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        int hash = Fold(Hash(utf8));
        int i = Find(utf8, hash);
        return i < 0 ? Encoding.UTF8.GetString(utf8) : _values[i] ?? Add(utf8, hash, i);
    }

    // Member names come in nearly the same order in every record: each entry remembers the two entries that followed
    // it most recently, and a name is first compared with those guesses, which skips hashing and probing when one is
    // right (on the benchmark mix about 95% of names; optional members and identity types make the order vary).
    private int[] _following = new int[512];
    private int _previous = -1;

    /// <summary>
    /// The pooled string for a member name: as <see cref="Get"/>, but first tries the names that followed the previous
    /// one lately (CloudTrail writes members in nearly the same order in every record).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string GetInSequence(ReadOnlySpan<byte> utf8)
    {
        int previous = _previous;
        if (previous >= 0)
        {
            int guess = _following[previous * 2];
            if (_keys[guess] is { } key && utf8.SequenceEqual(key))
            {
                _previous = guess;
                return _values[guess]!;
            }

            guess = _following[(previous * 2) + 1];
            if (_keys[guess] is { } other && utf8.SequenceEqual(other))
            {
                // The second guess was right: it becomes the first.
                _following[(previous * 2) + 1] = _following[previous * 2];
                _following[previous * 2] = guess;
                _previous = guess;
                return _values[guess]!;
            }
        }

        return GetAndFollow(utf8, previous);
    }

    private string GetAndFollow(ReadOnlySpan<byte> utf8, int previous)
    {
        if (utf8.Length > _maxLength)
        {
            // No write when there is no guess to forget: Unpooled is shared by threads.
            if (previous >= 0)
            {
                _previous = -1;
            }

            return Encoding.UTF8.GetString(utf8);
        }

        int hash = Fold(Hash(utf8));
        int i = Find(utf8, hash);
        if (i < 0)
        {
            _previous = -1;
            return Encoding.UTF8.GetString(utf8);
        }

        string? pooled = _values[i];
        if (pooled is null)
        {
            // A new name (the table may grow, which renumbers its entries): no guess to remember this time.
            _previous = -1;
            return Add(utf8, hash, i);
        }

        if (previous >= 0)
        {
            _following[(previous * 2) + 1] = _following[previous * 2];
            _following[previous * 2] = i;
        }

        _previous = i;
        return pooled;
    }

    /// <summary>
    /// The pooled string for a value this reader has seen before, or null the first time it is seen (then only its
    /// hash is remembered). Values unique to one record (event IDs, session ARNs) so stay out of the table and
    /// cost no allocation here, and a value enters the table on its second sighting.
    /// </summary>
    /// <remarks>
    /// <paramref name="hash"/> is the hash of the text (0 for a long one): for those who combine pooled strings into keys,
    /// a hash of the same text is found without touching the string (which may be out of cache).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? GetIfRepeated(ReadOnlySpan<byte> utf8, out int hash)
    {
        if (utf8.Length > _maxLength)
        {
            hash = 0;
            return null;
        }

        ulong wide = Hash(utf8);
        hash = Fold(wide);
        int i = Find(utf8, hash);
        return i < 0 ? null : _values[i] ?? Sighted(utf8, wide, hash, i);
    }

    // A value not pooled yet: pooled on its second sighting. Out of line, so the common path (pooled already) stays
    // small enough to inline into the readers (with the two-way table inline, the method was no longer inlined, and
    // fixed-work one-core reads took 1.5% longer).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private string? Sighted(ReadOnlySpan<byte> utf8, ulong wide, int hash, int i)
    {
        // Two ways per set, full 64-bit hashes, the newer first; 0 marks an empty entry. Direct-mapped, two values whose
        // sets met and that alternate (an identity's "AssumedRole" and "s3.amazonaws.com" in every record of a test
        // log) forgot each other's sighting in every record and were never pooled; a collision now costs a sighting
        // only when three values meet between two sightings.
        ulong[] seen = Seen;
        int set = (int)(wide >> (64 - SeenBits)) & ~1;
        ulong entry = wide | 1;
        if (seen[set] == entry || seen[set + 1] == entry)
        {
            return Add(utf8, hash, i);
        }

        seen[set + 1] = seen[set];
        seen[set] = entry;
        return null;
    }

    // The entry holding the value, or the empty one where it would go; -1 when neither is within MaxProbes entries.
    private int Find(ReadOnlySpan<byte> utf8, int hash)
    {
        byte[]?[] keys = _keys;
        int mask = keys.Length - 1;
        int i = hash & mask;
        int probes = 0;
        while (keys[i] is { } key)
        {
            if (_hashes[i] == hash && utf8.SequenceEqual(key))
            {
                return i;
            }

            if (++probes > MaxProbes)
            {
                return -1;
            }

            i = (i + 1) & mask;
        }

        return i;
    }

    private string Add(ReadOnlySpan<byte> utf8, int hash, int i)
    {
        string value = Encoding.UTF8.GetString(utf8);
        if (_count >= MaxEntries || _bytes + utf8.Length > MaxBytes)
        {
            if (!_inherited)
            {
                return value;
            }

            // Full of earlier readers' values as well as this one's: start afresh (strings handed out stay valid; a
            // value seen again is pooled anew).
            Array.Clear(_hashes);
            Array.Clear(_keys);
            Array.Clear(_values);
            _count = 0;
            _bytes = 0;
            _previous = -1;
            _inherited = false;
            i = hash & (_keys.Length - 1);
        }

        if (_interned)
        {
            // The literal's own instance (a member name the models switch on): then the switch's string comparison
            // finds the same reference and stops there, instead of comparing characters.
            value = string.IsInterned(value) ?? value;
        }

        _keys[i] = utf8.ToArray();
        _hashes[i] = hash;
        _values[i] = value;
        _bytes += utf8.Length;
        if (++_count * 2 > _keys.Length)
        {
            Grow();
        }

        return value;
    }

    private void Grow()
    {
        int[] oldHashes = _hashes;
        byte[]?[] oldKeys = _keys;
        string?[] oldValues = _values;
        int size = oldKeys.Length * 2;
        _hashes = new int[size];
        _keys = new byte[size][];
        _values = new string[size];
        _following = new int[size * 2];
        _previous = -1;
        int mask = size - 1;
        for (int j = 0; j < oldKeys.Length; j++)
        {
            if (oldKeys[j] is null)
            {
                continue;
            }

            int i = oldHashes[j] & mask;
            while (_keys[i] is not null)
            {
                i = (i + 1) & mask;
            }

            _hashes[i] = oldHashes[j];
            _keys[i] = oldKeys[j];
            _values[i] = oldValues[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Fold(ulong h) => (int)(h ^ (h >> 32));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        // Eight bytes at a time, multiply-xor mixing: values are short, and values crafted to collide cost a bounded
        // probe (MaxProbes), not a slower table. The last eight bytes are read as one word even where they overlap the
        // ones before (the length is mixed in).
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)utf8.Length;
        ulong tail;
        if (utf8.Length >= 8)
        {
            ReadOnlySpan<byte> last = utf8[^8..];
            while (utf8.Length > 8)
            {
                h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * 0xFF51AFD7ED558CCDUL;
                h ^= h >> 29;
                utf8 = utf8[8..];
            }

            tail = BinaryPrimitives.ReadUInt64LittleEndian(last);
        }
        else if (utf8.Length >= 4)
        {
            tail = BinaryPrimitives.ReadUInt32LittleEndian(utf8) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(utf8[^4..]) << 32);
        }
        else
        {
            tail = 0;
            for (int i = 0; i < utf8.Length; i++)
            {
                tail |= (ulong)utf8[i] << (i * 8);
            }
        }

        // The table takes an entry from the hash's low bits, and a multiplication carries bits only upward: with one
        // multiply and shift here, values that differ only in their last bytes (numbered ARNs, account and instance
        // IDs) differed only in high bits, met in a few entries and ran past MaxProbes, so most were never pooled
        // (104 of 3,000 account IDs in a row). Folding the high half down before a second multiply spreads every byte
        // over the low bits.
        h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 32;
        h *= 0xFF51AFD7ED558CCDUL;
        return h ^ (h >> 29);
    }
}
