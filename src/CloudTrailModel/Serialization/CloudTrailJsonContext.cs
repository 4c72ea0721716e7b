using System.Text.Json.Serialization;

namespace CloudTrailModel;

/// <summary>
/// Source-generated System.Text.Json metadata for the CloudTrail model, safe under NativeAOT and trimming.
/// <c>JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord)</c> writes a record back
/// as the JSON it was read from (member order, whitespace and number spelling aside).
/// </summary>
[JsonSerializable(typeof(CloudTrailRecord))]
[JsonSerializable(typeof(IReadOnlyList<CloudTrailRecord>))]
[JsonSerializable(typeof(UserIdentity))]
[JsonSerializable(typeof(SessionContext))]
[JsonSerializable(typeof(RawJson))]
public sealed partial class CloudTrailJsonContext : JsonSerializerContext
{
}
