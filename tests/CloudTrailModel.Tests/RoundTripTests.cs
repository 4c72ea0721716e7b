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

    [Theory]
    [InlineData("eventTime", "\"2024-03-01T12:00:00Z\"", "\"not a time\"")]
    [InlineData("eventVersion", "\"1.09\"", "\"one\"")]
    [InlineData("eventSource", "\"s3.amazonaws.com\"", "{\"a\":1}")]
    [InlineData("errorMessage", "\"Denied\"", "[1]")]
    [InlineData("eventID", "\"617cea70-dcfb-423d-98cf-85a693fa1723\"", "7")]
    [InlineData("readOnly", "true", "\"yes\"")]
    [InlineData("eventType", "\"AwsApiCall\"", "1")]
    [InlineData("userIdentity", "{\"type\":\"Root\"}", "\"root\"")]
    [InlineData("resources", "[{\"ARN\":\"arn:aws:s3:::b\"}]", "\"b\"")]
    [InlineData("tlsDetails", "{\"tlsVersion\":\"TLSv1.3\"}", "false")]
    public void RepeatedMember_OfTwoTypes_TheLastCounts_AndWritesBackOnce(string name, string typed, string wrongType)
    {
        // A member repeated with values of different types: the last one is the member's value, whether it fits the
        // typed property or is kept in AdditionalFields, and the record writes back with the member once.
        foreach ((string first, string last) in new[] { (wrongType, typed), (typed, wrongType) })
        {
            string json = $$"""{"eventName":"E","{{name}}":{{first}},"{{name}}":{{last}}}""";
            string expected = $$"""{"eventName":"E","{{name}}":{{last}}}""";

            CloudTrailRecord record = Fixtures.ReadOne(json);
            string written = Fixtures.Json(record);

            CloudTrailRecord.Parse(expected).Should().Match<CloudTrailRecord>(r => Fixtures.Json(r) == written, "the last member counts");
            written.Split($"\"{name}\":").Length.Should().Be(2, "the member is written once");
            Fixtures.Json(CloudTrailRecord.Parse(written)).Should().Be(written);
            Fixtures.Json(CloudTrailRecord.Parse(json)).Should().Be(written);
        }
    }

    [Theory]
    [InlineData("""{"userIdentity":{"accessKeyId":7,"accessKeyId":"ASIAEXAMPLE"}}""", """{"userIdentity":{"accessKeyId":"ASIAEXAMPLE"}}""")]
    [InlineData("""{"userIdentity":{"sessionContext":{"attributes":{"creationDate":"2024-03-01T10:00:00Z","creationDate":"later"}}}}""", """{"userIdentity":{"sessionContext":{"attributes":{"creationDate":"later"}}}}""")]
    [InlineData("""{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":{},"mfaAuthenticated":"true"}}}}""", """{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"true"}}}}""")]
    [InlineData("""{"eventName":"E","eventTime":"2024-03-01T12:00:00Z","eventTime":null}""", """{"eventName":"E"}""")]
    [InlineData("""{"eventName":"E","eventTime":[],"eventTime":null}""", """{"eventName":"E"}""")]
    public void RepeatedNestedOrNullMember_TheLastCounts(string json, string expected)
    {
        Fixtures.Json(Fixtures.ReadOne(json)).Should().Be(expected);
        Fixtures.Json(CloudTrailRecord.Parse(json)).Should().Be(expected);
    }
}
