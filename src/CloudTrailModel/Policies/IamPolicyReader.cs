using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CloudTrailModel.Policies;

/// <summary>
/// Reads policy JSON into the model. Elements of an unexpected JSON type are kept in <c>AdditionalFields</c> instead of
/// failing: a policy is attacker-influenced text and a detection must still see the rest of it.
/// </summary>
internal static class IamPolicyReader
{
    private static readonly JsonDocumentOptions TextOptions = new() { MaxDepth = 64 };

    public static IamPolicyDocument ReadValueOrText(ReadOnlySpan<byte> utf8)
    {
        if (TryParseValue(utf8, out JsonElement value))
        {
            return ReadValue(value, utf8.ToArray());
        }

        // Not JSON at all: the policy text itself (URL-encoded, truncated, or a placeholder), kept as a JSON string.
        string text = Encoding.UTF8.GetString(utf8);
        return FromText(text, new RawJson(IamPolicyWriter.StringToken(text)));
    }

    public static IamPolicyDocument ReadValue(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("The JSON element holds no value.", nameof(element));
        }

        JsonElement own = element.Clone();
        return ReadValue(own, JsonMarshal.GetRawUtf8Value(own).ToArray());
    }

    // Lambda logs one statement as a JSON string ("{\"Sid\":...,\"Effect\":\"Allow\",...}"), not a whole policy: it reads
    // as a document of that one statement, still written back as the same string.
    public static IamPolicyDocument ReadStatementValue(JsonElement element)
    {
        JsonElement own = element.Clone();
        if (own.ValueKind == JsonValueKind.String
            && TryParseObject(own.GetString()!, out JsonElement statement)
            && !statement.TryGetProperty("Statement", out _))
        {
            return IamPolicyDocument.Create(
                null, null, [ReadStatement(statement)], isSingleStatement: true, null, isValid: true, IamPolicyDocumentForm.JsonString,
                new RawJson(JsonMarshal.GetRawUtf8Value(own).ToArray()), own.GetString());
        }

        return ReadValue(own);
    }

    // Lambda's AddPermission and AddLayerVersionPermission requests name the grant member by member; the statement Lambda
    // builds from them is assembled the same way, so a failed call (no response) can still be judged.
    public static IamPolicyDocument? FromPermissionRequest(JsonElement request)
    {
        if (!request.TryGetProperty("principal", out JsonElement principalValue) || principalValue.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string principalText = principalValue.GetString()!;
        IamPolicyPrincipal principal = principalText == "*"
            ? new IamPolicyPrincipal("*")
            : new IamPolicyPrincipal(new Dictionary<string, IamPolicyValues>(StringComparer.Ordinal)
            {
                [principalText.EndsWith(".amazonaws.com", StringComparison.Ordinal) ? "Service" : "AWS"] = new IamPolicyValues(principalText),
            });
        var conditions = new List<IamPolicyConditionEntry>();
        AddCondition(request, "sourceArn", "ArnLike", "AWS:SourceArn", conditions);
        AddCondition(request, "sourceAccount", "StringEquals", "AWS:SourceAccount", conditions);
        AddCondition(request, "principalOrgID", "StringEquals", "aws:PrincipalOrgID", conditions);
        AddCondition(request, "organizationId", "StringEquals", "aws:PrincipalOrgID", conditions);
        AddCondition(request, "functionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType", conditions);
        var statement = new IamPolicyStatement
        {
            Sid = request.TryGetProperty("statementId", out JsonElement sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null,
            Effect = IamPolicyEffect.Allow,
            Principal = principal,
            Action = request.TryGetProperty("action", out JsonElement action) && action.ValueKind == JsonValueKind.String ? new IamPolicyValues(action.GetString()!) : null,
            Condition = conditions.Count == 0 ? null : new IamPolicyCondition(conditions),
        };
        return new IamPolicyDocument { Statements = [statement], IsSingleStatement = true };
    }

    private static void AddCondition(JsonElement request, string member, string op, string key, List<IamPolicyConditionEntry> conditions)
    {
        if (request.TryGetProperty(member, out JsonElement value) && value.ValueKind == JsonValueKind.String)
        {
            conditions.Add(new IamPolicyConditionEntry(op, key, new IamPolicyValues(value.GetString()!)));
        }
    }

    public static IamPolicyDocument ReadValue(JsonElement value, byte[] original) => value.ValueKind switch
    {
        JsonValueKind.Object => ReadObject(value, IamPolicyDocumentForm.JsonObject, new RawJson(original), originalText: null),
        JsonValueKind.String => FromText(value.GetString()!, new RawJson(original)),
        _ => Invalid(IamPolicyDocumentForm.OtherJson, new RawJson(original), originalText: null),
    };

    private static IamPolicyDocument FromText(string text, RawJson original)
    {
        if (TryParseObject(text, out JsonElement policy))
        {
            return ReadObject(policy, IamPolicyDocumentForm.JsonString, original, text);
        }

        ReadOnlySpan<char> trimmed = text.AsSpan().TrimStart();
        // Percent-encoding as IAM writes it (%20 for a space), or form-encoding ('+' for a space, a literal '+' as %2B).
        if (trimmed.StartsWith("%7B", StringComparison.OrdinalIgnoreCase)
            && (TryParseObject(Uri.UnescapeDataString(text), out policy)
                || TryParseObject(Uri.UnescapeDataString(text.Replace('+', ' ')), out policy)))
        {
            return ReadObject(policy, IamPolicyDocumentForm.UrlEncodedJsonString, original, text);
        }

        return Invalid(IamPolicyDocumentForm.JsonString, original, text);
    }

    private static IamPolicyDocument Invalid(IamPolicyDocumentForm form, RawJson original, string? originalText) =>
        IamPolicyDocument.Create(null, null, [], false, null, isValid: false, form, original, originalText);

    private static bool TryParseValue(ReadOnlySpan<byte> utf8, out JsonElement value)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = TextOptions.MaxDepth });
            value = JsonElement.ParseValue(ref reader);
            if (!reader.Read())
            {
                return true;
            }
        }
        catch (JsonException)
        {
        }

        value = default;
        return false;
    }

    private static bool TryParseObject(string text, out JsonElement value)
    {
        ReadOnlySpan<char> trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            value = default;
            return false;
        }

        return TryParseValue(Encoding.UTF8.GetBytes(text), out value) && value.ValueKind == JsonValueKind.Object;
    }

    private static IamPolicyDocument ReadObject(JsonElement policy, IamPolicyDocumentForm form, RawJson original, string? originalText)
    {
        string? version = null, id = null;
        IReadOnlyList<IamPolicyStatement> statements = [];
        bool single = false;
        Dictionary<string, JsonElement>? extra = null;
        foreach (JsonProperty member in policy.EnumerateObject())
        {
            JsonElement value = member.Value;
            switch (member.Name)
            {
                case "Version" when value.ValueKind == JsonValueKind.String:
                    version = value.GetString();
                    break;
                case "Id" when value.ValueKind == JsonValueKind.String:
                    id = value.GetString();
                    break;
                case "Statement" when value.ValueKind == JsonValueKind.Object:
                    statements = [ReadStatement(value)];
                    single = true;
                    break;
                case "Statement" when value.ValueKind == JsonValueKind.Array && AllObjects(value):
                    statements = [.. value.EnumerateArray().Select(ReadStatement)];
                    single = false;
                    break;
                default:
                    (extra ??= new(StringComparer.Ordinal))[member.Name] = value;
                    break;
            }
        }

        return IamPolicyDocument.Create(version, id, statements, single, extra, isValid: true, form, original, originalText);
    }

    private static IamPolicyStatement ReadStatement(JsonElement statement)
    {
        string? sid = null;
        IamPolicyEffect? effect = null;
        IamPolicyPrincipal? principal = null, notPrincipal = null;
        IamPolicyValues? action = null, notAction = null, resource = null, notResource = null;
        IamPolicyCondition? condition = null;
        Dictionary<string, JsonElement>? extra = null;
        foreach (JsonProperty member in statement.EnumerateObject())
        {
            JsonElement value = member.Value;
            bool read = member.Name switch
            {
                "Sid" => TryString(value, out sid),
                "Effect" => TryEffect(value, out effect),
                "Principal" => TryPrincipal(value, out principal),
                "NotPrincipal" => TryPrincipal(value, out notPrincipal),
                "Action" => TryValues(value, out action),
                "NotAction" => TryValues(value, out notAction),
                "Resource" => TryValues(value, out resource),
                "NotResource" => TryValues(value, out notResource),
                "Condition" => TryCondition(value, out condition),
                _ => false,
            };
            if (!read)
            {
                (extra ??= new(StringComparer.Ordinal))[member.Name] = value;
            }
        }

        return new IamPolicyStatement
        {
            Sid = sid,
            Effect = effect,
            Principal = principal,
            NotPrincipal = notPrincipal,
            Action = action,
            NotAction = notAction,
            Resource = resource,
            NotResource = notResource,
            Condition = condition,
            AdditionalFields = extra,
        };
    }

    private static bool TryString(JsonElement value, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is not null;
    }

    private static bool TryEffect(JsonElement value, out IamPolicyEffect? effect)
    {
        effect = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        effect = new IamPolicyEffect(value.GetString()!);
        return true;
    }

    private static bool TryPrincipal(JsonElement value, out IamPolicyPrincipal? principal)
    {
        principal = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            principal = new IamPolicyPrincipal(value.GetString()!);
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var entries = new Dictionary<string, IamPolicyValues>(StringComparer.Ordinal);
        foreach (JsonProperty kind in value.EnumerateObject())
        {
            if (!TryValues(kind.Value, out IamPolicyValues? values))
            {
                return false;
            }

            entries[kind.Name] = values!;
        }

        principal = new IamPolicyPrincipal(entries);
        return true;
    }

    private static bool TryValues(JsonElement value, out IamPolicyValues? values)
    {
        values = null;
        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = new List<string>(value.GetArrayLength());
            foreach (JsonElement item in value.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    return false;
                }

                items.Add(ScalarText(item));
            }

            values = new IamPolicyValues(items);
            return true;
        }

        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
        {
            return false;
        }

        values = new IamPolicyValues(ScalarText(value));
        return true;
    }

    private static bool TryCondition(JsonElement value, out IamPolicyCondition? condition)
    {
        condition = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var entries = new List<IamPolicyConditionEntry>();
        foreach (JsonProperty op in value.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (JsonProperty key in op.Value.EnumerateObject())
            {
                if (TryValues(key.Value, out IamPolicyValues? values))
                {
                    entries.Add(new IamPolicyConditionEntry(op.Name, key.Name, values!));
                }
            }
        }

        condition = new IamPolicyCondition(entries, value);
        return true;
    }

    private static string ScalarText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static bool AllObjects(JsonElement array)
    {
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
        }

        return true;
    }
}
