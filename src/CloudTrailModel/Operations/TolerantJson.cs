using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailModel.Operations;

/// <summary>
/// The reading side of every generated operation package: options whose metadata (still source-generated) routes a
/// member that did not fit its modelled type into the object's extension data, and the checks that decide "did not fit".
/// </summary>
internal static class TolerantJson
{
    // The JSON a member converter could not read, waiting for the property setter that runs right after it.
    [ThreadStatic]
    private static JsonElement? t_pending;

    // Options made here, whose setters take a pending misfit; any other options (a user's context) read strictly.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, object> TolerantOptions = [];

    /// <summary>Options for a generated context: the same settings, with the extension-data hook on every object type.</summary>
    public static JsonSerializerOptions CreateOptions(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new JsonSerializerOptions(context.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.WithAddedModifier(context, AddExtensionHook),
        };
        TolerantOptions.AddOrUpdate(options, TolerantOptions);
        return options;
    }

    /// <summary>Whether <paramref name="options"/> came from <see cref="CreateOptions"/> (so a misfit member has a place to go).</summary>
    public static bool IsTolerant(JsonSerializerOptions options) => TolerantOptions.TryGetValue(options, out _);

    /// <summary>Reads a whole request or response object with stale state from a failed read cleared first.</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo)
    {
        t_pending = null;
        try
        {
            return JsonSerializer.Deserialize(utf8, typeInfo);
        }
        finally
        {
            t_pending = null;
        }
    }

    internal static void SetPending(JsonElement raw) => t_pending = raw;

    /// <summary>
    /// Whether a value read from the JSON at <paramref name="start"/> would be written back the same: strings, numbers and
    /// booleans always are (number handling is strict, so a number came as a number); a timestamp only when its text is
    /// the text the writer gives it; records, lists and maps hold members that were checked one by one.
    /// </summary>
    internal static bool WritesBackAsRead<T>(Utf8JsonReader start, T value, JsonTypeInfo<T> typeInfo)
    {
        if (value is not DateTimeOffset)
        {
            return true;
        }

        if (start.TokenType != JsonTokenType.String)
        {
            return false;
        }

        byte[] written = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        using JsonDocument document = JsonDocument.Parse(written);
        return document.RootElement.ValueKind == JsonValueKind.String && start.ValueTextEquals(document.RootElement.GetString());
    }

    private static void AddExtensionHook(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        JsonPropertyInfo? extension = typeInfo.Properties.FirstOrDefault(p => p.IsExtensionData);
        if (extension?.Get is not { } getExtension || extension.Set is not { } setExtension)
        {
            return;
        }

        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            if (property.IsExtensionData || property.Set is not { } set)
            {
                continue;
            }

            string name = property.Name;
            property.Set = (target, value) =>
            {
                if (t_pending is { } raw)
                {
                    t_pending = null;
                    var fields = (IDictionary<string, JsonElement>?)getExtension(target);
                    if (fields is null)
                    {
                        fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                        setExtension(target, fields);
                    }

                    fields[name] = raw;
                    return;
                }

                set(target, value);
            };
        }
    }
}
