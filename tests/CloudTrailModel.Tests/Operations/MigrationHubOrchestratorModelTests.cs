using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrailModel.Operations;
using CloudTrailModel.Operations.MigrationHubOrchestrator;

namespace CloudTrailModel.Tests.Operations;

/// <summary>
/// For every operation of the model: a requestParameters / responseElements object with every member set (built from the
/// model itself) reads into the right type with every property set, and writes back to structurally equal JSON.
/// </summary>
public sealed class MigrationHubOrchestratorModelTests(ITestOutputHelper output)
{
    private const string EventSource = "migrationhub-orchestrator.amazonaws.com";
    private const string Namespace = "CloudTrailModel.Operations.MigrationHubOrchestrator";

    public static TheoryData<string> Operations()
    {
        // From the package's types, so the theory has data even where the model is absent.
        var data = new TheoryData<string>();
        foreach (string name in typeof(GetWorkflowStepRequestParameters).Assembly.GetTypes()
                     .Where(t => t.Namespace == Namespace && t.Name.EndsWith("RequestParameters", StringComparison.Ordinal))
                     .Select(t => t.Name[..^"RequestParameters".Length])
                     .Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [SkippableFact]
    public void Operations_AllModelOperationsHaveTypes()
    {
        if (!SharedFiles.Require(SharedFiles.ModelPath, output))
        {
            return;
        }

        using JsonDocument model = JsonDocument.Parse(File.ReadAllText(SharedFiles.ModelPath));
        var fromModel = model.RootElement.GetProperty("operations").EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal).ToList();
        fromModel.Should().HaveCount(31);
        ((IEnumerable<object[]>)Operations()).Select(row => (string)row[0]).Should().Equal(fromModel);
    }

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public void TryGetRequestParameters_EveryMemberSet_ReadsAllAndRoundTrips(string operation) =>
        Check(operation, "input", "requestParameters", "RequestParameters", nameof(CloudTrailRecord.TryGetRequestParameters));

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public void TryGetResponseElements_EveryMemberSet_ReadsAllAndRoundTrips(string operation) =>
        Check(operation, "output", "responseElements", "ResponseElements", nameof(CloudTrailRecord.TryGetResponseElements));

    private void Check(string operation, string modelKey, string recordKey, string suffix, string method)
    {
        if (!SharedFiles.Require(SharedFiles.ModelPath, output))
        {
            return;
        }

        using JsonDocument model = JsonDocument.Parse(File.ReadAllText(SharedFiles.ModelPath));
        JsonElement shapes = model.RootElement.GetProperty("shapes");
        JsonElement op = model.RootElement.GetProperty("operations").GetProperty(operation);
        if (!op.TryGetProperty(modelKey, out JsonElement io))
        {
            typeof(GetWorkflowStepRequestParameters).Assembly.GetType($"{Namespace}.{operation}{suffix}").Should().BeNull();
            return;
        }

        JsonNode sample = Sample(shapes, io.GetProperty("shape").GetString()!, depth: 0);
        string json = new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["eventSource"] = EventSource,
            ["eventName"] = operation,
            [recordKey] = sample.DeepClone(),
        }.ToJsonString();
        CloudTrailRecord record = CloudTrailRecord.Parse(json);

        Type type = typeof(GetWorkflowStepRequestParameters).Assembly.GetType($"{Namespace}.{operation}{suffix}", throwOnError: true)!;
        object?[] args = [null];
        bool found = (bool)typeof(CloudTrailRecord).GetMethod(method)!.MakeGenericMethod(type).Invoke(record, args)!;
        found.Should().BeTrue();
        object typed = args[0]!;
        typed.Should().BeOfType(type);
        AssertAllSet(typed, operation + suffix);

        object? untyped = suffix == "RequestParameters" ? record.GetRequestParameters() : record.GetResponseElements();
        untyped.Should().BeOfType(type);

        string written = JsonSerializer.Serialize(typed, type, MigrationHubOrchestratorJsonContext.Default);
        JsonNode.DeepEquals(sample, JsonNode.Parse(written)).Should().BeTrue($"written {written} should equal {sample.ToJsonString()}");
    }

    /// <summary>A JSON value for a shape with every member set: lists of one, maps of one entry, first enum value.</summary>
    internal static JsonNode Sample(JsonElement shapes, string shapeName, int depth)
    {
        JsonElement shape = shapes.GetProperty(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "string":
                return shape.TryGetProperty("enum", out JsonElement values) ? JsonValue.Create(values[0].GetString()!) : JsonValue.Create("s-" + shapeName);
            case "integer":
            case "long":
                return JsonValue.Create(7);
            case "boolean":
                return JsonValue.Create(true);
            case "double":
            case "float":
                return JsonValue.Create(1.5);
            case "timestamp":
                return JsonValue.Create("2024-01-02T03:04:05Z");
            case "list":
                return new JsonArray(Sample(shapes, shape.GetProperty("member").GetProperty("shape").GetString()!, depth + 1));
            case "map":
                return new JsonObject { ["key1"] = Sample(shapes, shape.GetProperty("value").GetProperty("shape").GetString()!, depth + 1) };
            case "structure":
                var obj = new JsonObject();
                if (depth < 8 && shape.TryGetProperty("members", out JsonElement members))
                {
                    foreach (JsonProperty member in members.EnumerateObject())
                    {
                        obj[member.Name] = Sample(shapes, member.Value.GetProperty("shape").GetString()!, depth + 1);
                    }
                }

                return obj;
            default:
                throw new NotSupportedException(shapeName);
        }
    }

    private static void AssertAllSet(object value, string path)
    {
        Type type = value.GetType();
        if (type.Namespace != Namespace || !type.IsClass)
        {
            return;
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? member = property.GetValue(value);
            if (property.Name == "AdditionalFields")
            {
                member.Should().BeNull($"{path}.{property.Name} should have no unknown members");
                continue;
            }

            member.Should().NotBeNull($"{path}.{property.Name} should be set");
            AssertNested(member!, $"{path}.{property.Name}");
        }
    }

    private static void AssertNested(object member, string path)
    {
        switch (member)
        {
            case string:
                return;
            case IDictionary dictionary:
                dictionary.Count.Should().Be(1, path);
                foreach (DictionaryEntry entry in dictionary)
                {
                    AssertNested(entry.Value!, path + "[]");
                }

                return;
            case IEnumerable list:
                var items = list.Cast<object>().ToList();
                items.Should().ContainSingle(path);
                AssertNested(items[0], path + "[]");
                return;
        }

        Type type = member.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SensitiveValue<>))
        {
            object? inner = type.GetProperty(nameof(SensitiveValue<object>.Value))!.GetValue(member);
            inner.Should().NotBeNull(path + " should carry the typed value");
            AssertNested(inner!, path + ".Value");
            return;
        }

        if (type.IsValueType && type.Namespace == Namespace)
        {
            member.ToString().Should().NotBeNullOrEmpty(path);
            return;
        }

        AssertAllSet(member, path);
    }

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
