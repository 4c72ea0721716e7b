using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CloudTrailModel.Operations;

namespace CloudTrailModel.Serialization;

/// <summary>
/// The converter each <see cref="SensitiveValue{T}"/> member of a generated operation type names: reads the modelled
/// shape, a placeholder string, or (when it fits neither) raw JSON. Public with a public parameterless constructor, so an
/// operation type can be a property of a type in your own source-generated <see cref="JsonSerializerContext"/> under
/// NativeAOT; you never need to name it. The inner type is read through the context's own metadata (reflection-free).
/// </summary>
/// <typeparam name="T">The modelled type; it must have metadata in the same context (the source generator adds it).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SensitiveValueConverter<T> : JsonConverter<SensitiveValue<T>>
    where T : class
{
    /// <summary>Reads the modelled shape, a placeholder string or raw JSON.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeToConvert">The property's type.</param>
    /// <param name="options">The options whose metadata reads <typeparamref name="T"/>.</param>
    /// <returns>The wrapped value, or null for JSON null.</returns>
    public override SensitiveValue<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new SensitiveValue<T>(reader.GetString()!);
        }

        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        try
        {
            return document.RootElement.Deserialize(typeInfo) is { } value
                ? new SensitiveValue<T>(value)
                : new SensitiveValue<T>(document.RootElement);
        }
        catch (JsonException)
        {
            return new SensitiveValue<T>(document.RootElement);
        }
    }

    /// <summary>Writes the value, the placeholder string or the raw JSON, whichever the wrapper holds.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The wrapper.</param>
    /// <param name="options">The options whose metadata writes <typeparamref name="T"/>.</param>
    public override void Write(Utf8JsonWriter writer, SensitiveValue<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        if (value.Value is { } typed)
        {
            JsonSerializer.Serialize(writer, typed, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
        else if (value.RedactedText is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.RawJson is { } raw)
        {
            raw.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
