using System.Text;
using CloudTrailModel.Tests.Infrastructure;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;

namespace CloudTrailModel.Tests;

/// <summary>One test per reader promise (README "Inputs", "Streaming", "Tolerant", error codes and limits).</summary>
public sealed class CloudTrailReaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ctm-reader-" + Guid.NewGuid().ToString("N"));

    public CloudTrailReaderTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string name, byte[] content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void ReadRecords_GzipStream_YieldsAllRecords()
    {
        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(new MemoryStream(Gzip(Utf8(LogFile(3))))).ToList();

        records.Select(r => r.EventId).Should().Equal("id-0", "id-1", "id-2");
    }

    [Fact]
    public void ReadRecords_GzipContentWithJsonName_IsDetectedByMagicBytes()
    {
        string path = WriteFile("log.json", Gzip(Utf8(LogFile(3))));

        CloudTrailReader.ReadRecords(path).Should().HaveCount(3);
    }

    [Fact]
    public void ReadRecords_PlainJsonWithGzName_IsReadAsPlainJson()
    {
        string path = WriteFile("log.json.gz", Utf8(LogFile(2)));

        CloudTrailReader.ReadRecords(path).Should().HaveCount(2);
    }

    [Fact]
    public void ReadRecords_Utf8Bom_IsIgnored()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. Utf8(LogFile(2))];

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        errors.Should().BeEmpty();
        records.Should().HaveCount(2);
    }

    [Fact]
    public void ReadRecords_GzippedUtf8Bom_IsIgnored()
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(Gzip([0xEF, 0xBB, 0xBF, .. Utf8(LogFile(2))]));

        errors.Should().BeEmpty();
        records.Should().HaveCount(2);
    }

    [Fact]
    public void ReadRecords_RecordsAmongOtherTopLevelMembers_YieldsRecordsOnly()
    {
        string input = "{\"before\":{\"Records\":[1,2]},\"n\":[{\"a\":1}],\"Records\":[" + Record(0) + "," + Record(1) + "],\"after\":[{\"eventVersion\":\"1.08\"}],\"z\":\"Records\"}";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal("id-0", "id-1");
    }

    [Fact]
    public void ReadRecords_JsonLinesWithBlankLinesAndCrlf_YieldsEveryLine()
    {
        string input = "\r\n" + Record(0) + "\r\n\r\n" + Record(1) + "\n\n  \n" + Record(2) + "\r\n";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal("id-0", "id-1", "id-2");
    }

    [Fact]
    public void ReadRecords_BareRecord_YieldsOneRecord()
    {
        string pretty = Record(7).Replace(",", ",\n  ", StringComparison.Ordinal);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(pretty);

        errors.Should().BeEmpty();
        records.Should().ContainSingle().Which.EventId.Should().Be("id-7");
    }

    [Fact]
    public void ReadRecords_BareArrayOfRecords_YieldsEveryRecord()
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip("[" + Record(0) + "," + Record(1) + "]");

        errors.Should().BeEmpty();
        records.Should().HaveCount(2);
    }

    [Fact]
    public void ReadRecords_EmptyRecordsArray_YieldsNothingWithoutError()
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip("{\"Records\":[]}");

        errors.Should().BeEmpty();
        records.Should().BeEmpty();
    }

    [Fact]
    public void ReadRecords_UnorderedTimesAndDuplicateIds_KeepsFileOrderAndDuplicates()
    {
        string input = LogFile(Record(1, "2024-03-01T12:00:00Z"), Record(1, "2023-01-01T00:00:00Z"), Record(2, "2025-01-01T00:00:00Z"));

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(new MemoryStream(Utf8(input))).ToList();

        records.Select(r => r.EventId).Should().Equal("id-1", "id-1", "id-2");
        records.Select(r => r.EventTime!.Value.Year).Should().Equal(2024, 2023, 2025);
    }

    [Fact]
    public async Task ReadRecordsAsync_Stream_YieldsAllRecords()
    {
        var ids = new List<string?>();
        await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(Gzip(Utf8(LogFile(4))))))
        {
            ids.Add(record.EventId);
        }

        ids.Should().Equal("id-0", "id-1", "id-2", "id-3");
    }

    [Fact]
    public async Task ReadRecordsAsync_Path_YieldsAllRecords()
    {
        string path = WriteFile("a.json", Utf8(LogFile(3)));
        int count = 0;
        await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(path))
        {
            record.EventSource.Should().Be("s3.amazonaws.com");
            count++;
        }

        count.Should().Be(3);
    }

    [Fact]
    public async Task ReadRecordsAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Func<Task> act = async () =>
        {
            await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(Utf8(LogFile(3))), cancellationToken: cts.Token))
            {
                record.Should().NotBeNull();
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ReadRecordsAsync_CancelledMidway_StopsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        int seen = 0;

        Func<Task> act = async () =>
        {
            await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(Utf8(LogFile(10))), cancellationToken: cts.Token))
            {
                if (++seen == 2)
                {
                    await cts.CancelAsync();
                }
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        seen.Should().Be(2);
    }

    [Fact]
    public void ReadRecords_ThrowMode_YieldsEveryRecordBeforeTheBadOneThenThrows()
    {
        string prefix = "{\"Records\":[" + Record(0) + "," + Record(1) + ",";
        string bad = "{\"eventVersion\":\"1.08\",\"userIdentity\":{ type\": \"AssumedRole\"}}";
        byte[] input = Gzip(Utf8(prefix + bad + "," + Record(3) + "]}"));
        var seen = new List<string?>();

        Action act = () =>
        {
            foreach (CloudTrailRecord r in CloudTrailReader.ReadRecords(new MemoryStream(input)))
            {
                seen.Add(r.EventId);
            }
        };

        CloudTrailParseException ex = act.Should().Throw<CloudTrailParseException>().Which;
        ex.Should().BeAssignableTo<System.Text.Json.JsonException>();
        seen.Should().Equal("id-0", "id-1");
        ex.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        ex.RecordIndex.Should().Be(2);
        ex.BytePosition.Should().Be(Encoding.UTF8.GetByteCount(prefix), "BytePosition is the offset of the bad record's '{' in the decompressed input");
    }

    [Fact]
    public void ReadRecords_SkipModeMalformedRecordInTheMiddle_CostsNoFollowingRecord()
    {
        string prefix = "{\"Records\":[" + Record(0) + ",";
        string bad = "{\"eventVersion\":\"1.08\",\"userIdentity\":{ type\": \"AssumedRole\", \"arn\": \"arn:aws:iam::999988887777:role/Secret\"},\"eventTime\":\"2024-01-01T00:00:00Z\"}";
        string input = prefix + bad + "," + Record(2) + "," + Record(3) + "]}";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2", "id-3");
        CloudTrailRecordError error = errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        error.RecordIndex.Should().Be(1);
        error.BytePosition.Should().Be(Encoding.UTF8.GetByteCount(prefix));
        error.LineInRecord.Should().Be(0);
    }

    [Fact]
    public void ReadRecords_SkipModeMalformedJsonLine_CostsNoFollowingLine()
    {
        string input = Record(0) + "\n{\"eventVersion\":\"1.08\",\"userIdentity\":{ type\": 1}}\n" + Record(2) + "\n";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        errors.Should().ContainSingle().Which.RecordIndex.Should().Be(1);
    }

    [Fact]
    public void ReadRecords_ElementNotAnObject_ReportsNotAnObject()
    {
        string prefix = "{\"Records\":[" + Record(0) + ",";
        string input = prefix + "\"just a string\"," + Record(2) + "]}";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        CloudTrailRecordError error = errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.NotAnObject);
        error.RecordIndex.Should().Be(1);
        error.BytePosition.Should().Be(Encoding.UTF8.GetByteCount(prefix));
    }

    [Fact]
    public void ReadRecords_TruncatedFile_ReportsTruncatedAfterEveryCompleteRecord()
    {
        string full = LogFile(3);
        string input = full[..(full.IndexOf("id-2", StringComparison.Ordinal) + 2)];

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-1");
        CloudTrailRecordError error = errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.Truncated);
        error.RecordIndex.Should().Be(2);
    }

    [Fact]
    public void ReadRecords_TruncatedAfterLastRecord_ReportsTruncated()
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip("{\"Records\":[" + Record(0) + "," + Record(1));

        records.Should().HaveCount(2);
        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.Truncated);
    }

    [Fact]
    public void ReadRecords_TruncatedGzip_ReturnsCompleteRecordsAndReportsAnError()
    {
        byte[] gz = Gzip(Utf8(LogFile(50)));
        byte[] cut = gz[..(gz.Length / 2)];

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(cut);

        records.Should().NotBeEmpty();
        records.Select(r => r.EventId).Should().Equal(Enumerable.Range(0, records.Count).Select(i => $"id-{i}"));
        errors.Should().ContainSingle().Which.ErrorCode.Should().BeOneOf(CloudTrailErrorCode.Truncated, CloudTrailErrorCode.InvalidCompressedData);
    }

    [Fact]
    public void ReadRecords_TrailingGarbage_ReportsTrailingDataAndReturnsRecords()
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(LogFile(2) + "\n<html>oops</html>");

        records.Should().HaveCount(2);
        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.TrailingData);
    }

    [Fact]
    public void ReadRecords_TrailingWhitespace_IsNotAnError()
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(LogFile(2) + "\r\n \n\t");

        records.Should().HaveCount(2);
        errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"Digest":"x","logFiles":[{"s3Bucket":"b"}]}""")]
    [InlineData("""{"QueryResultRows":[[{"eventTime":"2023-01-22 16:53:53.000"}]]}""")]
    [InlineData("""{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2024-01-01T00:00:00.000Z","eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"b"},"object":{"key":"k"}}}]}""")]
    public void ReadRecords_NonCloudTrailDocument_ReportsNotCloudTrail(string input)
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Should().BeEmpty();
        CloudTrailRecordError error = errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
        error.RecordIndex.Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    public void ReadRecords_EmptyInput_ReportsEmptyInput(string input)
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Should().BeEmpty();
        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.EmptyInput);
    }

    [Fact]
    public void ReadRecords_EmptyInputThrowMode_Throws()
    {
        Action act = () => _ = CloudTrailReader.ReadRecords(new MemoryStream()).ToList();

        act.Should().Throw<CloudTrailParseException>().Which.ErrorCode.Should().Be(CloudTrailErrorCode.EmptyInput);
    }

    [Fact]
    public void ReadRecords_RecordOverMaxRecordBytes_ReportsRecordTooLargeAndKeepsNeighbours()
    {
        string big = Record(1).Replace("\"eventName\"", "\"padding\":\"" + new string('x', 5000) + "\",\"eventName\"", StringComparison.Ordinal);
        string input = LogFile(Record(0), big, Record(2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, CloudTrailReaderOptions.Default with { MaxRecordBytes = 2048 });

        records.Select(r => r.EventId).Should().Equal(["id-0", "id-2"], "errors were: {0}", string.Join("; ", errors.Select(e => $"{e.ErrorCode}@{e.RecordIndex}/{e.BytePosition}")));
        CloudTrailRecordError error = errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.RecordTooLarge);
        error.RecordIndex.Should().Be(1);
    }

    [Fact]
    public void ReadRecords_RecordOverMaxRecordBytesBeyondTheBuffer_ReportsRecordTooLargeAndKeepsNeighbours()
    {
        string big = Record(1).Replace("\"eventName\"", "\"padding\":\"" + new string('x', 400_000) + "\",\"eventName\"", StringComparison.Ordinal);
        string input = LogFile(Record(0), big, Record(2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, CloudTrailReaderOptions.Default with { MaxRecordBytes = 2048 });

        records.Select(r => r.EventId).Should().Equal(["id-0", "id-2"], "errors were: {0}", string.Join("; ", errors.Select(e => $"{e.ErrorCode}@{e.RecordIndex}/{e.BytePosition}")));
        CloudTrailRecordError error = errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.RecordTooLarge);
        error.RecordIndex.Should().Be(1);
    }

    [Fact]
    public void ReadRecords_DeepNesting_ReportsMaxDepthExceededWithoutCrashing()
    {
        int depth = 100_000;
        string deep = "{\"eventVersion\":\"1.08\",\"requestParameters\":" + new string('[', depth) + new string(']', depth) + "}";
        string input = LogFile(Record(0), deep, Record(2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        CloudTrailRecordError error = errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.MaxDepthExceeded);
        error.RecordIndex.Should().Be(1);
    }

    [Fact]
    public void ReadRecords_NestingOverSmallMaxDepth_ReportsMaxDepthExceeded()
    {
        string nested = "{\"eventVersion\":\"1.08\",\"requestParameters\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(LogFile(nested, Record(1)), CloudTrailReaderOptions.Default with { MaxDepth = 4 });

        records.Select(r => r.EventId).Should().Equal("id-1");
        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.MaxDepthExceeded);
    }

    [Fact]
    public void ReadRecords_GzipOverMaxDecompressedBytes_ReportsDecompressedSizeExceeded()
    {
        byte[] gz = Gzip(Utf8(LogFile(200)));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(gz, CloudTrailReaderOptions.Default with { MaxDecompressedBytes = 4096 });

        records.Count.Should().BeLessThan(200);
        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.DecompressedSizeExceeded);
    }

    [Fact]
    public void ReadRecords_GzipBomb_StopsAtTheLimit()
    {
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] bomb = Gzip([.. "{\"Records\":[{\"x\":\""u8, .. zeros]);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(bomb, CloudTrailReaderOptions.Default with { MaxDecompressedBytes = 1024 * 1024 });

        records.Should().BeEmpty();
        errors.Should().Contain(e => e.ErrorCode == CloudTrailErrorCode.DecompressedSizeExceeded);
    }

    [Fact]
    public void ReadRecords_CorruptGzip_ReportsInvalidCompressedData()
    {
        byte[] gz = Gzip(Utf8(LogFile(20)));
        for (int i = 20; i < gz.Length - 8; i++)
        {
            gz[i] ^= 0x5A;
        }

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(gz);

        errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidCompressedData);
        records.Should().HaveCountLessThan(20);
    }

    [Fact]
    public void ReadRecords_ErrorMessages_NeverContainFieldValues()
    {
        const string Arn = "arn:aws:iam::999988887777:role/TopSecretRole";
        const string Ip = "203.0.113.77";
        const string Key = "AKIAQUITESECRETKEY42";
        string bad = $$"""{"userIdentity":{ type": "AssumedRole","arn":"{{Arn}}","accessKeyId":"{{Key}}"},"sourceIPAddress":"{{Ip}}"}""";
        string bad2 = $$"""{"sourceIPAddress":"{{Ip}}","arn":"{{Arn}}" "accessKeyId":"{{Key}}"}""";
        string notObject = $"\"{Arn} {Ip} {Key}\"";
        string input = "{\"Records\":[" + bad + "," + bad2 + "," + notObject + "," + Record(3) + "]} " + Arn + Ip;

        (List<CloudTrailRecord> _, List<CloudTrailRecordError> errors) = ReadSkip(input);
        (List<CloudTrailRecord> _, List<CloudTrailRecordError> truncated) = ReadSkip("{\"Records\":[{\"arn\":\"" + Arn + "\",\"ip\":\"" + Ip);
        (List<CloudTrailRecord> _, List<CloudTrailRecordError> notCloudTrail) = ReadSkip("{\"" + Arn + "\":\"" + Ip + "\"}");
        Action parse = () => CloudTrailRecord.Parse(bad);

        List<string> messages = errors.Concat(truncated).Concat(notCloudTrail).Select(e => e.Message).ToList();
        messages.Add(parse.Should().Throw<CloudTrailParseException>().Which.Message);
        messages.Should().HaveCountGreaterThanOrEqualTo(5);
        foreach (string message in messages)
        {
            message.Should().NotBeNullOrWhiteSpace();
            message.Should().NotContainAny(Arn, Ip, Key, "999988887777", "TopSecret", "AssumedRole");
        }
    }

    [Fact]
    public void ReadRecords_ThrowMode_ExceptionCarriesTheReportedError()
    {
        string input = LogFile(Record(0), "42");
        CloudTrailRecordError? reported = null;
        ReadSkip(input).Errors.Should().ContainSingle().Which.Should().Match<CloudTrailRecordError>(e => e.ErrorCode == CloudTrailErrorCode.NotAnObject);

        Action act = () => _ = CloudTrailReader.ReadRecords(new MemoryStream(Utf8(input)), CloudTrailReaderOptions.Default with { OnInvalidRecord = e => reported = e }).ToList();

        CloudTrailParseException ex = act.Should().Throw<CloudTrailParseException>().Which;
        ex.Error.ErrorCode.Should().Be(CloudTrailErrorCode.NotAnObject);
        ex.Error.RecordIndex.Should().Be(1);
        reported.Should().BeNull("in Throw mode the error is thrown, not reported to the callback");
    }

    [Fact]
    public void ReadRecords_NullArguments_Throw()
    {
        Action nullStream = () => CloudTrailReader.ReadRecords((Stream)null!);
        Action emptyPath = () => CloudTrailReader.ReadRecords(string.Empty);

        nullStream.Should().Throw<ArgumentNullException>();
        emptyPath.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ReadRecords_LargeGeneratedStream_CountsEveryRecord()
    {
        const int Count = 200_000;
        long count = 0;
        string? last = null;

        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new GeneratedLogStream(Count)))
        {
            count++;
            last = record.EventId;
        }

        count.Should().Be(Count);
        last.Should().Be($"id-{Count - 1}");
    }
}
