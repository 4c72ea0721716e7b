using System.Runtime.InteropServices;
using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>Writes model members back as JSON, omitting members that are null.</summary>
internal static class JsonOut
{
    public static void String(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    public static void Value<T>(Utf8JsonWriter w, ReadOnlySpan<byte> name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            w.WriteString(name, v.ToString());
        }
    }

    public static void Bool(Utf8JsonWriter w, ReadOnlySpan<byte> name, bool? value, JsonBoolKind kind, JsonBoolKind documentedKind)
    {
        if (value is not { } v)
        {
            return;
        }

        if ((kind == JsonBoolKind.Default ? documentedKind : kind) == JsonBoolKind.String)
        {
            w.WriteString(name, v ? "true" : "false");
        }
        else
        {
            w.WriteBoolean(name, v);
        }
    }

    /// <summary>Writes a timestamp in CloudTrail's format, or as it was spelled when read (a lenient parse is written back as it came).</summary>
    public static void Time(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateTimeOffset? value, string? spelling = null)
    {
        if (value is { } v)
        {
            w.WriteString(name, spelling ?? TimeFormat.Format(v));
        }
    }

    public static void Number(Utf8JsonWriter w, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    public static void Number(Utf8JsonWriter w, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    public static void Raw(Utf8JsonWriter w, ReadOnlySpan<byte> name, RawJson? value)
    {
        if (value is not null)
        {
            w.WritePropertyName(name);
            w.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
        }
    }

    /// <summary>A free-form value, or <c>null</c> where the record read a JSON null (<paramref name="wasNull"/>).</summary>
    public static void Raw(Utf8JsonWriter w, ReadOnlySpan<byte> name, RawJson? value, bool wasNull)
    {
        if (wasNull)
        {
            w.WriteNull(name);
            return;
        }

        Raw(w, name, value);
    }

    public static void Object<T>(Utf8JsonWriter w, ReadOnlySpan<byte> name, T? value)
        where T : class, IJsonModel<T>
    {
        if (value is not null)
        {
            w.WritePropertyName(name);
            value.Write(w);
        }
    }

    public static void List<T>(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<T>? values)
        where T : class, IJsonModel<T>
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (T value in values)
        {
            value.Write(w);
        }

        w.WriteEndArray();
    }

    public static void StringMap(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (KeyValuePair<string, string> pair in values)
        {
            w.WriteString(pair.Key, pair.Value);
        }

        w.WriteEndObject();
    }

    public static void Extras(Utf8JsonWriter w, IReadOnlyDictionary<string, JsonElement> extras)
    {
        foreach (KeyValuePair<string, JsonElement> pair in extras)
        {
            // The value's own bytes, as read: JsonElement.WriteTo would unescape and re-escape its strings, and throws
            // on an escaped lone surrogate, which the reader accepts in a value it keeps whole.
            w.WritePropertyName(pair.Key);
            w.WriteRawValue(JsonMarshal.GetRawUtf8Value(pair.Value), skipInputValidation: true);
        }
    }
}
