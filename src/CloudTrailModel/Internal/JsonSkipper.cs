using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CloudTrailModel.Internal;

/// <summary>
/// Finds the end of a JSON object or array, checking its syntax as it goes, without <see cref="System.Text.Json.Utf8JsonReader"/>'s
/// per-token work: the record reader skips free-form values (request parameters, response elements) with it, which it
/// keeps as bytes anyway. It accepts only what the reader accepts (RFC 8259 JSON: no comments, no trailing commas);
/// anything else, or anything it is not sure of (a value cut off by the end of the input, deep nesting), gives -1, and
/// the caller then lets the reader do it, so errors are still the reader's own. UTF-8 is not checked here: the record
/// materializer checks the whole record.
/// </summary>
internal static class JsonSkipper
{
    /// <summary>The most nesting followed here (one bit per level); deeper values are left to the reader.</summary>
    public const int MaxNesting = 60;

    /// <summary>
    /// The index just past the object or array that starts at <paramref name="start"/>, or -1 when the caller must let
    /// the reader skip it. <paramref name="maxNesting"/>: the levels it may open (the reader's limit less the depth it
    /// starts at), at most <see cref="MaxNesting"/>.
    /// </summary>
    // The per-byte loop of skipping: one method with gotos, so its state stays in registers.
    public static int SkipContainer(ReadOnlySpan<byte> json, int start, int maxNesting)
    {
        if (maxNesting > MaxNesting)
        {
            maxNesting = MaxNesting;
        }

        int i = start;
        int depth = 0;
        ulong objects = 0; // bit 0: whether the innermost open container is an object
        byte c;

    Open:
        if (depth >= maxNesting)
        {
            return -1;
        }

        bool isObject = json[i] == (byte)'{';
        objects = (objects << 1) | (isObject ? 1UL : 0UL);
        depth++;
        i = SkipWhitespace(json, i + 1);
        if ((uint)i >= (uint)json.Length)
        {
            return -1;
        }

        c = json[i];
        if (c == (isObject ? (byte)'}' : (byte)']'))
        {
            i++;
            goto Close;
        }

        if (isObject)
        {
            goto Member;
        }

    Value:
        switch (c)
        {
            case (byte)'{':
            case (byte)'[':
                goto Open;
            case (byte)'"':
                i = SkipString(json, i + 1);
                break;
            case (byte)'t':
                i = json[i..].StartsWith("true"u8) ? i + 4 : -1;
                break;
            case (byte)'f':
                i = json[i..].StartsWith("false"u8) ? i + 5 : -1;
                break;
            case (byte)'n':
                i = json[i..].StartsWith("null"u8) ? i + 4 : -1;
                break;
            default:
                i = SkipNumber(json, i);
                break;
        }

        if (i < 0)
        {
            return -1;
        }

    AfterValue:
        i = SkipWhitespace(json, i);
        if ((uint)i >= (uint)json.Length)
        {
            return -1;
        }

        c = json[i];
        if (c == (byte)',')
        {
            i = SkipWhitespace(json, i + 1);
            if ((uint)i >= (uint)json.Length)
            {
                return -1;
            }

            c = json[i];
            if ((objects & 1) == 0)
            {
                goto Value;
            }

            goto Member;
        }

        if (c != ((objects & 1) != 0 ? (byte)'}' : (byte)']'))
        {
            return -1;
        }

        i++;

    Close:
        depth--;
        objects >>= 1;
        if (depth == 0)
        {
            return i;
        }

        goto AfterValue;

    Member:
        // A member's name, a colon, then its value; c is the byte at i.
        if (c != (byte)'"')
        {
            return -1;
        }

        i = SkipString(json, i + 1);
        if (i < 0)
        {
            return -1;
        }

        i = SkipWhitespace(json, i);
        if ((uint)i >= (uint)json.Length || json[i] != (byte)':')
        {
            return -1;
        }

        i = SkipWhitespace(json, i + 1);
        if ((uint)i >= (uint)json.Length)
        {
            return -1;
        }

        c = json[i];
        goto Value;
    }

    /// <summary>The index past the closing quote of the string whose content starts at <paramref name="i"/>, or -1.</summary>
    private static int SkipString(ReadOnlySpan<byte> json, int i)
    {
        while (true)
        {
            i = IndexOfStringSpecial(json, i);
            if (i < 0)
            {
                return -1;
            }

            byte c = json[i];
            if (c == (byte)'"')
            {
                return i + 1;
            }

            if (c != (byte)'\\' || i + 1 >= json.Length)
            {
                // A control character, or an escape cut off by the end of the input.
                return -1;
            }

            switch (json[i + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i += 2;
                    break;
                case (byte)'u':
                    if (i + 6 > json.Length || !IsHex(json[i + 2]) || !IsHex(json[i + 3]) || !IsHex(json[i + 4]) || !IsHex(json[i + 5]))
                    {
                        return -1;
                    }

                    i += 6;
                    break;
                default:
                    return -1;
            }
        }
    }

    /// <summary>
    /// The index of the first closing quote, backslash or control character at or after <paramref name="i"/>, or -1:
    /// 32 bytes at a time, inline (strings are mostly short, where a general search's set-up costs more than the search).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfStringSpecial(ReadOnlySpan<byte> json, int i)
    {
        ref byte first = ref MemoryMarshal.GetReference(json);
        int length = json.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> quote = Vector256.Create((byte)'"');
            Vector256<byte> backslash = Vector256.Create((byte)'\\');
            Vector256<byte> space = Vector256.Create((byte)' ');
            while (i <= length - Vector256<byte>.Count)
            {
                Vector256<byte> bytes = Vector256.LoadUnsafe(ref first, (nuint)i);
                uint hits = (Vector256.Equals(bytes, quote) | Vector256.Equals(bytes, backslash) | Vector256.LessThan(bytes, space)).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }

                i += Vector256<byte>.Count;
            }
        }

        for (; i < length; i++)
        {
            byte c = Unsafe.Add(ref first, i);
            if (c == (byte)'"' || c == (byte)'\\' || c < (byte)' ')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index past the number at <paramref name="i"/> (JSON's grammar), or -1.</summary>
    private static int SkipNumber(ReadOnlySpan<byte> json, int i)
    {
        if (json[i] == (byte)'-')
        {
            i++;
        }

        if ((uint)i >= (uint)json.Length)
        {
            return -1;
        }

        if (json[i] == (byte)'0')
        {
            i++;
        }
        else if (IsDigit(json[i]))
        {
            i = SkipDigits(json, i + 1);
        }
        else
        {
            return -1;
        }

        if (i < json.Length && json[i] == (byte)'.')
        {
            if (i + 1 >= json.Length || !IsDigit(json[i + 1]))
            {
                return -1;
            }

            i = SkipDigits(json, i + 2);
        }

        if (i < json.Length && (json[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (i >= json.Length || !IsDigit(json[i]))
            {
                return -1;
            }

            i = SkipDigits(json, i + 1);
        }

        // What follows is checked by the caller (a comma, a closing bracket or whitespace); the end of the input is not
        // enough to know the number ended.
        return i;
    }

    private static int SkipDigits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsHex(byte c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 5;
}
