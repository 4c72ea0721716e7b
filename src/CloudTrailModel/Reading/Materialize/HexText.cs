using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CloudTrailModel.Internal;

/// <summary>
/// Packs identifiers written in hexadecimal (event and request IDs are UUIDs; S3's request IDs are 16 hex digits)
/// into half their bytes, for <see cref="Utf8Text"/> values kept until first read: a UUID takes 16 bytes of its
/// record's array instead of 36. Only text that comes back exactly is packed: hex digits all of one case (a value
/// mixing cases is kept as it is), in the UUID's 8-4-4-4-12 layout or without dashes; the packing depends on the text
/// alone, so two values are equal exactly when their shapes and packed bytes are.
/// A shape is a small number: the packed byte count times 4, plus 2 for the UUID layout, plus 1 for upper case.
/// </summary>
internal static class HexText
{
    // Plain hexadecimal of 16 to 64 digits (8 to 32 bytes), or a UUID (16 bytes).
    private const int MinPlainLength = 16;
    private const int MaxPlainLength = 64;
    private const int UuidLength = 36;
    private const int DashedShape = 2;
    private const int UpperShape = 1;

    /// <summary>
    /// Packs <paramref name="utf8"/> into <paramref name="destination"/> (at least as long as <paramref name="utf8"/>;
    /// at most half of that is written) when it is a hexadecimal identifier: the shape to unpack it with, or -1 (what
    /// it wrote then means nothing).
    /// </summary>
    public static int TryPack(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        int shape;
        int seen;
        if (utf8.Length == UuidLength)
        {
            if (utf8[8] != '-' || utf8[13] != '-' || utf8[18] != '-' || utf8[23] != '-')
            {
                return -1;
            }

            seen = DecodeUuid(utf8, destination);
            shape = (16 << 2) | DashedShape;
        }
        else if (utf8.Length is >= MinPlainLength and <= MaxPlainLength && (utf8.Length & 1) == 0)
        {
            seen = Decode(utf8, destination);
            shape = utf8.Length << 1;
        }
        else
        {
            return -1;
        }

        // Hex digits only, and letters of one case only, so the text comes back as it was.
        return (seen & NotHex) != 0 || (seen & (Lower | Upper)) == (Lower | Upper) ? -1 : shape | ((seen & Upper) != 0 ? UpperShape : 0);
    }

    // What Digits gives for a byte: its value (0-15), whether it is a lower- or upper-case letter, or NotHex.
    private const int Lower = 0x10;
    private const int Upper = 0x20;
    private const int NotHex = 0x40;

    private static ReadOnlySpan<byte> Digits =>
    [
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 64, 64, 64, 64, 64, 64,
        64, 42, 43, 44, 45, 46, 47, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 26, 27, 28, 29, 30, 31, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    ];

    // The 32 digits of a UUID whose dashes were checked: gathered from three overlapping loads by shuffles (copying
    // them together first stalls the loads on the copies).
    private static int DecodeUuid(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            return Decode(utf8[..8], destination) | Decode(utf8.Slice(9, 4), destination[4..]) | Decode(utf8.Slice(14, 4), destination[6..])
                | Decode(utf8.Slice(19, 4), destination[8..]) | Decode(utf8.Slice(24, 12), destination[10..]);
        }

        Vector128<byte> a = Vector128.Create(utf8);
        Vector128<byte> b = Vector128.Create(utf8[16..]);
        Vector128<byte> c = Vector128.Create(utf8[20..]);

        // Indexes past 15 give zero.
        Vector128<byte> first = Vector128.Shuffle(a, Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 255, 255))
            | Vector128.Shuffle(b, Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 1));
        Vector128<byte> second = Vector128.Shuffle(b, Vector128.Create((byte)3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 255, 255, 255, 255))
            | Vector128.Shuffle(c, Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 12, 13, 14, 15));
        return Decode16(first, destination) | Decode16(second, destination[8..]);
    }

    // Decodes pairs of digits into bytes: what Digits gives for them, or'ed together (16 digits at a time where the
    // hardware allows).
    private static int Decode(ReadOnlySpan<byte> digits, Span<byte> destination)
    {
        int seen = 0;
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 16 <= digits.Length; i += 16)
            {
                seen |= Decode16(Vector128.Create(digits[i..]), destination[(i / 2)..]);
            }
        }

        ReadOnlySpan<byte> table = Digits;
        for (; i < digits.Length; i += 2)
        {
            int high = table[digits[i]];
            int low = table[digits[i + 1]];
            seen |= high | low;
            destination[i / 2] = (byte)((high << 4) | (low & 0xF));
        }

        return seen;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode16(Vector128<byte> text, Span<byte> destination)
    {
        // Unsigned: bytes below '0' or 'a' wrap around to large values (and x <= n is min(x, n) == x, one instruction
        // fewer than an unsigned comparison on x64).
        Vector128<byte> digit = text - Vector128.Create((byte)'0');
        Vector128<byte> isDigit = Vector128.Equals(Vector128.Min(digit, Vector128.Create((byte)9)), digit);
        Vector128<byte> letter = (text | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a');
        Vector128<byte> isLetter = Vector128.Equals(Vector128.Min(letter, Vector128.Create((byte)5)), letter);
        Vector128<byte> isUpper = isLetter & Vector128.Equals(text & Vector128.Create((byte)0x20), Vector128<byte>.Zero);
        int seen = (isDigit | isLetter) != Vector128<byte>.AllBitsSet ? NotHex : 0;
        seen |= isUpper != Vector128<byte>.Zero ? Upper : 0;
        seen |= Vector128.AndNot(isLetter, isUpper) != Vector128<byte>.Zero ? Lower : 0;

        // Each pair of nibbles, read as one little-endian 16-bit lane (high digit first), into one byte.
        Vector128<ushort> nibbles = Vector128.ConditionalSelect(isDigit, digit, letter + Vector128.Create((byte)10)).AsUInt16();
        Vector128<ushort> pairs = ((nibbles << 4) | (nibbles >> 8)) & Vector128.Create((ushort)0xFF);
        ulong bytes = Vector128.Narrow(pairs, pairs).AsUInt64().ToScalar();
        BinaryPrimitives.WriteUInt64LittleEndian(destination, bytes);
        return seen;
    }

    /// <summary>How many bytes a value of this shape takes.</summary>
    public static int PackedLength(int shape) => shape >> 2;

    /// <summary>The text of a value packed with <paramref name="shape"/>.</summary>
    public static string Unpack(ReadOnlySpan<byte> packed, int shape)
    {
        bool dashed = (shape & DashedShape) != 0;
        bool upper = (shape & UpperShape) != 0;
        Span<char> digits = stackalloc char[MaxPlainLength];
        int count = packed.Length * 2;
        bool done = upper
            ? Convert.TryToHexString(packed, digits, out _)
            : Convert.TryToHexStringLower(packed, digits, out _);
        System.Diagnostics.Debug.Assert(done, "The buffer holds the longest value.");
        if (!dashed)
        {
            return new string(digits[..count]);
        }

        Span<char> text = stackalloc char[UuidLength];
        digits[..8].CopyTo(text);
        text[8] = '-';
        digits.Slice(8, 4).CopyTo(text[9..]);
        text[13] = '-';
        digits.Slice(12, 4).CopyTo(text[14..]);
        text[18] = '-';
        digits.Slice(16, 4).CopyTo(text[19..]);
        text[23] = '-';
        digits.Slice(20, 12).CopyTo(text[24..]);
        return new string(text);
    }
}
