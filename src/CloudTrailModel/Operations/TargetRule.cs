using System.Text.Json;

namespace CloudTrailModel.Operations;

/// <summary>
/// Where one kind of resource a call acted on is logged: a path of member names from <c>requestParameters</c> or
/// <c>responseElements</c>, <c>[]</c> after a member meaning "each entry of this array" (for example
/// <c>instancesSet.items[].instanceId</c>). String values (and strings in arrays) at the end of the path are targets.
/// </summary>
/// <param name="Kind">The resource kind reported, e.g. <c>User</c>.</param>
/// <param name="Response">Whether the path starts at <c>responseElements</c> rather than <c>requestParameters</c>.</param>
/// <param name="Path">The member path.</param>
internal sealed record TargetRule(string Kind, bool Response, string Path)
{
    private readonly string[] _segments = Path.Split('.');

    /// <summary>Adds every string found at the path under <paramref name="root"/>.</summary>
    public void Collect(JsonElement root, List<CloudTrailTarget> targets)
    {
        string member = (Response ? "responseElements." : "requestParameters.") + Path;
        Walk(root, 0, member, targets);
    }

    private void Walk(JsonElement element, int index, string member, List<CloudTrailTarget> targets)
    {
        if (index == _segments.Length)
        {
            AddValues(element, member, targets);
            return;
        }

        string segment = _segments[index];
        bool each = segment.EndsWith("[]", StringComparison.Ordinal);
        string name = each ? segment[..^2] : segment;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement child))
        {
            return;
        }

        if (!each)
        {
            Walk(child, index + 1, member, targets);
        }
        else if (child.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in child.EnumerateArray())
            {
                Walk(item, index + 1, member, targets);
            }
        }
    }

    private void AddValues(JsonElement element, string member, List<CloudTrailTarget> targets)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            if (element.GetString() is { Length: > 0 } value)
            {
                targets.Add(new CloudTrailTarget(Kind, member, value));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } value)
                {
                    targets.Add(new CloudTrailTarget(Kind, member, value));
                }
            }
        }
    }
}
