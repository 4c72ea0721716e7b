using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CloudTrailModel.Operations;

namespace CloudTrailModel.Serialization;

/// <summary>
/// The converter each member of a generated operation type names: public with a public parameterless constructor, so
/// an operation type can be a property of a type in your own source-generated <see cref="JsonSerializerContext"/> under
/// NativeAOT. You never need to name it.
/// </summary>
/// <remarks>
/// Read through the library (<c>TryGetRequestParameters</c> and the like), a member whose JSON does not fit its modelled
/// type (a placeholder string, an <c>{"omitted": true}</c> object, a number as a string, a timestamp spelled otherwise)
/// leaves the property null and is kept as it came in the object's <c>AdditionalFields</c>, so no value fails the
/// record. In any other context the member reads as its type, and JSON that does not fit fails the read with a
/// <see cref="JsonException"/> rather than being dropped.
/// </remarks>
/// <typeparam name="T">The property's declared type; it must have metadata in the same context (the source generator adds it).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TolerantMemberConverter<T> : JsonConverter<T>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <summary>Reads the member as <typeparamref name="T"/>, or hands JSON that does not fit to the tolerant reader.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeToConvert">The property's type.</param>
    /// <param name="options">The options whose metadata reads <typeparamref name="T"/>.</param>
    /// <returns>The value; the default when the JSON was null or (in the library's reader) did not fit.</returns>
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        if (!TolerantJson.IsTolerant(options))
        {
            // Not the library's reader: no AdditionalFields hook to keep a misfit in, so a misfit fails the read.
            return reader.TokenType == JsonTokenType.Null ? default : JsonSerializer.Deserialize(ref reader, typeInfo);
        }

        Utf8JsonReader start = reader;
        if (reader.TokenType != JsonTokenType.Null)
        {
            try
            {
                T? value = JsonSerializer.Deserialize(ref reader, typeInfo);
                if (value is not null && TolerantJson.WritesBackAsRead(start, value, typeInfo))
                {
                    return value;
                }
            }
            catch (JsonException)
            {
            }
            catch (InvalidOperationException)
            {
            }
            catch (FormatException)
            {
            }
        }

        reader = start;
        TolerantJson.SetPending(JsonElement.ParseValue(ref reader));
        return default;
    }

    /// <summary>Writes the value through the options' metadata for <typeparamref name="T"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options whose metadata writes <typeparamref name="T"/>.</param>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }
}
