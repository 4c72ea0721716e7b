using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// De-duplicates the low-cardinality strings of CloudTrail records (event sources and names, regions,
/// account IDs, ARNs, user agents, member names) per reader. Bounded: once full, or for long values, it
/// simply allocates, so an attacker's unique values cannot grow it. The table is kept in parallel arrays
/// that stay below the large-object-heap threshold, so a reader never causes gen-2 collections.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 512;

    private int[] _hashes = new int[256];
    private byte[]?[] _keys = new byte[256][];
    private string?[] _values = new string[256];
    private int _count;

    private const int SeenBits = 10;
    private ulong[]? _seenTable;

    private ulong[] Seen => _seenTable ??= new ulong[1 << SeenBits];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        int hash = Fold(Hash(utf8));
        int i = Find(utf8, hash);
        return _values[i] ?? Add(utf8, hash, i);
    }

    /// <summary>
    /// The pooled string for a value this reader has seen before, or null the first time it is seen (then only its
    /// hash is remembered). Values unique to one record (event IDs, session ARNs) so stay out of the table and
    /// cost no allocation here, and a value enters the table on its second sighting.
    /// </summary>
    public string? GetIfRepeated(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return null;
        }

        ulong wide = Hash(utf8);
        int hash = Fold(wide);
        int i = Find(utf8, hash);
        if (_values[i] is { } value)
        {
            return value;
        }

        // Direct-mapped, full 64-bit hashes: a collision only forgets a sighting; 0 marks an empty entry.
        ref ulong seen = ref Seen[(int)(wide >> (64 - SeenBits))];
        if (seen == (wide | 1))
        {
            return Add(utf8, hash, i);
        }

        seen = wide | 1;
        return null;
    }

    private int Find(ReadOnlySpan<byte> utf8, int hash)
    {
        byte[]?[] keys = _keys;
        int mask = keys.Length - 1;
        int i = hash & mask;
        while (keys[i] is { } key)
        {
            if (_hashes[i] == hash && utf8.SequenceEqual(key))
            {
                return i;
            }

            i = (i + 1) & mask;
        }

        return i;
    }

    private string Add(ReadOnlySpan<byte> utf8, int hash, int i)
    {
        string value = Encoding.UTF8.GetString(utf8);
        if (_count >= MaxEntries)
        {
            return value;
        }

        _keys[i] = utf8.ToArray();
        _hashes[i] = hash;
        _values[i] = value;
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
        // Eight bytes at a time, multiply-xor mixing: values are short, and the table is private to one reader.
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)utf8.Length;
        while (utf8.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 29;
            utf8 = utf8[8..];
        }

        ulong tail = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            tail |= (ulong)utf8[i] << (i * 8);
        }

        h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 29);
    }
}
