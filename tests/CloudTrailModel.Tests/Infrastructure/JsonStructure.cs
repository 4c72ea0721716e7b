using System.Globalization;
using System.Text.Json;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>
/// Structural JSON comparison for round-trip tests: objects are unordered member sets (a member whose input value is
/// null must be written back as null, not left out), numbers compare by value, arrays in order, strings ordinally (a time
/// written back in another spelling than it came in is a difference).
/// </summary>
public static class JsonStructure
{
    private static readonly string[] BasicIsoFormats = ["yyyyMMdd'T'HHmmss'Z'"];

    /// <summary>Returns null when equal, otherwise a description with the JSON path of the first difference.</summary>
    public static string? FirstDifference(JsonElement expected, JsonElement actual) => Compare(expected, actual, "$", memberName: null);

    private static string? Compare(JsonElement expected, JsonElement actual, string path, string? memberName)
    {
        if (IsBool(expected) && IsBool(actual))
        {
            return expected.ValueKind == actual.ValueKind ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {Short(expected)}, got {actual.ValueKind} {Short(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (JsonProperty p in actual.EnumerateObject())
                {
                    actualMembers[p.Name] = p.Value;
                }

                var expectedNames = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty p in expected.EnumerateObject())
                {
                    expectedNames.Add(p.Name);
                    string childPath = $"{path}.{p.Name}";
                    if (!actualMembers.TryGetValue(p.Name, out JsonElement a))
                    {
                        return $"{childPath}: missing from the output";
                    }

                    string? diff = Compare(p.Value, a, childPath, p.Name);
                    if (diff is not null)
                    {
                        return diff;
                    }
                }

                foreach (string name in actualMembers.Keys)
                {
                    if (!expectedNames.Contains(name))
                    {
                        return $"{path}.{name}: not in the input but in the output";
                    }
                }

                return null;

            case JsonValueKind.Array:
                int expectedLength = expected.GetArrayLength(), actualLength = actual.GetArrayLength();
                if (expectedLength != actualLength)
                {
                    return $"{path}: expected {expectedLength} elements, got {actualLength}";
                }

                for (int i = 0; i < expectedLength; i++)
                {
                    string? diff = Compare(expected[i], actual[i], $"{path}[{i}]", memberName: null);
                    if (diff is not null)
                    {
                        return diff;
                    }
                }

                return null;

            case JsonValueKind.Number:
                if (expected.TryGetDecimal(out decimal ed) && actual.TryGetDecimal(out decimal ad))
                {
                    return ed == ad ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
                }

                return expected.GetDouble().Equals(actual.GetDouble()) ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";

            case JsonValueKind.String:
                string e = expected.GetString()!, s = actual.GetString()!;
                if (string.Equals(e, s, StringComparison.Ordinal))
                {
                    return null;
                }

                return $"{path}: expected \"{e}\", got \"{s}\"";

            default:
                return null;
        }
    }

    public static bool TryInstant(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
        || DateTimeOffset.TryParseExact(text, BasicIsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static string Short(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length > 60 ? raw[..60] + "…" : raw;
    }
}
