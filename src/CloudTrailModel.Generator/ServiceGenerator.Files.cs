using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CloudTrailModel.Generator;

public static partial class ServiceGenerator
{
    private sealed partial class Run
    {
        private string EnumFile(string shapeName)
        {
            string type = TypeName(shapeName);
            JsonElement shape = _shapes.GetProperty(shapeName);
            string doc = FirstSentence(shape);
            var used = new HashSet<string>(StringComparer.Ordinal) { type, "ToString", "Equals", "GetHashCode", "GetType" };
            var values = new List<KnownValue>();
            foreach (JsonElement value in shape.GetProperty("enum").EnumerateArray())
            {
                string raw = value.GetString()!;
                values.Add(new KnownValue(Unique(used, EnumMemberName(raw)), raw, $"The value <c>{Xml(raw)}</c>."));
            }

            var spec = new ExtensibleStructSpec(
                type,
                _namespace,
                ["System.Text.Json.Serialization", "CloudTrailModel.Serialization"],
                [
                    $"{(doc.Length > 0 ? doc + " " : string.Empty)}The model's <c>{Xml(shapeName)}</c> values, logged as JSON strings. An open set: a value AWS adds later is kept",
                    "as it is, never rejected. <see cref=\"ToString\"/> returns the raw value; comparison is ordinal.",
                ],
                $"JsonStringValueConverter<{type}>",
                [("IJsonStringValue", "FromJsonString")],
                "CloudTrail JSON",
                HasIsEmpty: false);
            return ExtensibleStructWriter.Write(Header, spec, values);
        }

        private string ContextFile()
        {
            var sb = new StringBuilder();
            sb.Append(Header).Append('\n');
            sb.Append("using System.Text.Json;\nusing System.Text.Json.Serialization;\nusing CloudTrailModel.Operations;\n\n");
            sb.Append($"namespace {_namespace};\n\n");
            sb.Append($"/// <summary>Source-generated (reflection-free) JSON metadata for the {Xml(options.ServiceName)} operation models.</summary>\n");
            sb.Append("/// <remarks>\n/// Property names are explicit (<c>[JsonPropertyName]</c>), numbers are read only from JSON numbers (a number logged as a\n");
            sb.Append("/// string is kept as it came in <c>AdditionalFields</c>), nulls are not written, and timestamps are read leniently.\n/// </remarks>\n");
            sb.Append("[JsonSourceGenerationOptions(\n");
            sb.Append("    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,\n");
            sb.Append("    Converters = [typeof(LenientDateTimeOffsetConverter), typeof(LenientNullableDateTimeOffsetConverter)])]\n");
            foreach (string type in _contextTypes)
            {
                sb.Append($"[JsonSerializable(typeof({type}))]\n");
            }

            sb.Append($"internal sealed partial class {_context} : JsonSerializerContext\n{{\n");
            sb.Append("    /// <summary>Gets options over this context whose object metadata keeps a member that does not fit its type in <c>AdditionalFields</c>.</summary>\n");
            sb.Append("    internal static JsonSerializerOptions Tolerant => field ??= TolerantJson.CreateOptions(Default);\n}\n");
            return sb.ToString();
        }

