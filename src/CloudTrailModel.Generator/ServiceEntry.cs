using System.Text.Json;

namespace CloudTrailModel.Generator;

/// <summary>One service of the manifest (<c>services/services.json</c>): its model, rule file, names and output folder, paths from the repository root.</summary>
/// <param name="Service">The .NET service name (namespace segment).</param>
/// <param name="EventSource">The CloudTrail <c>eventSource</c>.</param>
/// <param name="Model">The model file.</param>
/// <param name="Rules">The rule file, or null.</param>
/// <param name="Output">The folder of the generated files.</param>
public sealed record ServiceEntry(string Service, string EventSource, string Model, string? Rules, string Output)
{
    /// <summary>Reads the manifest: <c>{"services": [{"service", "eventSource", "model", "rules", "output"}, ...]}</c>.</summary>
    public static IReadOnlyList<ServiceEntry> ReadManifest(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("services").EnumerateArray()
            .Select(e => new ServiceEntry(
                e.GetProperty("service").GetString()!,
                e.GetProperty("eventSource").GetString()!,
                e.GetProperty("model").GetString()!,
                e.TryGetProperty("rules", out JsonElement r) ? r.GetString() : null,
                e.GetProperty("output").GetString()!))
            .ToList();
    }

    /// <summary>Generates this service's files, reading its model and rules under <paramref name="root"/>.</summary>
    public IReadOnlyDictionary<string, string> Generate(string root) =>
        ServiceGenerator.Generate(
            File.ReadAllText(Path.Combine(root, Model)),
            Rules is null ? null : File.ReadAllText(Path.Combine(root, Rules)),
            new GeneratorOptions(EventSource, Service));
}
