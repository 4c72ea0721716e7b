using System.Text;
using System.Text.Json;

namespace CloudTrailModel.Generator;

public static partial class ServiceGenerator
{
    private sealed partial class Run(JsonElement model, GeneratorRules rules, GeneratorOptions options)
    {
        private readonly JsonElement _shapes = model.GetProperty("shapes");
        private readonly string _protocol = model.TryGetProperty("metadata", out JsonElement m) && m.TryGetProperty("protocol", out JsonElement p) ? p.GetString() ?? string.Empty : string.Empty;
        private readonly string _namespace = "CloudTrailModel.Operations." + options.ServiceName;
        private readonly string _context = options.ServiceName + "JsonContext";
        private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

        // Shape name -> .NET type name of the records and enum structs still to write (nested shapes), and those written.
        private readonly SortedSet<string> _pendingStructures = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _writtenStructures = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _enums = new(StringComparer.Ordinal);

        // Records the model has no shape for (EC2 list entries, grouped members): type name -> (summary, members).
        private readonly SortedDictionary<string, (string Summary, List<MemberSpec> Members)> _synthetic = new(StringComparer.Ordinal);

        // Every type the JSON context must know (records, property types, and the inner types of sensitive wrappers).
        private readonly SortedSet<string> _contextTypes = new(StringComparer.Ordinal);

        public SortedDictionary<string, string> Generate()
        {
            var operations = model.GetProperty("operations").EnumerateObject().OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
            foreach (string alias in rules.EventNames.Keys)
            {
                if (!operations.Any(o => o.Name == alias))
                {
                    throw new InvalidDataException($"The rule file names operation '{alias}', which the model does not have.");
                }
            }

            var registrations = new StringBuilder();
            foreach (JsonProperty operation in operations)
            {
                AppendOperation(operation, registrations);
            }

            while (_pendingStructures.Count > 0)
            {
                string shape = _pendingStructures.Min!;
                _pendingStructures.Remove(shape);
                _writtenStructures.Add(shape);
                var file = new StringBuilder();
                string doc = FirstSentence(_shapes.GetProperty(shape));
                bool union = _shapes.GetProperty(shape).TryGetProperty("union", out JsonElement u) && u.ValueKind == JsonValueKind.True;
                string summary = (doc.Length > 0 ? doc : $"The <c>{Xml(shape)}</c> structure.")
                    + (union ? " A union: AWS sets exactly one member." : string.Empty);
                AppendRecord(file, TypeName(shape), summary, Members(shape));
                AddFile(TypeName(shape) + ".g.cs", file.ToString());
            }

            foreach ((string type, (string summary, List<MemberSpec> members)) in _synthetic)
            {
                var file = new StringBuilder();
                AppendRecord(file, type, summary, members);
                AddFile(type + ".g.cs", file.ToString());
            }

            foreach (string shape in _enums)
            {
                AddFile(TypeName(shape) + ".g.cs", EnumFile(shape));
            }

            AddFile(_context + ".g.cs", ContextFile());
            AddFile(options.ServiceName + "Operations.g.cs", RegistrationFile(registrations.ToString()));
            return _files;
        }

