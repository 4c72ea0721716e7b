using System.Runtime.CompilerServices;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// A record's values that stay in its one array until first read: up to four strings (slots 0-3: in CloudTrailRecord the
/// error message, request, event and shared event IDs; an ID may be packed by <see cref="HexText"/>) and four free-form
/// values (slots 4-7: request parameters, response elements, additional event data, service event details; one that
/// came as JSON null has a slot of no bytes, <see cref="IsNull"/>), as the record's member table assigns them
/// (<c>@texts</c>). The record holds one reference for all eight: where each value is sits in a small table at the end
/// of the array (see <see cref="WriteTable"/>), about 20 bytes where eight (start, length) fields would take 64 in the
/// record. What is read is cached in a side object made on first read (or when a value is set in code), which a record
/// made with <c>with</c> shares until it sets a value of its own. Equality and hash codes are those of the values
/// (strings, and raw values' bytes or JSON null), read or not. Thread-safe: threads reading at once may decode a value
/// twice, into equal values, and agree on one side object.
/// </summary>
internal struct RecordTexts : IEquatable<RecordTexts>
{
    // Slots 0-3 hold strings, 4-7 raw values.
    private const int FirstRaw = 4;
    private const int Count = 8;

    /// <summary>The most bytes <see cref="WriteTable"/> writes.</summary>
    public const int MaxTableLength = (Count * 10) + 1;

    // The record's array (nothing read or set yet), a Cache (which holds the array), or null (no array).
    private object? _store;

