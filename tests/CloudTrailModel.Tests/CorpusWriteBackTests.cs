using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>Every record of the shared corpus, read and written back, is the JSON it came from (times in their own spelling included).</summary>
public sealed class CorpusWriteBackTests
{
    public static IEnumerable<object[]> RealFiles() =>
        Corpus.Rows(Corpus.RealEntries()?.Where(e => Corpus.IsExactCountFormat(e.Format)).Select(e => e.File));

    public static IEnumerable<object[]> PantherFiles()
    {
        string? dir = Corpus.Directory;
        return Corpus.Rows(dir is null ? null : Directory.EnumerateFiles(Path.Combine(dir, "panther"), "*.jsonl").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(RealFiles))]
    public void RealFile_EveryRecord_WritesBackAsItCame(string file)
    {
        string dir = Corpus.Require();
        RealEntry entry = Corpus.RealEntries()!.Single(e => e.File == file);
        string path = Path.Combine(dir, "real", file);

        ShouldWriteBack(Corpus.InputRecords(path, entry.Format), CloudTrailReader.ReadRecords(path).ToList());
    }

    [SkippableTheory]
    [MemberData(nameof(PantherFiles))]
    public void PantherFile_EveryRecord_WritesBackAsItCame(string file)
    {
        string dir = Corpus.Require();
        string path = Path.Combine(dir, "panther", file);

        ShouldWriteBack(Corpus.InputRecords(path, "JSON lines"), CloudTrailReader.ReadRecords(path).ToList());
    }

    private static void ShouldWriteBack(IReadOnlyList<JsonElement> inputs, List<CloudTrailRecord> records)
    {
        records.Should().HaveCount(inputs.Count);
        for (int i = 0; i < inputs.Count; i++)
        {
            using JsonDocument written = JsonDocument.Parse(JsonSerializer.Serialize(records[i], CloudTrailJsonContext.Default.CloudTrailRecord));
            JsonStructure.FirstDifference(inputs[i], written.RootElement).Should().BeNull($"record {i} writes back as it came");
        }
    }
}
