using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Finds where a JSON object or array ends by its structure alone (brackets outside strings, strings and their escapes),
/// without checking its syntax: the framer hands the complete slice to materialisation, which checks everything. The
/// scan resumes from a <see cref="ValueScanState"/>, so a value cut by the end of the buffered input is scanned on after
/// a refill. A backslash escapes the next byte wherever it stands (valid JSON has none outside strings), which is what
/// lets 64-byte blocks be classified at once: bit masks of quotes and backslashes, escaped bytes removed, the in-string
/// mask by prefix XOR, then brackets outside strings, walked one by one only in a block where the depth can reach 0.
/// </summary>
internal static class ValueEndScanner
{
    private const int BlockSize = 64;
    private const ulong EvenBits = 0x5555_5555_5555_5555UL;

    /// <summary>
    /// Scans <paramref name="data"/>, the continuation of a value whose scan so far is <paramref name="state"/> (a new
    /// value: default state and <paramref name="data"/> starting at its <c>{</c> or <c>[</c>): the index just past the
    /// bracket that closes the value, or -1 when <paramref name="data"/> ends first (<paramref name="state"/> then says
    /// where the scan stands).
    /// </summary>
    public static int FindEnd(ReadOnlySpan<byte> data, ref ValueScanState state) =>
        Vector128.IsHardwareAccelerated && data.Length >= BlockSize ? FindEndVectorized(data, ref state) : FindEndScalar(data, 0, ref state);

    /// <summary>The same answer as <see cref="FindEnd"/> one byte at a time from <paramref name="from"/>: for short input and the end of a block scan.</summary>
    public static int FindEndScalar(ReadOnlySpan<byte> data, int from, ref ValueScanState state)
    {
        int depth = state.Depth;
        bool inString = state.InString;
        bool escaped = state.Escaped;
        for (int i = from; i < data.Length; i++)
        {
            byte c = data[i];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == (byte)'\\')
            {
                escaped = true;
            }
            else if (c == (byte)'"')
            {
                inString = !inString;
            }
            else if (!inString)
            {
                if ((c | 0x20) == (byte)'{')
                {
                    depth++;
                }
                else if ((c | 0x20) == (byte)'}' && --depth == 0)
                {
                    state = default;
                    return i + 1;
                }
            }
        }

        state = new ValueScanState { Depth = depth, InString = inString, Escaped = escaped };
        return -1;
    }

    // The per-byte work of framing: kept in one loop over 64-byte blocks so the masks stay in registers.
    private static int FindEndVectorized(ReadOnlySpan<byte> data, ref ValueScanState state)
    {
        ref byte first = ref MemoryMarshal.GetReference(data);
        int depth = state.Depth;
        ulong inString = state.InString ? ulong.MaxValue : 0;
        ulong carry = state.Escaped ? 1UL : 0;
        int i = 0;
        for (; i <= data.Length - BlockSize; i += BlockSize)
        {
            Classify(ref Unsafe.Add(ref first, i), out ulong quotes, out ulong backslashes, out ulong opens, out ulong closes);
            if ((backslashes | carry) != 0)
            {
                ulong escaped = Escaped(backslashes, ref carry);
                quotes &= ~escaped;
                opens &= ~escaped;
                closes &= ~escaped;
            }

            ulong strings = PrefixXor(quotes) ^ inString;
            inString = (ulong)((long)strings >> 63);
            opens &= ~strings;
            closes &= ~strings;

            // The depth can reach 0 in this block only if it closes at least as many containers as are open.
            if (BitOperations.PopCount(closes) < depth)
            {
                depth += BitOperations.PopCount(opens) - BitOperations.PopCount(closes);
                continue;
            }

            ulong brackets = opens | closes;
            while (brackets != 0)
            {
                ulong bit = brackets & (~brackets + 1);
                if ((opens & bit) != 0)
                {
                    depth++;
                }
                else if (--depth == 0)
                {
                    state = default;
                    return i + BitOperations.TrailingZeroCount(bit) + 1;
                }

                brackets ^= bit;
            }
        }

        state = new ValueScanState { Depth = depth, InString = inString != 0, Escaped = carry != 0 };
        return FindEndScalar(data, i, ref state);
    }

    /// <summary>Bit masks (bit n: byte n of the block) of quotes, backslashes, <c>{</c> or <c>[</c>, and <c>}</c> or <c>]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify(ref byte block, out ulong quotes, out ulong backslashes, out ulong opens, out ulong closes)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> low = Vector256.LoadUnsafe(ref block);
            Vector256<byte> high = Vector256.LoadUnsafe(ref block, 32);
            quotes = Mask(low, high, (byte)'"');
            backslashes = Mask(low, high, (byte)'\\');

            // '[' and '{' (and ']' and '}') differ only in bit 0x20.
            low |= Vector256.Create((byte)0x20);
            high |= Vector256.Create((byte)0x20);
            opens = Mask(low, high, (byte)'{');
            closes = Mask(low, high, (byte)'}');
            return;
        }

        Vector128<byte> a = Vector128.LoadUnsafe(ref block);
        Vector128<byte> b = Vector128.LoadUnsafe(ref block, 16);
        Vector128<byte> c = Vector128.LoadUnsafe(ref block, 32);
        Vector128<byte> d = Vector128.LoadUnsafe(ref block, 48);
        quotes = Mask(a, b, c, d, (byte)'"');
        backslashes = Mask(a, b, c, d, (byte)'\\');
        Vector128<byte> fold = Vector128.Create((byte)0x20);
        opens = Mask(a | fold, b | fold, c | fold, d | fold, (byte)'{');
        closes = Mask(a | fold, b | fold, c | fold, d | fold, (byte)'}');
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector256<byte> low, Vector256<byte> high, byte value)
    {
        Vector256<byte> v = Vector256.Create(value);
        return Vector256.Equals(low, v).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(high, v).ExtractMostSignificantBits() << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte> d, byte value)
    {
        Vector128<byte> v = Vector128.Create(value);
        return Vector128.Equals(a, v).ExtractMostSignificantBits()
            | ((ulong)Vector128.Equals(b, v).ExtractMostSignificantBits() << 16)
            | ((ulong)Vector128.Equals(c, v).ExtractMostSignificantBits() << 32)
            | ((ulong)Vector128.Equals(d, v).ExtractMostSignificantBits() << 48);
    }

    /// <summary>
    /// The bytes escaped by a backslash (simdjson's method): in a run of backslashes every second one escapes the byte
    /// after it, counted from the run's start. <paramref name="carry"/>: 1 when the block's first byte is escaped, set
    /// for the next block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Escaped(ulong backslashes, ref ulong carry)
    {
        backslashes &= ~carry;
        ulong followsEscape = (backslashes << 1) | carry;
        ulong oddStarts = backslashes & ~EvenBits & ~followsEscape;
        ulong evenStarts = oddStarts + backslashes;
        carry = evenStarts < oddStarts ? 1UL : 0;
        return (EvenBits ^ (evenStarts << 1)) & followsEscape;
    }

    /// <summary>Bit n set when an odd number of bits 0..n are set: from an opening quote up to its closing quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong bits)
    {
        if (Pclmulqdq.IsSupported)
        {
            return Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(bits), Vector128<ulong>.AllBitsSet, 0).ToScalar();
        }

        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }
}