    /// <summary>
    /// Writes where a record's values will be in its array, for <see cref="ParseState.EndRecord"/> to put at the
    /// array's end: the strings where they wait (pending, see <see cref="Utf8Text"/>; a string that is a string
    /// already is set by <see cref="Create"/> instead), the free-form values one after another from
    /// <paramref name="rawStart"/>, in this order, as EndRecord copies them.
    /// </summary>
    /// <returns>The table's length.</returns>
    public static int WriteTable(
        Span<byte> table, in Utf8Text string0, in Utf8Text string1, in Utf8Text string2, in Utf8Text string3,
        int rawStart, RawRange raw4, RawRange raw5, RawRange raw6, RawRange raw7)
    {
        // Each value: its start plus one (0: not in the array, and nothing follows), then its length (or, for a
        // packed ID, ~shape) zigzagged; both as 7-bit groups. The last byte is the table's length.
        int at = 0;
        at = WriteString(table, at, string0);
        at = WriteString(table, at, string1);
        at = WriteString(table, at, string2);
        at = WriteString(table, at, string3);
        int offset = rawStart;
        at = WriteRaw(table, at, raw4, ref offset);
        at = WriteRaw(table, at, raw5, ref offset);
        at = WriteRaw(table, at, raw6, ref offset);
        at = WriteRaw(table, at, raw7, ref offset);
        table[at] = (byte)at;
        return at + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteString(Span<byte> table, int at, in Utf8Text value) =>
        value.TryGetPending(out int start, out int length) ? WriteSlot(table, at, start, length) : WriteAbsent(table, at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteRaw(Span<byte> table, int at, RawRange range, ref int offset)
    {
        if (range.Length == 0)
        {
            // A JSON null is a slot of no bytes, so it is written back; an absent value has no slot.
            return range.IsNull ? WriteSlot(table, at, offset, 0) : WriteAbsent(table, at);
        }

        at = WriteSlot(table, at, offset, range.Length);
        offset += range.Length;
        return at;
    }

    private static int WriteAbsent(Span<byte> table, int at)
    {
        table[at] = 0;
        return at + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteSlot(Span<byte> table, int at, int start, int length)
    {
        at = WriteNumber(table, at, (uint)start + 1);
        return WriteNumber(table, at, (uint)((length << 1) ^ (length >> 31)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteNumber(Span<byte> table, int at, uint value)
    {
        if (value < 0x80)
        {
            table[at] = (byte)value;
            return at + 1;
        }

        return WriteLongNumber(table, at, value);
    }

    private static int WriteLongNumber(Span<byte> table, int at, uint value)
    {
        while (value >= 0x80)
        {
            table[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        table[at++] = (byte)value;
        return at;
    }

    // Where value `index` is in the array, from the table at its end; false when it is not in the array.
    private static bool TryFindSlot(byte[] bytes, int index, out int start, out int length)
    {
        int at = bytes.Length - 1 - bytes[^1];
        for (int i = 0; ; i++)
        {
            uint startPlusOne = ReadNumber(bytes, ref at);
            if (startPlusOne == 0)
            {
                if (i == index)
                {
                    start = length = 0;
                    return false;
                }

                continue;
            }

            uint zigzag = ReadNumber(bytes, ref at);
            if (i == index)
            {
                start = (int)startPlusOne - 1;
                length = (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
                return true;
            }
        }
    }

    private static uint ReadNumber(byte[] bytes, ref int at)
    {
        uint value = 0;
        int shift = 0;
        byte b;
        do
        {
            b = bytes[at++];
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return value;
    }

    /// <summary>
    /// The values of a record just read, whose array ends with its <see cref="WriteTable"/> table: strings that are
    /// strings already (escaped, pooled) are set; the others are found through the table.
    /// </summary>
    public static RecordTexts Create(byte[] bytes, in Utf8Text string0, in Utf8Text string1, in Utf8Text string2, in Utf8Text string3)
    {
        var texts = new RecordTexts { _store = bytes };
        texts.TakeString(0, string0);
        texts.TakeString(1, string1);
        texts.TakeString(2, string2);
        texts.TakeString(3, string3);
        return texts;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TakeString(int index, in Utf8Text value)
    {
        // (False while pending: those are in the table.)
        if (value.TryGetString(out string? text) && text is not null)
        {
            Set(index, text);
        }
    }

    /// <summary>The string at <paramref name="index"/>, decoded and cached on first read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? GetString(int index)
    {
        object? store = _store;
        return store is Cache cache && cache.Has(index) ? Unsafe.As<string?>(cache.Values[index]) : DecodeString(index, store);
    }

    /// <summary>The raw value at <paramref name="index"/>, wrapped and cached on first read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RawJson? GetRaw(int index)
    {
        object? store = _store;
        return store is Cache cache && cache.Has(index) ? Unsafe.As<RawJson?>(cache.Values[index]) : WrapRaw(index, store);
    }

    /// <summary>Sets a value in code (an object initializer, <c>with</c>): the side object is copied, never changed in place.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Set(int index, object? value)
    {
        object? store = _store;
        var cache = new Cache { Bytes = store as byte[] ?? (store as Cache)?.Bytes };
        if (store is Cache previous)
        {
            cache.Values = previous.Values;
            cache.Known = previous.Known;
        }

        cache.Values[index] = value;
        cache.Known |= 1 << index;
        _store = cache;
    }

    private string? DecodeString(int index, object? store)
    {
        if (Bytes(store) is not { } bytes || !TryFindSlot(bytes, index, out int start, out int length))
        {
            return null;
        }

        string text = Decode(bytes, start, length);
        SideObject(store).Values[index] = text;
        return text;
    }

    private RawJson? WrapRaw(int index, object? store)
    {
        if (Bytes(store) is not { } bytes || !TryFindSlot(bytes, index, out int start, out int length) || length == 0)
        {
            return null;
        }

        var json = new RawJson(bytes.AsMemory(start, length));
        SideObject(store).Values[index] = json;
        return json;
    }

    private static byte[]? Bytes(object? store) => store as byte[] ?? Unsafe.As<Cache?>(store)?.Bytes;

    private static string Decode(byte[] bytes, int start, int length) =>
        length >= 0
            ? Encoding.UTF8.GetString(bytes, start, length)
            : HexText.Unpack(bytes.AsSpan(start, HexText.PackedLength(~length)), ~length);

    // The side object, made on first read: the one another thread may have made at the same time wins.
    private Cache SideObject(object? store)
    {
        if (store is Cache cache)
        {
            return cache;
        }

        var created = new Cache { Bytes = Unsafe.As<byte[]>(store) };
        object? seen = Interlocked.CompareExchange(ref _store, created, store);
        return ReferenceEquals(seen, store) ? created : Unsafe.As<Cache>(seen)!;
    }

    // A value without caching it (for equality and hash codes).
    private readonly object? Peek(int index)
    {
        object? store = _store;
        if (store is Cache cache && cache.Has(index))
        {
            return cache.Values[index];
        }

        if (Bytes(store) is not { } bytes || !TryFindSlot(bytes, index, out int start, out int length))
        {
            return null;
        }

        return index < FirstRaw ? Decode(bytes, start, length) : length == 0 ? null : new RawJson(bytes.AsMemory(start, length));
    }

    /// <summary>
    /// Whether the raw value at <paramref name="index"/> came as JSON null (its property is null, as for an absent one,
    /// but the record writes it back), and has not been set in code since.
    /// </summary>
    public readonly bool IsNull(int index)
    {
        object? store = _store;
        return index >= FirstRaw && (store is not Cache cache || !cache.Has(index))
            && Bytes(store) is { } bytes && TryFindSlot(bytes, index, out _, out int length) && length == 0;
    }

    // The stored bytes of a value not read yet (UTF-8, packed or raw), with how they are stored; false once it is cached or absent.
    private readonly bool TryGetStored(int index, out ReadOnlySpan<byte> stored, out int length)
    {
        object? store = _store;
        if ((store is not Cache cache || !cache.Has(index)) && Bytes(store) is { } bytes && TryFindSlot(bytes, index, out int start, out length))
        {
            stored = bytes.AsSpan(start, length >= 0 ? length : HexText.PackedLength(~length));
            return true;
        }

        stored = default;
        length = 0;
        return false;
    }

    public readonly bool Equals(RecordTexts other)
    {
        for (int i = 0; i < Count; i++)
        {
            // A JSON null and an absent value read alike but are written differently.
            if (IsNull(i) != other.IsNull(i))
            {
                return false;
            }

            // Stored the same way: equal values are equal bytes.
            if (TryGetStored(i, out ReadOnlySpan<byte> a, out int aLength) && other.TryGetStored(i, out ReadOnlySpan<byte> b, out int bLength)
                && (aLength == bLength || (i >= FirstRaw)))
            {
                if (!a.SequenceEqual(b))
                {
                    return false;
                }

                continue;
            }

            if (!Equals(Peek(i), other.Peek(i)))
            {
                return false;
            }
        }

        return true;
    }

    public override readonly bool Equals(object? obj) => obj is RecordTexts other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        for (int i = 0; i < Count; i++)
        {
            hash.Add(Peek(i));
            hash.Add(IsNull(i));
        }

        return hash.ToHashCode();
    }

    [InlineArray(Count)]
    private struct Values
    {
        private object? _first;
    }

    // What was read or set in code: a string or RawJson per value (null: not read yet, or set to null; Known tells).
    private sealed class Cache
    {
        public byte[]? Bytes;
        public Values Values;

        // Values set in code, as bits: such a value is the one here, even null, whatever the array holds.
        public int Known;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Has(int index) => Values[index] is not null || (Known & (1 << index)) != 0;
    }
}
