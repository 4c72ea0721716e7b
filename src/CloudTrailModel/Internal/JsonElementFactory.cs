using System.Buffers;
using System.Text.Json;

namespace CloudTrailModel.Internal;

internal static class JsonElementFactory
{
    public static JsonElement String(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
