using System.Text.Json.Serialization;

namespace CloudTrailModel.UserTypes;

/// <summary>
/// A user's own source-generated context naming the library's types as properties of its own: it must build with
/// warnings as errors (no SYSLIB1220 or SYSLIB1030) and work with no resolver combined.
/// </summary>
[JsonSerializable(typeof(MyEnvelope))]
[JsonSerializable(typeof(EveryModelType))]
[JsonSerializable(typeof(OperationTypes))]
// Two packages' types of the same name (STS and EC2 both have a Tag) need a name each in one context (else SYSLIB1031).
[JsonSerializable(typeof(Operations.EC2.Tag), TypeInfoPropertyName = "Ec2Tag")]
[JsonSerializable(typeof(IReadOnlyList<Operations.EC2.Tag>), TypeInfoPropertyName = "Ec2TagList")]
public sealed partial class UserJsonContext : JsonSerializerContext
{
}
