using System.Text;
using System.Text.Json;

namespace CloudTrailModel.Generator;

public static partial class ServiceGenerator
{
    private sealed partial class Run
    {
        private readonly HashSet<string> _enumTypes = new(StringComparer.Ordinal);

        private HashSet<string> OperationShapes => field ??= model.GetProperty("operations").EnumerateObject()
            .SelectMany(o => new[] { "input", "output" }.Select(k => o.Value.TryGetProperty(k, out JsonElement r) ? r.GetProperty("shape").GetString()! : string.Empty))
            .Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

        /// <summary>The members of a model structure as CloudTrail logs them, with the rule file's renames and groups applied.</summary>
        private List<MemberSpec> Members(string shapeName)
        {
            var specs = new List<MemberSpec>();
            JsonElement shape = _shapes.GetProperty(shapeName);
            if (!shape.TryGetProperty("members", out JsonElement members))
            {
                return specs;
            }

            (string SetName, List<string> Members)? group = rules.ItemGroups.TryGetValue(shapeName, out var g) ? g : null;
            var grouped = new List<MemberSpec>();
            foreach (JsonProperty member in members.EnumerateObject())
            {
                MemberSpec spec = Member(shapeName, member);
                if (group is { } gr && gr.Members.Contains(member.Name))
                {
                    grouped.Add(spec);
                }
                else
                {
                    specs.Add(spec);
                }
            }

            // S3 logs an XML body element with its namespace attribute as a member.
            if (_protocol == "rest-xml" && !OperationShapes.Contains(shapeName))
            {
                specs.Add(new MemberSpec("xmlns", "Xmlns", "string", "The XML namespace of the element."));
            }

            if (group is { } set && grouped.Count > 0)
            {
                string item = SyntheticName(TypeName(shapeName.EndsWith("Request", StringComparison.Ordinal) ? shapeName[..^"Request".Length] : shapeName) + TypeName(set.SetName) + "Item");
                _synthetic[item] = ($"One entry of <c>{Xml(set.SetName)}</c>, where CloudTrail logs these members of <c>{Xml(shapeName)}</c>.", grouped);
                specs.Add(new MemberSpec(set.SetName, set.SetName, $"ItemSet<{item}>", $"The members CloudTrail groups into one <c>items</c> entry."));
            }

            return specs;
        }

        private MemberSpec Member(string shapeName, JsonProperty member)
        {
            string target = member.Value.GetProperty("shape").GetString()!;
            JsonElement targetShape = _shapes.GetProperty(target);
            bool isList = targetShape.GetProperty("type").GetString() == "list";
            string json = rules.MemberNames.GetValueOrDefault(shapeName + "." + member.Name)
                ?? NamingRules.JsonName(_protocol, member.Name, member.Value, isList);
            string doc = FirstSentence(member.Value);
            if (doc.Length == 0)
            {
                doc = FirstSentence(targetShape);
            }

            if (rules.JsonValues.Contains(shapeName + "." + member.Name))
            {
                return new MemberSpec(json, member.Name, "JsonElement", doc + " Logged as a JSON string or as a JSON object; kept as it came.");
            }

            bool sensitive = (IsSensitive(member.Value) || IsSensitive(targetShape)) && IsWrappable(target);
            return new MemberSpec(json, member.Name, TypeRef(target), doc, sensitive);
        }

        /// <summary>What CloudTrail adds to S3 requests: the <c>Host</c> header (both spellings) and the subresource markers.</summary>
        private List<MemberSpec> RequestExtras(JsonElement operation, List<MemberSpec> members)
        {
            var extras = new List<MemberSpec>();
            if (_protocol != "rest-xml")
            {
                return extras;
            }

            void Add(string json, string source, string doc)
            {
                if (!members.Any(m => m.Json == json) && !extras.Any(m => m.Json == json))
                {
                    extras.Add(new MemberSpec(json, source, "JsonElement", doc));
                }
            }

            Add("Host", "Host", "The host the request was sent to, as a string or a list of strings.");
            Add("host", "HostLowercase", "The host the request was sent to (lower-case spelling), as a string or a list of strings.");
            string uri = operation.TryGetProperty("http", out JsonElement http) && http.TryGetProperty("requestUri", out JsonElement u) ? u.GetString()! : string.Empty;
            foreach (string marker in NamingRules.SubresourceMarkers(uri))
            {
                Add(marker, marker + "Subresource", $"The <c>?{Xml(marker)}</c> subresource marker, logged as an empty string or a list holding one.");
            }

            return extras;
        }

