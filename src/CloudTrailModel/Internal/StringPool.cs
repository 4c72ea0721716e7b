using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// De-duplicates the low-cardinality strings of CloudTrail records (event sources and names, regions,
/// account IDs, ARNs, user agents, member names) per reader. Bounded: once full, or for long values, it
/// simply allocates, so an attacker's unique values cannot grow it.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 8192;
    private const int MaxLength = 512;

    private Entry[] _entries = new Entry[1024];
    private int _count;

    private struct Entry
    {
        public byte[]? Utf8;
        public string? Value;
        public int Hash;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        int hash = Hash(utf8);
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int i = hash & mask;
        while (true)
        {
            ref Entry e = ref entries[i];
            if (e.Utf8 is null)
            {
                break;
            }

            if (e.Hash == hash && utf8.SequenceEqual(e.Utf8))
            {
                return e.Value!;
            }

            i = (i + 1) & mask;
        }

        string value = Encoding.UTF8.GetString(utf8);
        if (_count >= MaxEntries)
        {
            return value;
        }

        entries[i] = new Entry { Utf8 = utf8.ToArray(), Value = value, Hash = hash };
        if (++_count * 2 > entries.Length)
        {
            Grow();
        }

        return value;
    }

    private void Grow()
    {
        Entry[] old = _entries;
        var entries = new Entry[old.Length * 2];
        int mask = entries.Length - 1;
        foreach (Entry e in old)
        {
            if (e.Utf8 is null)
            {
                continue;
            }

            int i = e.Hash & mask;
            while (entries[i].Utf8 is not null)
            {
                i = (i + 1) & mask;
            }

            entries[i] = e;
        }

        _entries = entries;
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
