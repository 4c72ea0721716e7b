using System.Text;
using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;

namespace CloudTrailModel.Tests;

/// <summary>
/// Broken and hostile input: every byte sequence has a defined outcome, nothing escapes but the documented
/// exception, and every record slot is either returned or reported.
/// </summary>
public sealed class HostileInputTests
{
    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    // Found by the AFL++ run: invalid UTF-8 inside requestParameters was kept as raw bytes, and writing the record
    // back produced JSON that could not be turned into a string.
    [Fact]
    public void ReadRecords_InvalidUtf8InRawSubtree_ReportsInvalidJsonAndKeepsNeighbours()
    {
        byte[] bad = Concat(Utf8("""{"eventVersion":"1.08","eventName":"Bad","requestParameters":{"k":"a"""), [0xB6, 0xFF], Utf8("\"}}"));
        byte[] log = Concat(Utf8("{\"Records\":[" + Record(0) + ","), bad, Utf8("," + Record(2) + "]}"));

        var (records, errors) = ReadSkip(log);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        errors.Should().ContainSingle().Which.Should().Match<CloudTrailRecordError>(e =>
            e.ErrorCode == CloudTrailErrorCode.InvalidJson && e.RecordIndex == 1 && e.BytePosition == "{\"Records\":[".Length + Record(0).Length + 1);
        foreach (CloudTrailRecord record in records)
        {
            Action write = () => _ = JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
            write.Should().NotThrow();
        }
    }

    // Found by the AFL++ run: members kept whole (unknown, or of the wrong type) were written back through
    // JsonElement.WriteTo, which unescapes their strings and throws on an escaped lone surrogate the reader accepted.
    [Fact]
    public void WriteRecord_KeptMembersWithEscapedLoneSurrogates_WrittenBackAsRead()
    {
        CloudTrailRecord record = ReadOne("""
            {"eventVersion":"1.08","eventID":"x","unknownThing":{"k":"a\udB3e b"},"userIdentity":{"type":"IAMUser","other":["\uDC00"]},"eventTime":7}
            """);

        string json = Json(record);

        json.Should().Contain("""
            "unknownThing":{"k":"a\udB3e b"}
            """).And.Contain("""
            "other":["\uDC00"]
            """).And.Contain("""
            "eventTime":7
            """);
        Action parse = () => JsonDocument.Parse(json).Dispose();
        parse.Should().NotThrow();
    }

    // Found by the AFL++ run: comparing a member name that escapes a lone surrogate (Utf8JsonReader.ValueTextEquals)
    // throws InvalidOperationException, which escaped the read where the framer looks at an object's first members.
    [Theory]
    [InlineData("""{"\udB3ex":1}""", null)]
    [InlineData("""{"Records":[{"eventVersion":"1.0",tru},{"\udB3ex":1,"eventName":"A"},{"eventVersion":"1.08","eventID":"ok"}]}""", "ok")]
    public void ReadRecords_MemberNameEscapingALoneSurrogate_ReportedNotThrown(string input, string? survivor)
    {
        var (records, errors) = ReadSkip(input);

        errors.Should().NotBeEmpty();
        records.Select(r => r.EventId).Should().Equal(survivor is null ? [] : [survivor]);
    }

    [Fact]
    public void ReadRecords_InvalidUtf8InTypedString_ReportsInvalidJson()
    {
        byte[] bad = Concat(Utf8("""{"eventVersion":"1.08","eventID":"x"""), [0xC3, 0x28], Utf8("\"}"));
        byte[] lines = Concat(Utf8(Record(0) + "\n"), bad, Utf8("\n" + Record(2) + "\n"));

        var (records, errors) = ReadSkip(lines);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        errors.Should().ContainSingle().Which.Should().Match<CloudTrailRecordError>(e => e.ErrorCode == CloudTrailErrorCode.InvalidJson && e.RecordIndex == 1);
    }

    [Fact]
    public void ReadRecords_RawNulAndControlCharactersInStrings_AreInvalidJson()
    {
        string withNul = "{\"eventVersion\":\"1.08\",\"eventName\":\"a\u0000b\"}";
        string withTab = "{\"eventVersion\":\"1.08\",\"userAgent\":\"a\u0001b\"}";

        var (records, errors) = ReadSkip(string.Join("\n", Record(0), withNul, withTab, Record(3)));

        records.Select(r => r.EventId).Should().Equal("id-0", "id-3");
        errors.Select(e => (e.RecordIndex, e.ErrorCode)).Should().Equal((1L, CloudTrailErrorCode.InvalidJson), (2L, CloudTrailErrorCode.InvalidJson));
    }

