using System.Text.Json.Serialization;

namespace CloudTrailModel.Tests.Policies;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PolicyHolder))]
internal sealed partial class PolicyTestJsonContext : JsonSerializerContext
{
}
