using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CloudTrailModel.Policies;

/// <summary>Writes a policy built in code (a policy read from JSON is written back from its original bytes).</summary>
internal static class IamPolicyWriter
{
    public static byte[] StringToken(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ToPolicyJson(IamPolicyDocument document)
    {
        if (document.OriginalJson is not { } original)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteDocument(writer, document);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        return document.Form switch
        {
            IamPolicyDocumentForm.JsonString => document.OriginalText!,
            IamPolicyDocumentForm.UrlEncodedJsonString => UrlDecoded(document.OriginalText!),
            _ => Encoding.UTF8.GetString(original.Utf8.Span),
        };
    }

    private static string UrlDecoded(string text)
    {
        string decoded = Uri.UnescapeDataString(text);
        return decoded.Contains('+', StringComparison.Ordinal) && !IsJson(decoded) ? Uri.UnescapeDataString(text.Replace('+', ' ')) : decoded;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static void WriteDocument(Utf8JsonWriter writer, IamPolicyDocument document)
    {
        writer.WriteStartObject();
        WriteString(writer, "Version", document.Version);
        WriteString(writer, "Id", document.Id);
        if (document.IsSingleStatement && document.Statements.Count == 1)
        {
            writer.WritePropertyName("Statement");
            WriteStatement(writer, document.Statements[0]);
        }
        else if (document.Statements.Count > 0 || document.IsValid)
        {
            writer.WriteStartArray("Statement");
            foreach (IamPolicyStatement statement in document.Statements)
            {
                WriteStatement(writer, statement);
            }

            writer.WriteEndArray();
        }

        WriteFields(writer, document.AdditionalFields);
        writer.WriteEndObject();
    }

    public static JsonElement ConditionToElement(IReadOnlyList<IamPolicyConditionEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (IGrouping<string, IamPolicyConditionEntry> op in entries.GroupBy(e => e.Operator, StringComparer.Ordinal))
            {
                writer.WriteStartObject(op.Key);
                foreach (IamPolicyConditionEntry entry in op)
                {
                    WriteValues(writer, entry.Key, entry.Values);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void WriteStatement(Utf8JsonWriter writer, IamPolicyStatement statement)
    {
        writer.WriteStartObject();
        WriteString(writer, "Sid", statement.Sid);
        WriteString(writer, "Effect", statement.Effect?.ToString());
        WritePrincipal(writer, "Principal", statement.Principal);
        WritePrincipal(writer, "NotPrincipal", statement.NotPrincipal);
        WriteValues(writer, "Action", statement.Action);
        WriteValues(writer, "NotAction", statement.NotAction);
        WriteValues(writer, "Resource", statement.Resource);
        WriteValues(writer, "NotResource", statement.NotResource);
        if (statement.Condition is { } condition)
        {
            writer.WritePropertyName("Condition");
            condition.Json.WriteTo(writer);
        }

        WriteFields(writer, statement.AdditionalFields);
        writer.WriteEndObject();
    }

    private static void WritePrincipal(Utf8JsonWriter writer, string name, IamPolicyPrincipal? principal)
    {
        if (principal is null)
        {
            return;
        }

        if (principal.Text is { } text)
        {
            writer.WriteString(name, text);
            return;
        }

        writer.WriteStartObject(name);
        foreach (KeyValuePair<string, IamPolicyValues> entry in principal.Entries)
        {
            WriteValues(writer, entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, string name, IamPolicyValues? values)
    {
        if (values is null)
        {
            return;
        }

        if (!values.IsList && values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteFields(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? fields)
    {
        if (fields is null)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonElement> field in fields)
        {
            writer.WritePropertyName(field.Key);
            field.Value.WriteTo(writer);
        }
    }
}
