using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

/// <summary>A generated-operation-like type with policy members, to test the converter through source-generated metadata.</summary>
public sealed record PolicyHolder
{
    [JsonPropertyName("policyDocument")]
    public IamPolicyDocument? PolicyDocument { get; init; }

    [JsonPropertyName("policies")]
    public IReadOnlyList<IamPolicyDocument>? Policies { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
