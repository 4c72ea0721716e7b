using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailModel.Operations;

/// <summary>
/// Reads CloudTrail timestamps in the shapes seen in real logs: ISO 8601 (with or without fraction or offset; no offset
/// means UTC), epoch seconds as a number or numeric string, and the invariant-culture console renderings such as
/// <c>Oct 8, 2024, 4:15:32 PM</c> (taken as UTC). Anything else reads as <see langword="null"/> rather than failing the
/// whole object; the original text stays in the record's raw <c>requestParameters</c> / <c>responseElements</c>.
/// Writes ISO 8601 (<c>2024-01-02T03:04:05Z</c>, <c>2024-01-02T03:04:05.123Z</c> in UTC).
/// </summary>
internal sealed class LenientNullableDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly string[] ConsoleFormats =
    [
        "MMM d, yyyy, h:mm:ss tt",
        "MMM d, yyyy h:mm:ss tt",
    ];

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out double seconds) ? FromEpochSeconds(seconds) : null;
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset parsed)
                    || DateTimeOffset.TryParseExact(text, ConsoleFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out parsed))
                {
                    return parsed;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double epoch))
                {
                    return FromEpochSeconds(epoch);
                }

                // Truncate to 7 fractional digits: CloudTrail writes nanoseconds (…43.023139433Z), which DateTimeOffset rejects.
                int dot = text.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0)
                {
                    int end = dot + 1;
                    while (end < text.Length && char.IsAsciiDigit(text[end]))
                    {
                        end++;
                    }

                    if (end - dot - 1 > 7
                        && DateTimeOffset.TryParse(string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end)), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
                    {
                        return parsed;
                    }
                }

                return null;
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is not { } time)
        {
            writer.WriteNullValue();
        }
        else if (time.Offset == TimeSpan.Zero)
        {
            // CloudTrail's own spelling: UTC as Z, a fraction only when there is one, without trailing zeros.
            writer.WriteStringValue(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteStringValue(time);
        }
    }

    private static DateTimeOffset? FromEpochSeconds(double seconds) =>
        double.IsFinite(seconds) && Math.Abs(seconds) < 253402300799d
            ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : null;
}

/// <summary>
/// The non-nullable twin of <see cref="LenientNullableDateTimeOffsetConverter"/> (timestamps inside lists and maps): the
/// same shapes are accepted; a value that parses as none of them fails the read, as there is no null to fall back to.
/// </summary>
internal sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private static readonly LenientNullableDateTimeOffsetConverter Inner = new();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Inner.Read(ref reader, typeof(DateTimeOffset?), options) ?? throw new JsonException("A timestamp was expected.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        Inner.Write(writer, value, options);
}
