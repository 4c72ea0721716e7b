using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>A model type whose instances a reader shares (keyed by its pooled values' hashes): read with its key's hash.</summary>
/// <typeparam name="TSelf">The model type.</typeparam>
internal interface IHashedModel<TSelf>
    where TSelf : class
{
    static abstract TSelf ReadHashed(ref Utf8JsonReader reader, ParseState state, out int hash);
}