    [Fact]
    public void ReadRecords_EscapedNulAndControlCharacters_AreKeptAndWrittenBack()
    {
        string json = """{"eventVersion":"1.08","eventName":"a\u0000b","requestParameters":{"p":"\u0001\n"}}""";

        CloudTrailRecord record = CloudTrailRecord.Parse(json);

        record.EventName.Should().Be("a\0b");
        using JsonDocument input = JsonDocument.Parse(json);
        using JsonDocument output = JsonDocument.Parse(JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord));
        JsonStructure.FirstDifference(input.RootElement, output.RootElement).Should().BeNull();
    }

    [Fact]
    public void ReadRecords_ByteOrderMarkOnlyAtTheStart_IsSkippedElsewhereReported()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        byte[] input = Concat(bom, Utf8(Record(0) + "\n"), bom, Utf8(Record(1) + "\n" + Record(2) + "\n"));

        var (records, errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.TrailingData);
    }

    [Fact]
    public void Parse_DuplicateKeys_LastOccurrenceWins()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventName":"First","x":1,"eventName":"Second","x":2,"userIdentity":{"type":"Root","type":"IAMUser"}}""");

        record.EventName.Should().Be("Second");
        record.AdditionalFields["x"].GetInt32().Should().Be(2);
        record.UserIdentity!.Type.Should().Be(IdentityType.IAMUser);
    }

    [Fact]
    public void ReadRecords_DataAfterTheGzipMember_IsReported()
    {
        byte[] gz = Gzip(Utf8(LogFile(3)));
        byte[] input = Concat(gz, Utf8("trailing bytes that are not gzip"));

        var (records, errors) = ReadSkip(input);

        records.Should().HaveCount(3);
        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidCompressedData);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadRecords_GzipWithABadChecksum_ReportsItWhenTheReaderIsBehind(bool allowParallelParsing)
    {
        byte[] gz = Gzip(Utf8(LogFile(20000)));
        gz[^8] ^= 0x01;
        var ids = new List<string?>();
        var errors = new List<CloudTrailRecordError>();

        // A reader that pauses near the end, so the decompressing thread meets the bad checksum with chunks still queued
        // (whether every one is queued then depends on timing: ReadAheadStreamTests pins that case down).
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(gz), CloudTrailReaderOptions.Default with
        {
            AllowParallelParsing = allowParallelParsing,
            InvalidRecordHandling = InvalidRecordHandling.Skip,
            OnInvalidRecord = errors.Add,
        }))
        {
            ids.Add(record.EventId);
            if (ids.Count == 16500)
            {
                Thread.Sleep(500);
            }
        }

        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidCompressedData);

        // All but what the decompressor's last read held (it fails on the checksum, after its data), in order.
        ids.Should().HaveCountGreaterThan(19000).And.Equal(Enumerable.Range(0, ids.Count).Select(i => $"id-{i}"));
    }

    [Fact]
    public void ReadRecords_GzipCorruptAfterSeveralChunks_ReportsItAndLeavesLaterReadsIntact()
    {
        byte[] log = Utf8(LogFile(6000));
        byte[] gz = Gzip(log);
        byte[] corrupt = (byte[])gz.Clone();
        for (int i = gz.Length * 3 / 4; i < gz.Length * 3 / 4 + 64; i++)
        {
            corrupt[i] ^= 0x5A;
        }

        var (records, errors) = ReadSkip(corrupt);

        errors.Should().NotBeEmpty();
        errors[^1].ErrorCode.Should().BeOneOf(CloudTrailErrorCode.InvalidCompressedData, CloudTrailErrorCode.InvalidJson);
        records.Select(r => r.EventId).Should().Equal(Enumerable.Range(0, records.Count).Select(i => $"id-{i}"));

        // Buffers go back to the shared pool exactly once: reads after the failure see exactly their own data.
        string expected = string.Join("\n", CloudTrailReader.ReadRecords(new MemoryStream(log)).Select(Json));
        for (int i = 0; i < 4; i++)
        {
            string again = string.Join("\n", CloudTrailReader.ReadRecords(new MemoryStream(gz)).Select(Json));
            again.Should().Be(expected);
        }
    }

    [Fact]
    public void ReadRecords_ConcatenatedGzipMembers_AreOneInput()
    {
        byte[] input = Concat(Gzip(Utf8(Record(0) + "\n")), Gzip(Utf8(Record(1) + "\n")));

        var (records, errors) = ReadSkip(input);

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal("id-0", "id-1");
    }

    [Fact]
    public void ReadRecords_RandomBytes_AreReportedNotThrown()
    {
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            byte[] noise = new byte[random.Next(1, 2000)];
            random.NextBytes(noise);

            var (records, errors) = ReadSkip(noise);

            (records.Count + errors.Count).Should().BeGreaterThan(0, $"noise {i} must be reported");
        }
    }

    [Fact]
    public void ReadRecords_SkipMode_AccountsForEveryRecordSlotExactlyOnce()
    {
        string oversized = "{\"eventVersion\":\"1.08\",\"eventName\":\"Big\",\"requestParameters\":{\"p\":\"" + new string('x', 3000) + "\"}}";
        string malformed = """{"eventVersion":"1.08","userIdentity":{ type": "AssumedRole"},"eventName":"Bad"}""";
        string[] slots = [Record(0), malformed, Record(2), "42", Record(4), oversized, Record(6), "[1,2]", Record(8), "null", Record(10)];
        var options = new CloudTrailReaderOptions { MaxRecordBytes = 2048 };

        var (records, errors) = ReadSkip("{\"Records\":[" + string.Join(",", slots) + "]}", options);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2", "id-4", "id-6", "id-8", "id-10");
        errors.Select(e => e.RecordIndex).Should().Equal(1, 3, 5, 7, 9);
        errors.Select(e => e.ErrorCode).Should().Equal(
            CloudTrailErrorCode.InvalidJson, CloudTrailErrorCode.NotAnObject, CloudTrailErrorCode.RecordTooLarge, CloudTrailErrorCode.NotAnObject, CloudTrailErrorCode.NotAnObject);
    }

    [Fact]
    public async Task ReadRecords_ManyConcurrentReaders_GiveIdenticalResults()
    {
        // Over 1 MB, so each reader's own helpers and decompressing thread take part.
        byte[] log = Utf8(LogFile(3000));
        byte[] gz = Gzip(log);
        string expected = string.Join("\n", CloudTrailReader.ReadRecords(new MemoryStream(log)).Select(Json));

        string[] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var sb = new StringBuilder();
            await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(i % 2 == 0 ? log : gz)))
            {
                sb.Append(sb.Length == 0 ? string.Empty : "\n").Append(Json(record));
            }

            return sb.ToString();
        })));

        results.Should().AllBe(expected);
    }

    public static IEnumerable<object[]> SmallCorpusFiles() => Corpus.Rows(Corpus.DocsFiles()?
        .Where(f => f is "log-file-insights-start-end-pair-v1.07.json" or "signin-root-enablemfadevice-v1.05.json" or "migrationhub-orchestrator-getworkflowstep-v1.08.json")
        .Concat(Corpus.RealEntries()?.Where(e => e.File is "flosell__trailscraper/events-for-smoke-test.json" or "elastic__integrations/test-console-login-json.log").Select(e => "../real/" + e.File) ?? []));

    [SkippableTheory]
    [MemberData(nameof(SmallCorpusFiles))]
    public void ReadRecords_CorpusFileCutAtEveryByte_PlainAndGzip_OnlyReportsAndReturnsAPrefix(string file)
    {
        byte[] full = File.ReadAllBytes(Corpus.RequireFile(Path.Combine("docs", file)));
        List<string> complete = CloudTrailReader.ReadRecords(new MemoryStream(full)).Select(Json).ToList();
        byte[] gz = Gzip(full);

        foreach ((byte[] input, string kind) in new[] { (full, "plain"), (gz, "gzip") })
        {
            for (int cut = 0; cut < input.Length; cut++)
            {
                byte[] part = input[..cut];
                var (records, errors) = ReadSkip(part);
                List<string> got = records.Select(Json).ToList();

                got.Should().Equal(complete.Take(got.Count), $"{kind} cut at {cut} returns records intact and in order");
                if (got.Count < complete.Count)
                {
                    bool atRecordBoundary = kind == "plain" && part.AsSpan().TrimEnd(" \r\n\t"u8).EndsWith("}"u8) && !file.EndsWith(".json", StringComparison.Ordinal);
                    (errors.Count > 0 || atRecordBoundary).Should().BeTrue($"{kind} cut at {cut} lost records without a report");
                }

                Action throwMode = () => _ = CloudTrailReader.ReadRecords(new MemoryStream(part)).ToList();
                if (errors.Count > 0)
                {
                    throwMode.Should().Throw<CloudTrailParseException>();
                }
                else
                {
                    throwMode.Should().NotThrow();
                }
            }
        }
    }

    private static string Json(CloudTrailRecord record) => JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
}
