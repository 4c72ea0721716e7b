using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// A free-form JSON value kept exactly as UTF-8 bytes (for example <c>requestParameters</c>), parsed only
/// when asked: <see cref="Deserialize{T}(JsonTypeInfo{T})"/>, <see cref="ToJsonElement"/> or <see cref="ToString"/>.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed class RawJson : IEquatable<RawJson>
{
    private readonly ReadOnlyMemory<byte> _utf8;

    /// <summary>Wraps UTF-8 JSON bytes. The bytes are not copied and not validated.</summary>
    /// <param name="utf8Json">One complete JSON value.</param>
    public RawJson(ReadOnlyMemory<byte> utf8Json) => _utf8 = utf8Json;

    /// <summary>Wraps JSON text, validating that it holds exactly one JSON value.</summary>
    /// <param name="json">One complete JSON value.</param>
    /// <exception cref="JsonException"><paramref name="json"/> is not one valid JSON value.</exception>
    public RawJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        reader.Skip();
        if (reader.Read())
        {
            throw new JsonException("The text holds more than one JSON value.");
        }

        _utf8 = bytes;
    }

    /// <summary>The JSON value as UTF-8 bytes, as it appeared in the input.</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8;

    /// <summary>The kind of the JSON value (object, array, string, number, true, false).</summary>
    public JsonValueKind ValueKind
    {
        get
        {
            ReadOnlySpan<byte> span = _utf8.Span.TrimStart(" \t\r\n"u8);
            return span.IsEmpty ? JsonValueKind.Undefined : span[0] switch
            {
                (byte)'{' => JsonValueKind.Object,
                (byte)'[' => JsonValueKind.Array,
                (byte)'"' => JsonValueKind.String,
                (byte)'t' => JsonValueKind.True,
                (byte)'f' => JsonValueKind.False,
                (byte)'n' => JsonValueKind.Null,
                _ => JsonValueKind.Number,
            };
        }
    }

    /// <summary>Parses the value into a <see cref="JsonElement"/> (a new, self-contained document each call).</summary>
    /// <returns>The parsed value.</returns>
    public JsonElement ToJsonElement()
    {
        var reader = new Utf8JsonReader(_utf8.Span);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Deserializes the value with source-generated metadata (safe under NativeAOT and trimming).</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="jsonTypeInfo">Metadata for <typeparamref name="T"/>, usually from a <see cref="JsonSerializerContext"/>.</param>
    /// <returns>The deserialized value.</returns>
    public T? Deserialize<T>(JsonTypeInfo<T> jsonTypeInfo) => JsonSerializer.Deserialize(_utf8.Span, jsonTypeInfo);

    /// <summary>Tries to read a string member of this object without parsing the rest into objects.</summary>
    /// <param name="propertyName">The member name (case-sensitive, as in the JSON).</param>
    /// <param name="value">The string, when the member exists and is a JSON string.</param>
    /// <returns><see langword="true"/> when the member was found and is a string.</returns>
    public bool TryGetString(string propertyName, out string? value)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        value = null;
        var reader = new Utf8JsonReader(_utf8.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(propertyName);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String)
            {
                value = reader.GetString();
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The JSON text of the value, as it appeared in the input.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Encoding.UTF8.GetString(_utf8.Span);

    /// <summary>Compares the UTF-8 bytes of two values (not their meaning: whitespace counts).</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when the bytes are equal.</returns>
    public bool Equals(RawJson? other) => other is not null && _utf8.Span.SequenceEqual(other._utf8.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RawJson);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_utf8.Span);
        return hash.ToHashCode();
    }
}
