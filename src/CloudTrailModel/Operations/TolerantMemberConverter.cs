using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailModel.Operations;

/// <summary>
/// Reads one member of a generated operation type as its modelled type, and when CloudTrail logged something else there
/// (a placeholder string, an <c>{"omitted": true}</c> object, a number as a string, a timestamp it would spell
/// differently, a JSON null) leaves the property null and hands the JSON as it came to <see cref="TolerantJson"/>, whose
/// setter hook moves it into the object's <c>AdditionalFields</c> under the member's name. So no value fails the record
/// and every value is written back as it came.
/// </summary>
/// <typeparam name="T">The property's declared type.</typeparam>
internal sealed class TolerantMemberConverter<T> : JsonConverter<T>
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Utf8JsonReader start = reader;
        if (reader.TokenType != JsonTokenType.Null)
        {
            try
            {
                var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
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

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}
