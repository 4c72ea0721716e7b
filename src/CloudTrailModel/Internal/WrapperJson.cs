using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>Reads the small typed members of wrappers (strings, string lists) as their documented JSON types, else null.</summary>
internal static class WrapperJson
{
    public static string? NextString(ref Utf8JsonReader r)
    {
        r.Read();
        return StringOrNull(ref r);
    }

    public static string? StringOrNull(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? r.GetString() : null;

    public static List<string>? Strings(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var list = new List<string>();
        int depth = r.CurrentDepth;
        while (r.Read() && r.CurrentDepth > depth)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                list.Add(r.GetString()!);
            }
            else
            {
                r.Skip();
            }
        }

        return list;
    }
}