        private void AppendOperation(JsonProperty operation, StringBuilder registrations)
        {
            string name = TypeName(operation.Name);
            var file = new StringBuilder();
            string? requestType = null;
            string? responseType = null;
            string operationDoc = FirstSentence(operation.Value);
            if (operation.Value.TryGetProperty("input", out JsonElement input) || _protocol == "rest-xml")
            {
                requestType = name + "RequestParameters";
                List<MemberSpec> members = input.ValueKind == JsonValueKind.Object ? Members(input.GetProperty("shape").GetString()!) : [];
                members.AddRange(RequestExtras(operation.Value, members));
                AppendRecord(file, requestType, $"The request parameters (CloudTrail <c>requestParameters</c>) of <c>{Xml(operation.Name)}</c>{Suffix(operationDoc)}", members);
            }

            bool hasOutput = operation.Value.TryGetProperty("output", out JsonElement output);
            if ((hasOutput || _protocol == "ec2") && !(rules.SkipReadOnlyResponses && GeneratorRules.IsReadOnly(operation.Name)))
            {
                responseType = name + "ResponseElements";
                bool typedOutput = hasOutput && (rules.TypedResponses is null || rules.TypedResponses.Contains(operation.Name));
                List<MemberSpec> members = typedOutput ? Members(OutputShape(output.GetProperty("shape").GetString()!)) : [];
                members.AddRange(ResponseExtras(members));
                if (file.Length > 0)
                {
                    file.Append('\n');
                }

                AppendRecord(file, responseType, $"The response elements (CloudTrail <c>responseElements</c>) of <c>{Xml(operation.Name)}</c>{Suffix(operationDoc)}", members);
            }

            // Hand-specified models only (sign-in): what CloudTrail logs in additionalEventData for the operation.
            string? additionalType = null;
            if (operation.Value.TryGetProperty("additionalEventData", out JsonElement additional))
            {
                additionalType = name + "AdditionalEventData";
                if (file.Length > 0)
                {
                    file.Append('\n');
                }

                AppendRecord(file, additionalType, $"The additional event data (CloudTrail <c>additionalEventData</c>) of <c>{Xml(operation.Name)}</c>{Suffix(operationDoc)}", Members(additional.GetProperty("shape").GetString()!));
            }

            if (file.Length > 0)
            {
                AddFile(name + ".g.cs", file.ToString());
            }

            IReadOnlyList<string> eventNames = NamingRules.EventNames(
                operation.Name, rules.EventNames.GetValueOrDefault(operation.Name) ?? [], rules.EventNameSuffixes);
            registrations.Append("            new(\n");
            registrations.Append("                EventSource,\n");
            registrations.Append($"                [{string.Join(", ", eventNames.Select(Literal))}],\n");
            AppendModel(registrations, requestType, last: false);
            AppendModel(registrations, responseType, last: true);
            List<TargetSpec> targets = Targets(operation.Name, requestType, responseType);
            if (targets.Count > 0 || additionalType is not null)
            {
                registrations.Length -= 3;
                registrations.Append(")\n            {\n");
                if (additionalType is not null)
                {
                    registrations.Append($"                AdditionalEventDataType = typeof({additionalType}),\n");
                    registrations.Append($"                ReadAdditionalEventData = {ReaderExpression(additionalType)},\n");
                }

                if (targets.Count > 0)
                {
                    registrations.Append("                Targets =\n                [\n");
                    foreach (TargetSpec target in targets)
                    {
                        registrations.Append($"                    new({Literal(target.Kind)}, {(target.Response ? "true" : "false")}, {Literal(target.Path)}),\n");
                    }

                    registrations.Append("                ],\n");
                }

                registrations.Append("            },\n");
            }
        }

        // The shape CloudTrail logs for a response: the model's, or its one structure member's when the rules unwrap outputs.
        private string OutputShape(string shapeName)
        {
            JsonElement shape = _shapes.GetProperty(shapeName);
            if (rules.UnwrapOutputs && shape.TryGetProperty("members", out JsonElement members) && members.EnumerateObject().Count() == 1)
            {
                string inner = members.EnumerateObject().Single().Value.GetProperty("shape").GetString()!;
                if (_shapes.GetProperty(inner).GetProperty("type").GetString() == "structure")
                {
                    return inner;
                }
            }

            return shapeName;
        }

        // The member-name targets that match a top-level member of the request or response, then the operation's own paths.
        private List<TargetSpec> Targets(string operation, string? requestType, string? responseType)
        {
            var targets = new List<TargetSpec>();
            foreach ((string member, string kind, bool response) in rules.MemberTargets)
            {
                string? type = response ? responseType : requestType;
                if (type is not null && _topLevel.TryGetValue(type, out HashSet<string>? names) && names.Contains(member.Split('.')[0].TrimEnd('[', ']')))
                {
                    targets.Add(new TargetSpec(kind, member, response));
                }
            }

            targets.AddRange(rules.OperationTargets.GetValueOrDefault(operation) ?? []);
            return targets;
        }

        // The JSON names of each operation type's own members, for the member-name target rules.
        private readonly Dictionary<string, HashSet<string>> _topLevel = new(StringComparer.Ordinal);

        private void AppendModel(StringBuilder sb, string? type, bool last)
        {
            string end = last ? ")," : ",";
            if (type is null)
            {
                sb.Append("                null,\n");
                sb.Append($"                null{end}\n");
            }
            else
            {
                sb.Append($"                typeof({type}),\n");
                sb.Append($"                {ReaderExpression(type)}{end}\n");
            }
        }

        private string ReaderExpression(string type) =>
            $"OperationRegistry.Reader(static () => (JsonTypeInfo<{type}>){_context}.Tolerant.GetTypeInfo(typeof({type})))";

        private void AddFile(string name, string body)
        {
            if (!_files.TryAdd(name, body))
            {
                throw new InvalidDataException($"Two generated types would share the file '{name}'.");
            }
        }
    }
}
