using System.Text.Json;
using CloudTrailModel.Serialization;

namespace CloudTrailModel.Internal;

// Scalars: extensible values, booleans in either spelling, numbers and timestamps.
internal sealed partial class ParseState
{
    public T? Value<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
        where T : struct, IJsonStringValue<T> =>
        Value<T>(ref reader, name, ref extra, out _);

    /// <summary>Reads an extensible value from a pooled string; <paramref name="hash"/> is its text's, as <see cref="PooledString(ref Utf8JsonReader, string, ref ExtraFields, out int)"/> gives it.</summary>
    public T? Value<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out int hash)
        where T : struct, IJsonStringValue<T>
    {
        string? value = PooledString(ref reader, name, ref extra, out hash);
        return value is null ? null : T.FromJsonString(value);
    }

    /// <summary>Reads a boolean that may arrive as a JSON boolean or as the string <c>"true"</c>/<c>"false"</c>.</summary>
    public bool? Bool(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out JsonBoolKind kind)
    {
        extra.Forget(name);
        Read(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                kind = JsonBoolKind.Boolean;
                return true;
            case JsonTokenType.False:
                kind = JsonBoolKind.Boolean;
                return false;
            case JsonTokenType.String when !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("true"u8):
                kind = JsonBoolKind.String;
                return true;
            case JsonTokenType.String when !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("false"u8):
                kind = JsonBoolKind.String;
                return false;
            default:
                kind = JsonBoolKind.Default;
                Keep(ref reader, name, ref extra);
                return null;
        }
    }

    public double? Double(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value) && double.IsFinite(value))
        {
            return value;
        }

        Keep(ref reader, name, ref extra);
        return null;
    }

    public int? Int32(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
        {
            return value;
        }

        Keep(ref reader, name, ref extra);
        return null;
    }

    /// <summary>
    /// Reads a timestamp (CloudTrail's <c>yyyy-MM-ddTHH:mm:ssZ</c>, ISO 8601 basic or extended, other invariant forms).
    /// <paramref name="spelling"/> is the text as it came when writing the value back would spell it differently.
    /// </summary>
    public DateTimeOffset? Time(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out string? spelling)
    {
        extra.Forget(name);
        Read(ref reader);
        spelling = null;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TimeFormat.TryParse(reader.ValueSpan, out DateTimeOffset value, out bool canonical))
        {
            spelling = canonical ? null : TimeFormat.SpellingUnlessCanonical(reader.GetString()!, value);
            return value;
        }

        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && reader.GetString() is { } text && TimeFormat.TryParse(text, out value))
        {
            spelling = TimeFormat.SpellingUnlessCanonical(text, value);
            return value;
        }

        Keep(ref reader, name, ref extra);
        return null;
    }

}
