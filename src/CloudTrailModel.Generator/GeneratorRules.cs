using System.Text.Json;

namespace CloudTrailModel.Generator;

/// <summary>One resource rule: a member path (see the core's target rules) that names what a call acted on.</summary>
/// <param name="Kind">The resource kind reported (<c>User</c>, <c>Bucket</c>, ...).</param>
/// <param name="Path">The member path, <c>[]</c> after a member meaning each array entry.</param>
/// <param name="Response">Whether the path starts at <c>responseElements</c>.</param>
public sealed record TargetSpec(string Kind, string Path, bool Response);

/// <summary>
/// What a service's rule file (<c>services/&lt;service&gt;.rules.json</c>) says beyond the model: extra event names,
/// renamed members, members grouped into an <c>items</c> entry, members that hold any JSON (policy documents), targets.
/// </summary>
public sealed class GeneratorRules
{
    /// <summary>Gets the extra <c>eventName</c> spellings per model operation.</summary>
    public Dictionary<string, List<string>> EventNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets suffixes added to every operation name to make more event names (Lambda's API versions).</summary>
    public List<string> EventNameSuffixes { get; } = [];

    /// <summary>Gets JSON names by <c>Shape.Member</c> where CloudTrail differs from the protocol rule (a list shape's entry is <c>Shape.member</c>).</summary>
    public Dictionary<string, string> MemberNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the <c>Shape.Member</c> entries typed as raw JSON: logged as a JSON string or an object (policy documents).</summary>
    public HashSet<string> JsonValues { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets, per request shape, members CloudTrail logs inside one <c>items</c> entry of a set (EC2 <c>RunInstances</c>' <c>instancesSet</c>).</summary>
    public Dictionary<string, (string SetName, List<string> Members)> ItemGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets the enum shapes the core already defines under the same name (CloudTrail's <c>InsightType</c>): members use the
    /// core's type, so one value type serves records and operations, and the package defines none of its own.
    /// </summary>
    public HashSet<string> CoreTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets whether read-only operations (<c>Describe*</c>, <c>Get*</c>, <c>List*</c>) get no response type: CloudTrail does not log their responses.</summary>
    public bool SkipReadOnlyResponses { get; private set; }

    /// <summary>
    /// Gets the operations whose whole output shape is typed, when the rule file limits them (<c>typedResponses</c>); the
    /// others get only the protocol's response members (EC2's <c>requestId</c> and <c>_return</c>). Null: every output is typed.
    /// </summary>
    public HashSet<string>? TypedResponses { get; private set; }

    /// <summary>Gets whether a response shape that holds one structure member is logged as that structure's members (RDS).</summary>
    public bool UnwrapOutputs { get; private set; }

    /// <summary>Gets targets by top-level JSON member name, for every operation that has that member.</summary>
    public List<(string Member, string Kind, bool Response)> MemberTargets { get; } = [];

    /// <summary>Gets targets per operation (paths into nested members).</summary>
    public Dictionary<string, List<TargetSpec>> OperationTargets { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads a rule file; null gives no rules.</summary>
    public static GeneratorRules Parse(string? json)
    {
        var rules = new GeneratorRules();
        if (json is null)
        {
            return rules;
        }

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("eventNames", out JsonElement names))
        {
            foreach (JsonProperty entry in names.EnumerateObject())
            {
                rules.EventNames[entry.Name] = entry.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
            }
        }

        if (root.TryGetProperty("eventNameSuffixes", out JsonElement suffixes))
        {
            rules.EventNameSuffixes.AddRange(suffixes.EnumerateArray().Select(e => e.GetString()!));
        }

        if (root.TryGetProperty("memberNames", out JsonElement members))
        {
            foreach (JsonProperty entry in members.EnumerateObject())
            {
                rules.MemberNames[entry.Name] = entry.Value.GetString()!;
            }
        }

        if (root.TryGetProperty("jsonValues", out JsonElement values))
        {
            rules.JsonValues.UnionWith(values.EnumerateArray().Select(e => e.GetString()!));
        }

        if (root.TryGetProperty("itemGroups", out JsonElement groups))
        {
            foreach (JsonProperty entry in groups.EnumerateObject())
            {
                rules.ItemGroups[entry.Name] = (entry.Value.GetProperty("set").GetString()!,
                    entry.Value.GetProperty("members").EnumerateArray().Select(e => e.GetString()!).ToList());
            }
        }

        if (root.TryGetProperty("typedResponses", out JsonElement typed))
        {
            rules.TypedResponses = typed.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        }

        if (root.TryGetProperty("coreTypes", out JsonElement coreTypes))
        {
            rules.CoreTypes.UnionWith(coreTypes.EnumerateArray().Select(e => e.GetString()!));
        }

        rules.UnwrapOutputs = root.TryGetProperty("unwrapOutputs", out JsonElement unwrap) && unwrap.ValueKind == JsonValueKind.True;
        rules.SkipReadOnlyResponses = root.TryGetProperty("skipReadOnlyResponses", out JsonElement skip) && skip.ValueKind == JsonValueKind.True;
        if (root.TryGetProperty("targets", out JsonElement targets))
        {
            foreach (JsonProperty entry in targets.EnumerateObject())
            {
                bool response = entry.Name.StartsWith("response:", StringComparison.Ordinal);
                rules.MemberTargets.Add((response ? entry.Name["response:".Length..] : entry.Name, entry.Value.GetString()!, response));
            }
        }

        if (root.TryGetProperty("operationTargets", out JsonElement operationTargets))
        {
            foreach (JsonProperty entry in operationTargets.EnumerateObject())
            {
                rules.OperationTargets[entry.Name] = entry.Value.EnumerateArray()
                    .Select(t => new TargetSpec(
                        t.GetProperty("kind").GetString()!,
                        t.GetProperty("path").GetString()!,
                        t.TryGetProperty("response", out JsonElement r) && r.ValueKind == JsonValueKind.True))
                    .ToList();
            }
        }

        return rules;
    }

    /// <summary>Whether an operation is read-only by its name: CloudTrail logs no <c>responseElements</c> for those.</summary>
    public static bool IsReadOnly(string operation) =>
        operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("Get", StringComparison.Ordinal)
        || operation.StartsWith("List", StringComparison.Ordinal);
}
