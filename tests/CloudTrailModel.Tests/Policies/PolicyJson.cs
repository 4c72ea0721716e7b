using System.Buffers;
using System.Text;
using System.Text.Json;
using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

/// <summary>Small helpers the policy tests share: write a document to text, read one from a member of a JSON object.</summary>
internal static class PolicyJson
{
    public static string Write(IamPolicyDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Token(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static bool JsonEquals(string a, string b) => JsonElement.DeepEquals(JsonDocument.Parse(a).RootElement, JsonDocument.Parse(b).RootElement);
}
