namespace CloudTrailModel.Internal;

/// <summary>How a boolean arrived in JSON, so it is written back the same way.</summary>
internal enum JsonBoolKind : byte
{
    /// <summary>Not read from JSON: the property's documented kind is used.</summary>
    Default = 0,
    Boolean = 1,
    String = 2,
}
