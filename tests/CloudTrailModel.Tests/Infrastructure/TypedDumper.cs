using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>
/// Dumps the typed view of a parsed record (public properties, nulls and empty AdditionalFields omitted) as indented
/// JSON, so snapshots show what the model made of the input, not what the serializer writes back.
/// </summary>
public static class TypedDumper
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Dump(object? value) => (ToNode(value) ?? JsonValue.Create("null")!).ToJsonString(Indented);

    public static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case int i:
                return JsonValue.Create(i);
            case long l:
                return JsonValue.Create(l);
            case double d:
                return JsonValue.Create(d.ToString("R", CultureInfo.InvariantCulture));
            case DateTimeOffset dto:
                return JsonValue.Create(dto.ToString("o", CultureInfo.InvariantCulture));
            case RawJson raw:
                return JsonValue.Create(raw.ToString());
            case JsonElement element:
                return JsonValue.Create(element.GetRawText());
            case IDictionary dictionary:
                {
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        obj[(string)entry.Key] = ToNode(entry.Value);
                    }

                    return obj;
                }
        }

        Type type = value.GetType();
        if (type.IsValueType)
        {
            // CloudTrailEventVersion and the extensible structs: their ToString() is the raw value.
            return JsonValue.Create(value.ToString());
        }

        if (TryDictionary(value, out JsonObject? dict))
        {
            return dict;
        }

        if (value is IEnumerable sequence)
        {
            var array = new JsonArray();
            foreach (object? item in sequence)
            {
                array.Add(ToNode(item));
            }

            return array;
        }

        var result = new JsonObject();
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            object? propertyValue = property.GetValue(value);
            if (propertyValue is null)
            {
                continue;
            }

            JsonNode? node = ToNode(propertyValue);
            if (node is JsonObject { Count: 0 } && property.Name == "AdditionalFields")
            {
                continue;
            }

            result[property.Name] = node;
        }

        return result;
    }

    private static bool TryDictionary(object value, out JsonObject? result)
    {
        result = null;
        Type? readOnlyDictionary = value.GetType().GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && i.GetGenericArguments()[0] == typeof(string));
        if (readOnlyDictionary is null)
        {
            return false;
        }

        result = new JsonObject();
        foreach (object pair in (IEnumerable)value)
        {
            Type pairType = pair.GetType();
            string key = (string)pairType.GetProperty("Key")!.GetValue(pair)!;
            result[key] = ToNode(pairType.GetProperty("Value")!.GetValue(pair));
        }

        return true;
    }
}
