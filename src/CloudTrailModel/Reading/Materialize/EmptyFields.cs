using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>The extra fields of an object that has none: one instance, so "none" is a reference comparison.</summary>
internal static class EmptyFields
{
    public static readonly ValueMap<JsonElement> Instance = ValueMap<JsonElement>.Empty;
}
