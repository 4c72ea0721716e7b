using System.Text.Json.Serialization;

namespace CloudTrailModel.UserTypes;

/// <summary>
/// A user's own source-generated context naming the library's types as properties of its own: it must build with
/// warnings as errors (no SYSLIB1220 or SYSLIB1030) and work with no resolver combined.
/// </summary>
[JsonSerializable(typeof(MyEnvelope))]
[JsonSerializable(typeof(EveryModelType))]
[JsonSerializable(typeof(OperationTypes))]
public sealed partial class UserJsonContext : JsonSerializerContext
{
}
