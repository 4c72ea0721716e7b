using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailModel.Policies;

/// <summary>
/// Reads a policy member in any form CloudTrail logs it (an object, a JSON string holding the policy, URL-encoded or not,
/// or any other value, which gives an invalid document rather than an error) and writes it back exactly as it came.
/// </summary>
internal sealed class IamPolicyDocumentConverter : JsonConverter<IamPolicyDocument>
{
    public override IamPolicyDocument? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonElement value = JsonElement.ParseValue(ref reader);
        return IamPolicyReader.ReadValue(value, JsonMarshal.GetRawUtf8Value(value).ToArray());
    }

    public override void Write(Utf8JsonWriter writer, IamPolicyDocument value, JsonSerializerOptions options) => value.WriteTo(writer);
}
