using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Policies;

/// <summary>Equality of the small maps a policy holds (principal kinds, kept members), without reflection.</summary>
internal static class IamPolicyMaps
{
    public static bool Equal<T>(IReadOnlyDictionary<string, T>? x, IReadOnlyDictionary<string, T>? y)
        where T : IEquatable<T>
    {
        if ((x?.Count ?? 0) != (y?.Count ?? 0))
        {
            return false;
        }

        if (x is null || y is null)
        {
            return true;
        }

        foreach (KeyValuePair<string, T> entry in x)
        {
            if (!y.TryGetValue(entry.Key, out T? value) || !entry.Value.Equals(value))
            {
                return false;
            }
        }

        return true;
    }

    public static bool FieldsEqual(IReadOnlyDictionary<string, JsonElement>? x, IReadOnlyDictionary<string, JsonElement>? y)
    {
        if ((x?.Count ?? 0) != (y?.Count ?? 0))
        {
            return false;
        }

        if (x is null || y is null)
        {
            return true;
        }

        foreach (KeyValuePair<string, JsonElement> entry in x)
        {
            if (!y.TryGetValue(entry.Key, out JsonElement value) || !JsonElementComparer.Instance.Equals(entry.Value, value))
            {
                return false;
            }
        }

        return true;
    }
}
