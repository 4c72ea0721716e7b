using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>A model type the parser and writer know: read from a reader positioned on its start token, written as JSON.</summary>
/// <typeparam name="TSelf">The model type.</typeparam>
internal interface IJsonModel<TSelf>
    where TSelf : class
{
    static abstract TSelf Read(ref Utf8JsonReader reader, ParseState state);

    void Write(Utf8JsonWriter writer);
}