        /// <summary>What CloudTrail adds to EC2 responses: <c>requestId</c> and the query API's <c>_return</c>.</summary>
        private List<MemberSpec> ResponseExtras(List<MemberSpec> members)
        {
            var extras = new List<MemberSpec>();
            if (_protocol == "ec2")
            {
                if (!members.Any(m => m.Json == "requestId"))
                {
                    extras.Add(new MemberSpec("requestId", "RequestId", "string", "The ID of the EC2 request."));
                }

                if (!members.Any(m => m.Json == "_return"))
                {
                    extras.Add(new MemberSpec("_return", "Return", "bool", "Whether the call succeeded (the query API's <c>return</c>)."));
                }
            }

            return extras;
        }

        private string SyntheticName(string name) =>
            _shapes.TryGetProperty(name, out _) ? name + "Entry" : name;

        private void AppendRecord(StringBuilder sb, string typeName, string summary, List<MemberSpec> members)
        {
            _contextTypes.Add(typeName);
            if (sb.Length == 0)
            {
                sb.Append(Header).Append('\n');
                sb.Append("using System.Text.Json;\nusing System.Text.Json.Serialization;\nusing CloudTrailModel.Internal;\nusing CloudTrailModel.Operations;\nusing CloudTrailModel.Serialization;\n\n");
                sb.Append($"namespace {_namespace};\n\n");
            }

            sb.Append($"/// <summary>{summary}</summary>\n");
            sb.Append($"public sealed record {typeName}\n{{\n");
            var used = new HashSet<string>(StringComparer.Ordinal) { typeName };
            var properties = new List<(string Name, string Type)>();
            var jsonNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (MemberSpec member in members)
            {
                if (!jsonNames.Add(member.Json))
                {
                    continue;
                }

                string propertyName = Unique(used, PropertyName(member.Source, typeName));
                string summary2 = (member.Doc.Length > 0 ? member.Doc + " " : string.Empty) + $"JSON <c>{Xml(member.Json)}</c>.";
                if (member.Sensitive)
                {
                    _contextTypes.Add(member.Type);
                    summary2 += " AWS marks it sensitive: CloudTrail may log a placeholder string instead, kept in <see cref=\"SensitiveValue{T}.RedactedText\"/>.";
                    sb.Append($"    /// <summary>{summary2}</summary>\n");
                    sb.Append($"    [JsonPropertyName({Literal(member.Json)})]\n");
                    sb.Append($"    [JsonConverter(typeof(SensitiveValueConverter<{member.Type}>))]\n");
                    sb.Append($"    public SensitiveValue<{member.Type}>? {propertyName} {{ get; set; }}\n\n");
                    properties.Add((propertyName, $"SensitiveValue<{member.Type}>"));
                }
                else
                {
                    string nullable = IsValueType(member.Type) ? member.Type + "?" : member.Type;
                    _contextTypes.Add(nullable);
                    sb.Append($"    /// <summary>{summary2}</summary>\n");
                    sb.Append($"    [JsonPropertyName({Literal(member.Json)})]\n");
                    sb.Append($"    [JsonConverter(typeof(TolerantMemberConverter<{nullable}>))]\n");
                    sb.Append($"    public {member.Type}? {propertyName} {{ get; {SetAccessor(member.Type)} }}\n\n");
                    properties.Add((propertyName, member.Type));
                }
            }

            _topLevel[typeName] = jsonNames;
            string extension = Unique(used, "AdditionalFields");
            sb.Append("    /// <summary>Members CloudTrail logged that the service model does not describe, or whose value did not fit the model, kept as raw JSON rather than dropped.</summary>\n");
            sb.Append("    [JsonExtensionData]\n");
            sb.Append($"    public IDictionary<string, JsonElement>? {extension} {{ get; set; }}\n");
            AppendEquality(sb, typeName, properties, extension);
            sb.Append("}\n");
        }

