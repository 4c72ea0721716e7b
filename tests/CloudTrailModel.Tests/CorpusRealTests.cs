using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>Conformance over real records written by others (corpus/real, table in real/SOURCES.md).</summary>
public sealed class CorpusRealTests
{
    public static IEnumerable<object[]> Files() => Corpus.Rows(Corpus.RealEntries()?.Select(e => e.File));

    [SkippableFact]
    public void SourcesTable_ListsEveryRealFile()
    {
        string dir = Corpus.Require();
        IReadOnlyList<RealEntry> entries = Corpus.RealEntries()!;
        string real = Path.Combine(dir, "real");
        string[] onDisk = Directory.EnumerateFiles(real, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(real, f).Replace('\\', '/'))
            .Where(f => f != "SOURCES.md")
            .ToArray();

        entries.Select(e => e.File).Should().BeEquivalentTo(onDisk);
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void ReadRecords_RealFile_MatchesTheSourcesTable(string file)
    {
        string dir = Corpus.Require();
        RealEntry entry = Corpus.RealEntries()!.Single(e => e.File == file);
        string path = Path.Combine(dir, "real", file);
        var errors = new List<CloudTrailRecordError>();

        List<CloudTrailRecord>? records = null;
        Action read = () => records = CloudTrailReader.ReadRecords(path, Corpus.SkipMode(errors)).ToList();
        read.Should().NotThrow();

        if (Corpus.IsExactCountFormat(entry.Format))
        {
            errors.Should().BeEmpty();
            records.Should().HaveCount(entry.Records!.Value);
        }
        else if (entry.Format.StartsWith("INVALID JSON", StringComparison.Ordinal))
        {
            errors.Should().Contain(e => e.ErrorCode == CloudTrailErrorCode.InvalidJson);
            records!.Count.Should().BeGreaterThan(700, "the reader resynchronises at the next record");
        }
        else
        {
            (records!.Count + errors.Count).Should().BeGreaterThanOrEqualTo(1, "every record slot is either returned or reported");
        }
    }
}
