using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>Conformance over every example the AWS documentation prints (corpus/docs).</summary>
public sealed class CorpusDocsTests
{
    public static IEnumerable<object[]> ValidFiles() =>
        Corpus.Rows(Corpus.DocsFiles()?.Where(f => !f.EndsWith(".invalid.json", StringComparison.Ordinal)));

    public static IEnumerable<object[]> InvalidFiles() =>
        Corpus.Rows(Corpus.DocsFiles()?.Where(f => f.EndsWith(".invalid.json", StringComparison.Ordinal)));

    [SkippableTheory]
    [MemberData(nameof(ValidFiles))]
    public void ReadRecords_DocsExample_ReturnsEveryRecordOrReportsNotCloudTrail(string file)
    {
        string path = Corpus.RequireFile(Path.Combine("docs", file));
        var errors = new List<CloudTrailRecordError>();

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(path, Corpus.SkipMode(errors)).ToList();

        if (file.StartsWith("lookup-events-", StringComparison.Ordinal))
        {
            // LookupEvents output: a record per event (CloudTrailEvent strings, or in the Insights example records as they are).
            using var page = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            errors.Should().BeEmpty();
            records.Should().HaveCount(page.RootElement.GetProperty("Events").GetArrayLength()).And.OnlyContain(r => r.EventTime != null);
        }
        else if (Corpus.IsCloudTrailLogFile(path, out int expectedCount))
        {
            errors.Should().BeEmpty();
            records.Should().HaveCount(expectedCount);
        }
        else
        {
            records.Should().BeEmpty();
            errors.Should().ContainSingle().Which.Should().Match<CloudTrailRecordError>(e => e.ErrorCode == CloudTrailErrorCode.NotCloudTrail && e.RecordIndex == 0);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidFiles))]
    public void ReadRecords_InvalidDocsExample_ReportsAnErrorAtTheFirstRecord(string file)
    {
        string path = Corpus.RequireFile(Path.Combine("docs", file));
        var errors = new List<CloudTrailRecordError>();

        _ = CloudTrailReader.ReadRecords(path, Corpus.SkipMode(errors)).ToList();

        errors.Should().NotBeEmpty();
        if (file == "record-cloudtrail-startlogging-v1.05.invalid.json")
        {
            // Not a fragment: a complete record followed by ",\n    ... additional entries ...". The record is good
            // and is returned; the elision placeholder is the second slot.
            errors[0].RecordIndex.Should().Be(1);
        }
        else
        {
            errors[0].RecordIndex.Should().Be(0);
        }
    }

    [SkippableFact]
    public void ReadRecords_MigrationHubInvalidExample_ReportsInvalidJsonOnTheTypeLine()
    {
        string path = Corpus.RequireFile(Path.Combine("docs", "migrationhub-orchestrator-getworkflowstep-v1.08.invalid.json"));
        var errors = new List<CloudTrailRecordError>();

        _ = CloudTrailReader.ReadRecords(path, Corpus.SkipMode(errors)).ToList();

        errors.Should().NotBeEmpty();
        errors[0].ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        errors[0].RecordIndex.Should().Be(0);
        errors[0].LineInRecord.Should().Be(3, "line index 3 (0-based) is `type\": \"AssumedRole\"`");
    }

    [SkippableFact]
    public void ReadRecords_MigrationHubInvalidExampleInThrowMode_ThrowsWithPosition()
    {
        string path = Corpus.RequireFile(Path.Combine("docs", "migrationhub-orchestrator-getworkflowstep-v1.08.invalid.json"));

        Action act = () => _ = CloudTrailReader.ReadRecords(path).ToList();

        CloudTrailParseException ex = act.Should().Throw<CloudTrailParseException>().Which;
        ex.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        ex.RecordIndex.Should().Be(0);
        ex.Error.LineInRecord.Should().Be(3);
        ex.LineNumber.Should().Be(3);
    }
}
