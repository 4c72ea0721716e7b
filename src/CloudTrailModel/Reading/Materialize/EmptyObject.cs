using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>The object <typeparamref name="T"/> reads from <c>{}</c>, shared: model objects are immutable.</summary>
/// <typeparam name="T">The model type.</typeparam>
internal static class EmptyObject<T>
    where T : class, IJsonModel<T>
{
    public static readonly T Instance = Create();

    private static T Create()
    {
        byte[] empty = "{}"u8.ToArray();
        var state = ParseState.WithoutTables();
        state.SetSource(empty, 0, empty.Length);
        var reader = new Utf8JsonReader(empty);
        reader.Read();
        return T.Read(ref reader, state);
    }
}
