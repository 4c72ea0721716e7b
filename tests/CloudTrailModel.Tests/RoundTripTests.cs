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
    [InlineData("""{"eventName":"E","eventTime":"2024-03-01T12:00:00Z","eventTime":null}""", """{"eventName":"E","eventTime":null}""")]
    [InlineData("""{"eventName":"E","eventTime":[],"eventTime":null}""", """{"eventName":"E","eventTime":null}""")]
    [InlineData("""{"eventName":"E","eventTime":null,"eventTime":"2024-03-01T12:00:00Z"}""", """{"eventTime":"2024-03-01T12:00:00Z","eventName":"E"}""")]
    [InlineData("""{"eventName":"E","responseElements":{"a":1},"responseElements":null}""", """{"eventName":"E","responseElements":null}""")]
    [InlineData("""{"eventName":"E","responseElements":null,"responseElements":{"a":1}}""", """{"eventName":"E","responseElements":{"a":1}}""")]
    public void RepeatedNestedOrNullMember_TheLastCounts(string json, string expected)
    {
        Fixtures.Json(Fixtures.ReadOne(json)).Should().Be(expected);
        Fixtures.Json(CloudTrailRecord.Parse(json)).Should().Be(expected);
    }

    // CloudTrail writes "responseElements": null for most calls that return nothing; a member of any kind may come as
    // null. Each reads as null, as an absent member does, and is written back as null, at every level.
    [Theory]
    [InlineData("requestParameters")]
    [InlineData("responseElements")]
    [InlineData("additionalEventData")]
    [InlineData("serviceEventDetails")]
    [InlineData("errorCode")]
    [InlineData("errorMessage")]
    [InlineData("eventID")]
    [InlineData("eventVersion")]
    [InlineData("eventTime")]
    [InlineData("readOnly")]
    [InlineData("eventType")]
    [InlineData("resources")]
    [InlineData("userIdentity")]
    [InlineData("tlsDetails")]
    [InlineData("apiVersion")]
    [InlineData("addendum")]
    [InlineData("sessionCredentialFromConsole")]
    public void NullMember_ReadsAsNull_AndIsWrittenBack(string name)
    {
        string json = $$"""{"eventName":"E","{{name}}":null,"awsRegion":"us-east-1"}""";
        System.Reflection.PropertyInfo property = typeof(CloudTrailRecord).GetProperties()
            .Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        foreach (CloudTrailRecord record in new[] { Fixtures.ReadOne(json), CloudTrailRecord.Parse(json) })
        {
            property.GetValue(record).Should().BeNull($"{name}: null reads as null");
            JsonElement written = JsonDocument.Parse(Fixtures.Json(record)).RootElement;
            written.TryGetProperty(name, out JsonElement value).Should().BeTrue($"{name}: null is written back");
            value.ValueKind.Should().Be(JsonValueKind.Null);
            written.EnumerateObject().Count(p => p.Name == name).Should().Be(1, "the member is written once");
            CloudTrailRecord.Parse(Fixtures.Json(record)).Should().Be(record, "reading what was written gives an equal record");
        }
    }

    [Theory]
    [InlineData("""{"userIdentity":{"type":"IAMUser","arn":null,"sessionContext":null}}""")]
    [InlineData("""{"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":null,"attributes":{"mfaAuthenticated":null,"creationDate":null}}}}""")]
    [InlineData("""{"eventName":"E","resources":[{"ARN":null,"accountId":"123456789012","type":null}]}""")]
    [InlineData("""{"eventName":"E","tlsDetails":{"tlsVersion":"TLSv1.3","clientProvidedHostHeader":null}}""")]
    [InlineData("""{"eventName":"E","eventContext":{"requestContext":null,"tagContext":{"a":1}}}""")]
    [InlineData("""{"eventName":"E","edgeDeviceDetails":{"attributes":null}}""")]
    public void NullNestedMember_IsWrittenBack(string json)
    {
        using JsonDocument input = JsonDocument.Parse(json);
        foreach (CloudTrailRecord record in new[] { Fixtures.ReadOne(json), CloudTrailRecord.Parse(json) })
        {
            using JsonDocument output = JsonDocument.Parse(Fixtures.Json(record));
            JsonStructure.FirstDifference(input.RootElement, output.RootElement).Should().BeNull();
        }
    }

    [Fact]
    public void NullRawMember_IsNotAnAbsentOne_UntilSetInCode()
    {
        CloudTrailRecord withNull = CloudTrailRecord.Parse("""{"eventName":"E","responseElements":null}""");
        CloudTrailRecord absent = CloudTrailRecord.Parse("""{"eventName":"E"}""");

        withNull.ResponseElements.Should().BeNull();
        withNull.Should().NotBe(absent, "they are written differently");
        withNull.GetHashCode().Should().NotBe(absent.GetHashCode());

        CloudTrailRecord cleared = withNull with { ResponseElements = null };
        Fixtures.Json(cleared).Should().Be("""{"eventName":"E"}""", "a value set in code replaces the null read");
        CloudTrailRecord set = withNull with { ResponseElements = new RawJson("""{"a":1}""") };
        Fixtures.Json(set).Should().Be("""{"eventName":"E","responseElements":{"a":1}}""");
        Fixtures.Json(withNull).Should().Be("""{"eventName":"E","responseElements":null}""", "the record itself is unchanged");
    }
}
