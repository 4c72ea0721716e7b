using System.Runtime.CompilerServices;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// The value of a string property that is unique to its record (an access key, a session ARN, a credential ID, a
/// resource ARN): kept as UTF-8 in its record's one array and decoded into a string on first read, then cached. (The
/// record's own such values, its IDs and error message, are kept by <see cref="RecordTexts"/>, which takes them from
/// here while pending.) Equality and hash codes are
/// those of the string, decoded or not, so records compare as if every value were a string. Thread-safe: decoding
/// replaces one reference, and two threads decoding at once produce equal strings.
/// While its record is being read the value is pending (the array is made when the record ends, see
/// <see cref="ParseState.EndRecord"/>), and <see cref="Resolve"/> gives it the array before the record is returned.
/// </summary>
internal struct Utf8Text : IEquatable<Utf8Text>
{
    // Marks a value whose record's array does not exist yet: an instance of its own (not Array.Empty). An array, so
    // that a pending value read by mistake fails with an out-of-range exception rather than being taken for a string.
#pragma warning disable CA1825 // Its own instance is the point: Array.Empty is shared with every other empty array.
    private static readonly byte[] PendingArray = new byte[0];
#pragma warning restore CA1825

    // A string, a byte[] (not yet decoded), PendingArray or null.
    private object? _value;
    private readonly int _start;

    // The UTF-8 length, or (negative) ~shape of a value packed by HexText.
    private readonly int _length;

    public Utf8Text(string? value)
    {
        _value = value;
    }

    private Utf8Text(int start, int length)
    {
        _value = PendingArray;
        _start = start;
        _length = length;
    }

    /// <summary>A value at <paramref name="start"/> of the record's array, which does not exist yet.</summary>
    public static Utf8Text Pending(int start, int length) => new(start, length);

    /// <summary>A value packed by <see cref="HexText.TryPack"/> at <paramref name="start"/> of the record's array, which does not exist yet.</summary>
    public static Utf8Text PendingPacked(int start, int shape) => new(start, ~shape);

    /// <summary>Whether the value waits for its record's array.</summary>
    public readonly bool IsPending => ReferenceEquals(_value, PendingArray);

    /// <summary>Where a pending value will be in its record's array (its length, or ~shape when packed); false when it is not pending.</summary>
    public readonly bool TryGetPending(out int start, out int length)
    {
        start = _start;
        length = _length;
        return ReferenceEquals(_value, PendingArray);
    }

    /// <summary>Gives a pending value its record's array.</summary>
    public void Resolve(byte[] bytes)
    {
        if (ReferenceEquals(_value, PendingArray))
        {
            _value = bytes;
        }
    }

    /// <summary>Whether there is no value (the member was absent or null).</summary>
    public readonly bool IsEmpty => _value is null;

    /// <summary>Gives the value when it is a string already (or there is none); false while it is still UTF-8.</summary>
    public readonly bool TryGetString(out string? value)
    {
        value = _value as string;
        return _value is not byte[];
    }

    /// <summary>The string, decoded and cached on first read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? Get()
    {
        object? value = _value;
        return value is byte[] bytes ? Decode(bytes) : Unsafe.As<string?>(value);
    }

    private string Decode(byte[] bytes)
    {
        string text = Text(bytes);
        _value = text;
        return text;
    }

    private readonly string Text(byte[] bytes) =>
        _length >= 0 ? Encoding.UTF8.GetString(bytes, _start, _length) : HexText.Unpack(Stored(bytes), ~_length);

    // The value's bytes in its array: UTF-8, or packed.
    private readonly ReadOnlySpan<byte> Stored(byte[] bytes) =>
        bytes.AsSpan(_start, _length >= 0 ? _length : HexText.PackedLength(~_length));

    /// <summary>The string without caching it (for equality on copies).</summary>
    private readonly string? Peek() =>
        _value is byte[] bytes ? Text(bytes) : Unsafe.As<string?>(_value);

    public readonly bool Equals(Utf8Text other)
    {
        // Stored the same way (both UTF-8, or packed in the same shape): equal text is equal bytes.
        if (_value is byte[] a && other._value is byte[] b && _length == other._length)
        {
            return Stored(a).SequenceEqual(other.Stored(b));
        }

        return string.Equals(Peek(), other.Peek(), StringComparison.Ordinal);
    }

    public override readonly bool Equals(object? obj) => obj is Utf8Text other && Equals(other);

    public override readonly int GetHashCode() => Peek()?.GetHashCode() ?? 0;
}