        private string RegistrationFile(string entries)
        {
            var sb = new StringBuilder();
            sb.Append(Header).Append('\n');
            sb.Append("using System.Runtime.CompilerServices;\nusing System.Text.Json.Serialization.Metadata;\nusing CloudTrailModel.Operations;\n\n");
            sb.Append($"namespace {_namespace};\n\n");
            sb.Append($"/// <summary>The {Xml(options.ServiceName)} operations (every eventName spelling, typed models, target rules) in CloudTrailModel's registry.</summary>\n");
            sb.Append("/// <remarks>\n");
            sb.Append("/// They register when this assembly loads, and the core loads it by event source the first time a record needs it, so\n");
            sb.Append("/// referencing the package is enough under JIT. A NativeAOT binary holds only the assemblies the app names: an app that\n");
            sb.Append("/// reads this service only through <c>GetRequestParameters()</c>, <c>GetResponseElements()</c>, <c>GetAdditionalEventData()</c>\n");
            sb.Append("/// or <c>GetTargets()</c> calls <see cref=\"Register\"/> once at startup.\n");
            sb.Append("/// </remarks>\n");
            sb.Append($"public static class {options.ServiceName}Operations\n{{\n");
            sb.Append("    // The explicit static constructor runs once, on the first call of Register, whichever thread makes it.\n");
            sb.Append($"    static {options.ServiceName}Operations() => OperationRegistry.Register(Operations());\n\n");
            sb.Append("    /// <summary>\n");
            sb.Append("    /// Registers this package's operations (once; later calls do nothing). Needed only under NativeAOT when the app names\n");
            sb.Append("    /// none of this package's types: the call keeps the package in the binary.\n");
            sb.Append("    /// </summary>\n");
            sb.Append("    public static void Register()\n    {\n    }\n\n");
            sb.Append("#pragma warning disable CA2255 // A library's module initializer is the point: referencing the package registers its operations.\n");
            sb.Append("    [ModuleInitializer]\n");
            sb.Append("#pragma warning restore CA2255\n");
            sb.Append("    internal static void RegisterOnLoad() => Register();\n\n");
            sb.Append("    private static OperationRegistration[] Operations()\n    {\n");
            sb.Append($"        const string EventSource = {Literal(options.EventSource)};\n");
            sb.Append("        return\n        [\n");
            sb.Append(entries);
            sb.Append("        ];\n    }\n}\n");
            return sb.ToString();
        }

        /// <summary>
        /// Value equality written out, as the synthesized one would be but for the extension data: System.Text.Json fills
        /// a mutable dictionary there, which a record would compare by reference, so it is compared as JSON (ValueMap's
        /// rules; absent and empty are equal).
        /// </summary>
        private static void AppendEquality(StringBuilder sb, string typeName, List<(string Name, string Type)> properties, string extension)
        {
            sb.Append('\n');
            sb.Append($"    /// <summary>Whether <paramref name=\"other\"/> has equal values; <see cref=\"{extension}\"/> compare as JSON.</summary>\n");
            sb.Append("    /// <param name=\"other\">The value to compare with.</param>\n");
            sb.Append("    /// <returns>True when every member is equal.</returns>\n");
            sb.Append($"    public bool Equals({typeName}? other) =>\n");
            sb.Append("        ReferenceEquals(this, other) || (other is not null");
            foreach ((string name, string type) in properties)
            {
                sb.Append(type == "JsonElement"
                    ? $"\n            && JsonFields.Equal({name}, other.{name})"
                    : $"\n            && EqualityComparer<{type}?>.Default.Equals({name}, other.{name})");
            }

            sb.Append($"\n            && JsonFields.Equal({extension}, other.{extension}));\n\n");
            sb.Append("    /// <inheritdoc/>\n");
            sb.Append("    public override int GetHashCode()\n    {\n");
            sb.Append("        var hash = default(HashCode);\n");
            foreach ((string name, string type) in properties)
            {
                sb.Append(type == "JsonElement" ? $"        hash.Add(JsonFields.Hash({name}));\n" : $"        hash.Add({name});\n");
            }

            sb.Append($"        hash.Add(JsonFields.Hash({extension}));\n");
            sb.Append("        return hash.ToHashCode();\n    }\n");
        }

        /// <summary>
        /// The setter of a property (a setter, not init: System.Text.Json then sets members one by one, which lets a member that
        /// did not fit move to AdditionalFields): a list or map is kept as a copy that compares by value (ValueList, ValueMap),
        /// so the records that hold them compare by value; any other value as given.
        /// </summary>
        private static string SetAccessor(string type)
        {
            const string List = "IReadOnlyList<";
            const string Map = "IReadOnlyDictionary<string, ";
            if (type.StartsWith(List, StringComparison.Ordinal))
            {
                return $"set => field = ValueList<{type[List.Length..^1]}>.From(value);";
            }

            if (type.StartsWith(Map, StringComparison.Ordinal))
            {
                return $"set => field = ValueMap<{type[Map.Length..^1]}>.From(value);";
            }

            return "set;";
        }

        private static string Unique(HashSet<string> used, string name)
        {
            string candidate = name;
            for (int i = 2; !used.Add(candidate); i++)
            {
                candidate = name + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private static string Suffix(string doc) => doc.Length > 0 ? ": " + doc : ".";
    }
}
