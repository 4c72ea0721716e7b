using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary><see cref="CloudTrailReaderOptions.Filter"/> must give exactly the records the plain path gives, filtered.</summary>
public sealed class FilterTests
{
    private static readonly string[] Sources = ["s3.amazonaws.com", "ec2.amazonaws.com", "migrationhub-orchestrator.amazonaws.com", "iam.amazonaws.com"];

    private static string MixedRecord(int i)
    {
        string account = i % 3 == 0 ? "111122223333" : "444455556666";
        string time = $"2024-03-{1 + (i % 28):00}T{i % 24:00}:00:00Z";
        string name = i % 2 == 0 ? "GetObject" : "ListWorkflows";
        string region = i % 5 == 0 ? "eu-west-1" : "us-east-1";
        string recipient = i % 7 == 0 ? "999988887777" : "111122223333";
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"accountId\":\"" + account
            + "\",\"sessionContext\":{\"attributes\":{\"mfaAuthenticated\":\"false\"}}},\"eventTime\":\"" + time
            + "\",\"eventSource\":\"" + Sources[i % Sources.Length] + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"" + region
            + "\",\"requestParameters\":{\"nested\":{\"a\":[1,2,{\"b\":\"}\"}]}},\"eventID\":\"id-" + i
            + "\",\"recipientAccountId\":\"" + recipient + "\"}";
    }

    private static byte[] MixedLog(int count) => Fixtures.Utf8(Fixtures.LogFile(Enumerable.Range(0, count).Select(MixedRecord).ToArray()));

    public static TheoryData<string> Predicates() => ["source", "name", "time", "region", "recipient", "user-account", "all", "none"];

    private static Func<CloudTrailRecordHeader, bool> Header(string predicate) => predicate switch
    {
        "source" => h => h.EventSource == "migrationhub-orchestrator.amazonaws.com",
        "name" => h => h.EventName == "GetObject",
        "time" => h => h.EventTime >= new DateTimeOffset(2024, 3, 10, 0, 0, 0, TimeSpan.Zero) && h.EventTime < new DateTimeOffset(2024, 3, 20, 0, 0, 0, TimeSpan.Zero),
        "region" => h => h.AwsRegion == "eu-west-1",
        "recipient" => h => h.RecipientAccountId == "999988887777",
        "user-account" => h => h.UserAccountId == "111122223333",
        "all" => _ => true,
        _ => _ => false,
    };

    private static Func<CloudTrailRecord, bool> Full(string predicate) => predicate switch
    {
        "source" => r => r.EventSource == "migrationhub-orchestrator.amazonaws.com",
        "name" => r => r.EventName == "GetObject",
        "time" => r => r.EventTime >= new DateTimeOffset(2024, 3, 10, 0, 0, 0, TimeSpan.Zero) && r.EventTime < new DateTimeOffset(2024, 3, 20, 0, 0, 0, TimeSpan.Zero),
        "region" => r => r.AwsRegion == "eu-west-1",
        "recipient" => r => r.RecipientAccountId == "999988887777",
        "user-account" => r => r.UserIdentity?.AccountId == "111122223333",
        "all" => _ => true,
        _ => _ => false,
    };

    [Theory]
    [MemberData(nameof(Predicates))]
    public void ReadRecords_WithFilter_ReturnsExactlyThePlainRecordsThatMatch(string predicate)
    {
        byte[] log = MixedLog(500);
        List<string> expected = CloudTrailReader.ReadRecords(new MemoryStream(log)).Where(Full(predicate)).Select(Json).ToList();

        List<string> filtered = CloudTrailReader.ReadRecords(new MemoryStream(log), new CloudTrailReaderOptions { Filter = Header(predicate) }).Select(Json).ToList();

        filtered.Should().Equal(expected);
    }

    [Fact]
    public void ReadRecords_WithFilterOnGzipJsonLines_ReturnsTheSameRecordsAsThePlainPath()
    {
        byte[] lines = Fixtures.Utf8(string.Join("\r\n", Enumerable.Range(0, 300).Select(MixedRecord)) + "\n");
        byte[] gz = Fixtures.Gzip(lines);
        Func<CloudTrailRecordHeader, bool> filter = h => h.EventSource == "ec2.amazonaws.com";

        List<string> expected = CloudTrailReader.ReadRecords(new MemoryStream(lines)).Where(r => r.EventSource == "ec2.amazonaws.com").Select(Json).ToList();
        List<string> filtered = CloudTrailReader.ReadRecords(new MemoryStream(gz), new CloudTrailReaderOptions { Filter = filter }).Select(Json).ToList();

        filtered.Should().NotBeEmpty().And.Equal(expected);
    }

