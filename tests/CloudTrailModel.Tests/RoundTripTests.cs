using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>Writing a parsed record back with <see cref="CloudTrailJsonContext"/> gives the JSON it came from.</summary>
public sealed class RoundTripTests
{
    public static IEnumerable<object[]> Files()
    {
        IEnumerable<string>? docs = Corpus.DocsFiles()?
            .Where(f => !f.EndsWith(".invalid.json", StringComparison.Ordinal))
            .Where(f => Corpus.IsCloudTrailLogFile(Path.Combine(Corpus.Directory!, "docs", f), out _))
            .Select(f => "docs/" + f);
        IEnumerable<string>? real = Corpus.RealEntries()?
            .Where(e => Corpus.IsExactCountFormat(e.Format))
            .Select(e => "real/" + e.File);
        return Corpus.Rows(docs is null || real is null ? null : docs.Concat(real));
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Serialize_EveryCorpusRecord_IsStructurallyEqualToItsInput(string file)
    {
        string dir = Corpus.Require();
        string path = Path.Combine(dir, file);
        string format = file.StartsWith("docs/", StringComparison.Ordinal)
            ? "Records array"
            : Corpus.RealEntries()!.Single(e => "real/" + e.File == file).Format;

        IReadOnlyList<JsonElement> inputs = Corpus.InputRecords(path, format);
        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(path).ToList();

        records.Should().HaveCount(inputs.Count);
        for (int i = 0; i < records.Count; i++)
        {
            string written = JsonSerializer.Serialize(records[i], CloudTrailJsonContext.Default.CloudTrailRecord);
            using JsonDocument output = JsonDocument.Parse(written);
            string? difference = JsonStructure.FirstDifference(inputs[i], output.RootElement);
            difference.Should().BeNull($"record {i} of {file} should round-trip");
        }
    }
}
