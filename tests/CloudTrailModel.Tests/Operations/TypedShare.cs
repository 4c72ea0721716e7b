using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailModel.Tests.Operations;

/// <summary>
/// Counts the members of a logged object that landed in typed properties (<c>[JsonPropertyName]</c>) against those kept
/// in <c>AdditionalFields</c>, at every depth the typed object reaches: a typed member's value is counted into too.
/// </summary>
internal static class TypedShare
{
    public static (int Typed, int Total) Count(JsonElement json, object typed, JsonSerializerOptions options)
    {
        int typedCount = 0;
        int total = 0;
        Walk(json, typed, options, ref typedCount, ref total);
        return (typedCount, total);
    }

    private static void Walk(JsonElement json, object? value, JsonSerializerOptions options, ref int typed, ref int total)
    {
        if (value is null)
        {
            return;
        }

        JsonTypeInfo info = options.GetTypeInfo(value.GetType());
        if (info.Kind == JsonTypeInfoKind.Object && json.ValueKind == JsonValueKind.Object)
        {
            JsonPropertyInfo? extension = info.Properties.FirstOrDefault(p => p.IsExtensionData);
            var extra = extension?.Get?.Invoke(value) as IDictionary<string, JsonElement>;
            foreach (JsonProperty member in json.EnumerateObject())
            {
                total++;
                if (extra?.ContainsKey(member.Name) == true)
                {
                    continue;
                }

                JsonPropertyInfo? property = info.Properties.FirstOrDefault(p => !p.IsExtensionData && p.Name == member.Name);
                if (property is not null)
                {
                    typed++;
                    Walk(member.Value, property.Get?.Invoke(value), options, ref typed, ref total);
                }
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && json.ValueKind == JsonValueKind.Array && value is IEnumerable items)
        {
            using var entries = json.EnumerateArray().GetEnumerator();
            foreach (object? item in items)
            {
                if (!entries.MoveNext())
                {
                    break;
                }

                Walk(entries.Current, item, options, ref typed, ref total);
            }
        }
    }
}