    [Fact]
    public void ReadRecords_WithFilter_StillReportsMalformedRecordsAtTheirIndex()
    {
        string bad = """{"eventVersion":"1.08","eventSource":"ec2.amazonaws.com","userIdentity":{ type": "AssumedRole"},"eventName":"X"}""";
        string log = Fixtures.LogFile(MixedRecord(0), bad, MixedRecord(2), MixedRecord(3));

        var (records, errors) = Fixtures.ReadSkip(log, new CloudTrailReaderOptions { Filter = h => h.EventSource == "s3.amazonaws.com" });

        records.Select(r => r.EventId).Should().Equal("id-0");
        errors.Should().ContainSingle().Which.Should().Match<CloudTrailRecordError>(e => e.RecordIndex == 1 && e.ErrorCode == CloudTrailErrorCode.InvalidJson);
    }

    [Fact]
    public void ReadRecords_WithFilter_KeepsRecordIndexesOfAnUnfilteredRead()
    {
        string log = Fixtures.LogFile(MixedRecord(0), MixedRecord(1), "42", MixedRecord(3));

        var (_, errors) = Fixtures.ReadSkip(log, new CloudTrailReaderOptions { Filter = _ => false });

        errors.Should().ContainSingle().Which.RecordIndex.Should().Be(2);
    }

    [Fact]
    public void ReadRecords_WithFilter_SeesHeaderFieldsOfLargeRecordsAcrossBufferRefills()
    {
        string padding = new('x', 300_000);
        string big = $$"""{"eventSource":"big.amazonaws.com","requestParameters":{"p":"{{padding}}"},"eventName":"Big","awsRegion":"us-west-2"}""";
        string log = Fixtures.LogFile(MixedRecord(0), big, MixedRecord(1));
        var seen = new List<CloudTrailRecordHeader>();

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(new MemoryStream(Fixtures.Utf8(log)), new CloudTrailReaderOptions
        {
            Filter = h =>
            {
                seen.Add(h);
                return h.EventName == "Big";
            },
        }).ToList();

        records.Should().ContainSingle().Which.AwsRegion.Should().Be("us-west-2");
        seen.Select(h => h.EventSource).Should().Contain("big.amazonaws.com");
    }

    [Fact]
    public void ReadRecords_WithFilter_AppliesItToRecordsTheQuickScanLeavesToTheFullParse()
    {
        // An escaped member name is left to the full parse by the quick scan; the filter must still decide (found while
        // adding a filtered read to the fuzz target: such records used to be returned whatever the filter said).
        string escaped = MixedRecord(1).Replace("\"eventName\"", "\"event\\u004Eame\"").Replace("\"awsRegion\"", "\"aws\\u0052egion\"");
        string log = Fixtures.LogFile(MixedRecord(0), escaped, MixedRecord(2));
        var seen = new List<CloudTrailRecordHeader>();

        var (plain, _) = Fixtures.ReadSkip(log);
        var (kept, errors) = Fixtures.ReadSkip(log, new CloudTrailReaderOptions
        {
            Filter = h =>
            {
                seen.Add(h);
                return h.EventName == "GetObject";
            },
        });

        plain.Select(r => r.EventName).Should().Equal("GetObject", "ListWorkflows", "GetObject");
        errors.Should().BeEmpty();
        kept.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        seen.Should().HaveCount(3);
        seen[1].Should().Be(new CloudTrailRecordHeader
        {
            EventSource = plain[1].EventSource,
            EventName = "ListWorkflows",
            EventTime = plain[1].EventTime,
            AwsRegion = "us-east-1",
            RecipientAccountId = "111122223333",
            UserAccountId = "444455556666",
        });
    }

    // Found by the fuzz target's filtered-read check. "raw": invalid UTF-8 inside a free-form value; the quick scan did
    // not check UTF-8, so a filter that rejected the record dropped it unreported. "escaped": an escaped header value
    // that is not valid UTF-8 once unescaped; the reader's InvalidOperationException escaped the read.
    [Theory]
    [InlineData("raw", true)]
    [InlineData("raw", false)]
    [InlineData("escaped", true)]
    [InlineData("escaped", false)]
    public void ReadRecords_WithFilter_RecordNotValidUtf8_IsReportedWhateverTheFilterSays(string where, bool keep)
    {
        byte[] bad = where == "raw"
            ? [.. Fixtures.Utf8("{\"eventVersion\":\"1.08\",\"eventName\":\"Bad\",\"requestParameters\":{\"k\":\"a"), 0xB6, 0xFF, .. Fixtures.Utf8("\"}}")]
            : [.. Fixtures.Utf8("{\"eventVersion\":\"1.08\",\"eventName\":\"B\\u0041d"), 0x86, .. Fixtures.Utf8("\"}")];
        byte[] log = [.. Fixtures.Utf8("{\"Records\":[" + MixedRecord(0) + ","), .. bad, .. Fixtures.Utf8("," + MixedRecord(2) + "]}")];

        var (_, plainErrors) = Fixtures.ReadSkip(log);
        var (records, errors) = Fixtures.ReadSkip(log, new CloudTrailReaderOptions { Filter = _ => keep });

        plainErrors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        errors.Should().BeEquivalentTo(plainErrors);
        records.Select(r => r.EventId).Should().Equal(keep ? ["id-0", "id-2"] : []);
    }

