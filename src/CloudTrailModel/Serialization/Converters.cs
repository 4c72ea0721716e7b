using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Framing;

namespace CloudTrailModel.Serialization;

/// <summary>Reads and writes a model type through its own lossless parser and writer.</summary>
/// <typeparam name="T">The model type.</typeparam>
internal sealed class ModelConverter<T> : JsonConverter<T>
    where T : class, IJsonModel<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A JSON object was expected.");
        }

        // Kept to place an error: TokenStartIndex alone counts from the serializer's current buffer, not the input's start.
        JsonReaderState afterStart = reader.CurrentState;
        long start = reader.TokenStartIndex;

        // The serializer hands converters a fully buffered value, but not necessarily as one span: copy it out
        // so raw subtrees can be sliced from it.
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        ReadOnlySpan<byte> json = JsonMarshal.GetRawUtf8Value(document.RootElement);

        // A model keeps none of the bytes it is read from (raw values are copied out), so the copy is rented.
        byte[] bytes = ArrayPool<byte>.Shared.Rent(json.Length);
        ParseState state = ParseStateCache.RentForOneRecord();
        T value;
        try
        {
            json.CopyTo(bytes);
            state.SetSource(bytes, 0, json.Length);
            var inner = new Utf8JsonReader(bytes.AsSpan(0, json.Length));
            inner.Read();
            value = T.Read(ref inner, state);
        }
        finally
        {
            ParseStateCache.ReturnForOneRecord(state);
            ArrayPool<byte>.Shared.Return(bytes);
        }

        // Strict like CloudTrailRecord.Parse: an EventBridge event or a log file must not become an empty record.
        if (value is CloudTrailRecord record && !RecordMarkers.HasMarker(record))
        {
            long offset = ReaderPosition.OfToken(afterStart, start, out long line, out long byteInLine);
            ThrowHelper.ThrowParseException(RecordRecognition.NotARecord(record, offset, line > 0 ? (line, byteInLine) : null));
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.Write(writer);
}

/// <summary>Reads and writes <see cref="CloudTrailEventVersion"/> as its JSON string.</summary>
internal sealed class CloudTrailEventVersionConverter : JsonConverter<CloudTrailEventVersion>
{
    public override CloudTrailEventVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && CloudTrailEventVersion.TryParse(reader.GetString(), out CloudTrailEventVersion version)
            ? version
            : throw new JsonException("A CloudTrail event version string (major.minor) was expected.");

    public override void Write(Utf8JsonWriter writer, CloudTrailEventVersion value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>Reads any JSON value into a <see cref="RawJson"/> and writes it back unchanged.</summary>
internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override bool HandleNull => false;

    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}