        private bool IsValueType(string type) => ValueTypes.Contains(type) || _enumTypes.Contains(type);

        private bool IsWrappable(string shapeName) =>
            _shapes.GetProperty(shapeName).GetProperty("type").GetString() is "structure" or "list" or "map";

        private static bool IsSensitive(JsonElement element) =>
            element.TryGetProperty("sensitive", out JsonElement s) && s.ValueKind == JsonValueKind.True;

        /// <summary>The C# type (without the trailing <c>?</c>) of a shape, queuing nested structures and enums.</summary>
        private string TypeRef(string shapeName)
        {
            JsonElement shape = _shapes.GetProperty(shapeName);
            string kind = shape.GetProperty("type").GetString()!;
            switch (kind)
            {
                case "string":
                    if (shape.TryGetProperty("enum", out _))
                    {
                        string type = TypeName(shapeName);
                        if (rules.CoreTypes.Contains(shapeName))
                        {
                            // The core's own open value set of that name (an extensible struct too).
                            type = "global::CloudTrailModel." + type;
                        }
                        else
                        {
                            _enums.Add(shapeName);
                        }

                        _enumTypes.Add(type);
                        return type;
                    }

                    return "string";
                case "character":
                case "blob":
                    return "string";
                case "boolean":
                    return "bool";
                case "byte":
                case "short":
                case "integer":
                    return "int";
                case "long":
                    return "long";
                case "float":
                case "double":
                    return "double";
                case "bigdecimal":
                    return "decimal";
                case "timestamp":
                    return "DateTimeOffset";
                case "document":
                    return "JsonElement";
                case "list":
                    return _protocol == "ec2" ? Ec2ListType(shapeName, shape) : $"IReadOnlyList<{TypeRef(shape.GetProperty("member").GetProperty("shape").GetString()!)}>";
                case "map":
                    string key = shape.GetProperty("key").GetProperty("shape").GetString()!;
                    if (_shapes.GetProperty(key).GetProperty("type").GetString() != "string")
                    {
                        throw new InvalidDataException($"Map '{shapeName}' has non-string keys, which JSON cannot carry.");
                    }

                    return $"IReadOnlyDictionary<string, {TypeRef(shape.GetProperty("value").GetProperty("shape").GetString()!)}>";
                case "structure":
                    if (!_writtenStructures.Contains(shapeName))
                    {
                        _pendingStructures.Add(shapeName);
                    }

                    return TypeName(shapeName);
                default:
                    throw new InvalidDataException($"Shape '{shapeName}' has the unsupported type '{kind}'.");
            }
        }

        /// <summary>
        /// EC2 logs a list as <c>{"items": [...]}</c>; entries that are plain values are logged as one-member objects
        /// named after the list's entry (<c>{"instanceId": "i-1"}</c>), which get a record of their own.
        /// </summary>
        private string Ec2ListType(string shapeName, JsonElement shape)
        {
            JsonElement member = shape.GetProperty("member");
            string itemShape = member.GetProperty("shape").GetString()!;
            string itemKind = _shapes.GetProperty(itemShape).GetProperty("type").GetString()!;
            if (itemKind is "structure" or "list" or "map")
            {
                return $"ItemSet<{TypeRef(itemShape)}>";
            }

            string item = SyntheticName(TypeName(shapeName) + "Item");
            if (!_synthetic.ContainsKey(item))
            {
                string? location = member.TryGetProperty("locationName", out JsonElement l) ? l.GetString() : null;
                string json = rules.MemberNames.GetValueOrDefault(shapeName + ".member") ?? NamingRules.LowerFirst(location ?? "item");
                _synthetic[item] = ($"One entry of the <c>{Xml(shapeName)}</c> list, as CloudTrail logs it: an object with one member.", [new MemberSpec(json, json, TypeRef(itemShape), "The entry's value.")]);
            }

            return $"ItemSet<{item}>";
        }
    }
}