    [Fact]
    public void ReadRecords_WithFilter_HeaderMemberHoldingAnObject_IsSkippedWhole()
    {
        // Found by the fuzz target's filtered-read check: an eventTime that was an object was not skipped, so the quick
        // scan took its members for the record's own (here eventName) and ended the record at the object's end.
        string odd = """{"eventVersion":"1.08","eventTime":{"eventName":"Hidden","x":[1]},"eventName":"Shown","eventID":"odd"}""";
        string log = Fixtures.LogFile(MixedRecord(0), odd, MixedRecord(2));
        var seen = new List<string?>();

        var (plain, plainErrors) = Fixtures.ReadSkip(log);
        var (records, errors) = Fixtures.ReadSkip(log, new CloudTrailReaderOptions
        {
            Filter = h =>
            {
                seen.Add(h.EventName);
                return h.EventName != "GetObject";
            },
        });

        plainErrors.Should().BeEmpty();
        plain[1].EventName.Should().Be("Shown");
        errors.Should().BeEmpty();
        seen.Should().Equal("GetObject", "Shown", "GetObject");
        records.Select(r => r.EventId).Should().Equal("odd");
    }

    [Fact]
    public void ReadRecords_WithFilter_SeesTheHeaderTheFullParseReads()
    {
        // Repeated members (the last counts), an escaped time, an identity that is not an object: the filter's header is
        // the parsed record's.
        string[] records =
        [
            """{"eventVersion":"1.08","eventTime":"2024-03-01T00:00:00Z","eventTime":"not a time","eventName":"A","eventID":"a"}""",
            """{"eventVersion":"1.08","eventTime":"2024-03-01T00:00:00\u005A","eventName":"B","eventID":"b"}""",
            """{"eventVersion":"1.08","userIdentity":{"accountId":"111122223333"},"userIdentity":{"type":"Root"},"eventName":"C","eventID":"c"}""",
            """{"eventVersion":"1.08","userIdentity":{"accountId":"111122223333"},"userIdentity":"gone","eventName":"D","eventID":"d"}""",
            """{"eventVersion":"1.08","eventName":"E","eventName":null,"awsRegion":"eu-west-1","awsRegion":7,"eventID":"e"}""",
        ];
        var seen = new List<CloudTrailRecordHeader>();

        var (plain, plainErrors) = Fixtures.ReadSkip(Fixtures.LogFile(records));
        Fixtures.ReadSkip(Fixtures.LogFile(records), new CloudTrailReaderOptions
        {
            Filter = h =>
            {
                seen.Add(h);
                return false;
            },
        });

        plainErrors.Should().BeEmpty();
        seen.Should().Equal(plain.Select(CloudTrailRecordHeader.Of));
        seen.Select(h => h.EventTime).Should().Equal(null, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), null, null, null);
        seen.Select(h => h.UserAccountId).Should().AllBeEquivalentTo((string?)null);
        seen[4].Should().Match<CloudTrailRecordHeader>(h => h.EventName == null && h.AwsRegion == null);
    }

    [Fact]
    public void ReadRecords_WithFilter_LoneSurrogateEscapes_GiveThePlainReadsErrorsAndRecords()
    {
        // A lone surrogate escaped in a typed string makes the record unreadable (reported); in a free-form value it is
        // kept. The quick scan does not unescape what it skips, so it leaves both to the full parse.
        string log = Fixtures.LogFile(
            """{"eventVersion":"1.08","eventName":"Odd","errorMessage":"x\uD800y","eventID":"a"}""",
            """{"eventVersion":"1.08","eventName":"Odd","userIdentity":{"type":"IAMUser","sessionContext":{"sessionIssuer":{"userName":"q\udc00"}}},"eventID":"b"}""",
            """{"eventVersion":"1.08","eventName":"Even","requestParameters":{"k":"\uD800"},"eventID":"c"}""",
            """{"eventVersion":"1.08","eventName":"Odd","requestParameters":{"k":"\uD83D\uDE00"},"eventID":"d"}""");

        var (plain, plainErrors) = Fixtures.ReadSkip(log);
        var (records, errors) = Fixtures.ReadSkip(log, new CloudTrailReaderOptions { Filter = h => h.EventName == "Even" });

        plain.Select(r => r.EventId).Should().Equal("c", "d");
        plainErrors.Select(e => e.RecordIndex).Should().Equal(0, 1);
        errors.Should().BeEquivalentTo(plainErrors);
        records.Select(r => r.EventId).Should().Equal("c");
    }

    private static string Json(CloudTrailRecord record) => JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
}
