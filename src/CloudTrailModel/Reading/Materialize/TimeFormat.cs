using System.Globalization;
using System.Runtime.CompilerServices;

namespace CloudTrailModel.Internal;

/// <summary>CloudTrail's timestamp format, parsed without regard to the current culture.</summary>
internal static class TimeFormat
{
    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ssZ</c> fast, and other ISO 8601 forms (basic, offsets, fractions) on a slower path.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value) => TryParse(utf8, out value, out _);

    /// <summary>As <see cref="TryParse(ReadOnlySpan{byte}, out DateTimeOffset)"/>; <paramref name="canonical"/> says the fast path took it, so <see cref="Format"/> gives the same text.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value, out bool canonical)
    {
        canonical = true;
        if (utf8.Length == 20 && utf8[4] == '-' && utf8[7] == '-' && utf8[10] == 'T' && utf8[13] == ':' && utf8[16] == ':' && utf8[19] == 'Z'
            && TryDigits(utf8, 0, 4, out int year) && TryDigits(utf8, 5, 2, out int month) && TryDigits(utf8, 8, 2, out int day)
            && TryDigits(utf8, 11, 2, out int hour) && TryDigits(utf8, 14, 2, out int minute) && TryDigits(utf8, 17, 2, out int second)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 60)
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
            return true;
        }

        canonical = false;
        if (utf8.Length > 64)
        {
            value = default;
            return false;
        }

        Span<char> chars = stackalloc char[64];
        int n = System.Text.Encoding.UTF8.GetChars(utf8, chars);
        return TryParse(chars[..n], out value);
    }

    private static readonly string[] BasicFormats = ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd'T'HHmmssK", "yyyyMMdd'T'HHmmss.FFFFFFF'Z'"];

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        // Only text that starts like a date is considered: DateTimeOffset.TryParse alone accepts far too much ("1", "May").
        if (text.Length < 8 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[3]))
        {
            value = default;
            return false;
        }

        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (text.Length >= 15 && text[8] == 'T' && DateTimeOffset.TryParseExact(text, BasicFormats, CultureInfo.InvariantCulture, Styles, out value))
        {
            return true;
        }

        if (text[4] == '-')
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out value);
        }

        value = default;
        return false;
    }

    /// <summary>The text as it came, or null when <see cref="Format"/> writes <paramref name="value"/> the same way (the usual case).</summary>
    public static string? SpellingUnlessCanonical(string text, DateTimeOffset value) => text == Format(value) ? null : text;

    /// <summary>Writes CloudTrail's own format (with a fraction only when the instant has one), always in UTC.</summary>
    public static string Format(DateTimeOffset value)
    {
        DateTime utc = value.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        foreach (byte b in s.Slice(start, count))
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
