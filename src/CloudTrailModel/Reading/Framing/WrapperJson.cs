using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>Reads the small typed members of wrappers (strings, string lists) as their documented JSON types, else null.</summary>
internal static class WrapperJson
{
    public static string? NextString(ref Utf8JsonReader r)
    {
        r.Read();
        return StringOrNull(ref r);
    }

    public static string? StringOrNull(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? TryGetString(ref r) : null;

    // A string that is valid JSON but not valid UTF-16 (a lone surrogate escape, "\ud800") makes GetString throw:
    // such a wrapper member is not of its documented type, so it is null, as any other mistyped member.
    private static string? TryGetString(ref Utf8JsonReader r)
    {
        try
        {
            return r.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

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
            if (r.TokenType == JsonTokenType.String && TryGetString(ref r) is { } value)
            {
                list.Add(value);
            }
            else
            {
                r.Skip();
            }
        }

        return list;
    }
}
