using System.Runtime.CompilerServices;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// A record's values that stay in its one array until first read: three strings (error message, request and event
/// IDs; a string may be packed by <see cref="HexText"/>) and three free-form values (request parameters, response
/// elements, additional event data). One reference for all six, and where each one is: 56 bytes where six
/// fields of a reference and a range each took 96. What is read is cached in a side object made on first
/// read (or when a value is set in code), which a record made with <c>with</c> shares until it sets a value of its own.
/// Equality and hash codes are those of the values (strings, and raw values' bytes), read or not. Thread-safe:
/// threads reading at once may decode a value twice, into equal values, and agree on one side object.
/// </summary>
internal struct RecordTexts : IEquatable<RecordTexts>
{
    public const int ErrorMessage = 0;
    public const int RequestId = 1;
    public const int EventId = 2;
    public const int RequestParameters = 3;
    public const int ResponseElements = 4;
    public const int AdditionalEventData = 5;
    private const int FirstRaw = RequestParameters;
    private const int Count = 6;

    // The record's array (nothing read or set yet), a Cache (which holds the array), or null (no array).
    private object? _store;
    private Slots _slots;

    /// <summary>The values of a record just read: the strings resolved to <paramref name="bytes"/> (or strings already), the raw values' ranges in it.</summary>
    public static RecordTexts Create(byte[] bytes, in Utf8Text errorMessage, in Utf8Text requestId, in Utf8Text eventId, RawRange requestParameters, RawRange responseElements, RawRange additionalEventData)
    {
        var texts = new RecordTexts { _store = bytes };
        texts.Take(ErrorMessage, bytes, errorMessage);
        texts.Take(RequestId, bytes, requestId);
        texts.Take(EventId, bytes, eventId);
        texts.Take(RequestParameters, requestParameters);
        texts.Take(ResponseElements, responseElements);
        texts.Take(AdditionalEventData, additionalEventData);
        return texts;
    }

    // Takes a string where it is in the array; one that is a string already (it was escaped or pooled) is set.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Take(int index, byte[] bytes, in Utf8Text value)
    {
        if (value.TryGetStored(bytes, out int start, out int length))
        {
            _slots[index] = new Slot(start, length);
        }
        else if (value.TryGetString(out string? text) && text is not null)
        {
            Set(index, text);
        }
    }

    // Free-form values are always in the array (an empty range: absent or JSON null).
    private void Take(int index, RawRange range)
    {
        if (range.Length > 0)
        {
            _slots[index] = new Slot(range.Start, range.Length);
        }
    }

    /// <summary>The string at <paramref name="index"/>, decoded and cached on first read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? GetString(int index)
    {
        object? store = _store;
        return store is Cache cache && cache.Values[index] is { } value ? Unsafe.As<string>(value) : DecodeString(index, store);
    }

    /// <summary>The raw value at <paramref name="index"/>, wrapped and cached on first read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RawJson? GetRaw(int index)
    {
        object? store = _store;
        return store is Cache cache && cache.Values[index] is { } value ? Unsafe.As<RawJson>(value) : WrapRaw(index, store);
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
        }

        cache.Values[index] = value;
        _slots[index] = default;
        _store = cache;
    }

    private string? DecodeString(int index, object? store)
    {
        Slot slot = _slots[index];
        if (!slot.IsStored)
        {
            return null;
        }

        string text = Decode(Bytes(store), slot);
        SideObject(store).Values[index] = text;
        return text;
    }

    private RawJson? WrapRaw(int index, object? store)
    {
        Slot slot = _slots[index];
        if (!slot.IsStored)
        {
            return null;
        }

        var json = new RawJson(Bytes(store).AsMemory(slot.Start, slot.Length));
        SideObject(store).Values[index] = json;
        return json;
    }

    private static byte[] Bytes(object? store) => store as byte[] ?? Unsafe.As<Cache>(store)!.Bytes!;

    private static string Decode(byte[] bytes, Slot slot) =>
        slot.Length >= 0
            ? Encoding.UTF8.GetString(bytes, slot.Start, slot.Length)
            : HexText.Unpack(bytes.AsSpan(slot.Start, HexText.PackedLength(~slot.Length)), ~slot.Length);

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
        if (store is Cache cache && cache.Values[index] is { } value)
        {
            return value;
        }

        Slot slot = _slots[index];
        if (!slot.IsStored)
        {
            return null;
        }

        byte[] bytes = Bytes(store);
        return index < FirstRaw ? Decode(bytes, slot) : new RawJson(bytes.AsMemory(slot.Start, slot.Length));
    }

    // The stored bytes of a value not read yet (UTF-8, packed or raw), with how they are stored; false once it is cached or absent.
    private readonly bool TryGetStored(int index, out ReadOnlySpan<byte> stored, out int length)
    {
        object? store = _store;
        Slot slot = _slots[index];
        if (slot.IsStored && (store is not Cache cache || cache.Values[index] is null))
        {
            length = slot.Length;
            stored = Bytes(store).AsSpan(slot.Start, length >= 0 ? length : HexText.PackedLength(~length));
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
        }

        return hash.ToHashCode();
    }

    // Where a value is in the array: Length is the UTF-8 length, or ~shape of a packed string. Start is kept plus one,
    // so the default slot is "not in the array".
    private readonly struct Slot(int start, int length)
    {
        private readonly int _startPlusOne = start + 1;

        public int Start => _startPlusOne - 1;

        public int Length { get; } = length;

        public bool IsStored => _startPlusOne != 0;
    }

    [InlineArray(Count)]
    private struct Slots
    {
        private Slot _first;
    }

    [InlineArray(Count)]
    private struct Values
    {
        private object? _first;
    }

    // What was read (or set in code): a string or RawJson per value, null where not read yet (or set to null).
    private sealed class Cache
    {
        public byte[]? Bytes;
        public Values Values;
    }
}
