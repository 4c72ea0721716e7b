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

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        int hash = Hash(utf8);
        byte[]?[] keys = _keys;
        int mask = keys.Length - 1;
        int i = hash & mask;
        while (keys[i] is { } key)
        {
            if (_hashes[i] == hash && utf8.SequenceEqual(key))
            {
                return _values[i]!;
            }

            i = (i + 1) & mask;
        }

        string value = Encoding.UTF8.GetString(utf8);
        if (_count >= MaxEntries)
        {
            return value;
        }

        keys[i] = utf8.ToArray();
        _hashes[i] = hash;
        _values[i] = value;
        if (++_count * 2 > keys.Length)
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
    private static int Hash(ReadOnlySpan<byte> utf8)
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
        return (int)(h ^ (h >> 32));
    }
}
