using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailModel.Serialization;

/// <summary>
/// An open set of string values (the core's values such as <see cref="CloudTrailEventType"/>, the enumerations of the operation packages, <see cref="Policies.IamPolicyEffect"/>)
/// that <see cref="JsonStringValueConverter{T}"/> can make from its JSON string. Plumbing: you never need to implement it.
/// </summary>
/// <typeparam name="TSelf">The implementing value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IJsonStringValue<TSelf>
    where TSelf : struct
{
    /// <summary>Wraps a raw value as it appears in the JSON.</summary>
    /// <param name="value">The JSON string.</param>
    /// <returns>The value.</returns>
    static abstract TSelf FromJsonString(string value);
}

/// <summary>
/// Reads and writes an open set of string values as its raw JSON string. Public with a public parameterless constructor,
/// so the types that name it can be properties of a type in your own source-generated <see cref="JsonSerializerContext"/>
/// under NativeAOT; you never need to name it.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonStringValueConverter<T> : JsonConverter<T>
    where T : struct, IJsonStringValue<T>
{
    /// <summary>Reads a JSON string as the value; any other token fails the read.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="typeToConvert">The value type.</param>
    /// <param name="options">Not used.</param>
    /// <returns>The value.</returns>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? T.FromJsonString(reader.GetString()!) : throw new JsonException("A JSON string was expected.");

    /// <summary>Writes the raw value as a JSON string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">Not used.</param>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
