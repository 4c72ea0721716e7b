using static CloudTrailModel.Tests.Infrastructure.Fixtures;
using static CloudTrailModel.Tests.Wrappers.WrapperFixtures;

namespace CloudTrailModel.Tests.Wrappers;

/// <summary>CloudWatch Logs subscription data (messages and their Lambda event), read by <see cref="CloudTrailReader"/>.</summary>
public sealed class CloudWatchLogsReadingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadRecords_DataMessage_YieldsEveryLogEventsMessage(bool gzip)
    {
        byte[] input = WrapperFixtures.Utf8(DataMessage(0, 1, 2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(gzip ? Gzip(input) : input);

        errors.Should().BeEmpty();
        records.Select(Json).Should().Equal(new[] { 0, 1, 2 }.Select(i => Json(ReadOne(Record(i)))));
    }

    [Fact]
    public void ReadRecords_FirehoseMessagesBackToBackGzip_YieldAllRecords()
    {
        string input = DataMessage(0, 1) + ControlMessage + DataMessage(2) + DataMessage(3, 4);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(Gzip(WrapperFixtures.Utf8(input)));

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal("id-0", "id-1", "id-2", "id-3", "id-4");
    }

    [Fact]
    public void ReadRecords_ControlMessage_YieldsNothingAndNoError()
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(ControlMessage);

        records.Should().BeEmpty();
        errors.Should().BeEmpty();
    }

    [Fact]
    public void ReadRecords_MessageThatIsNotJson_IsReportedAtItsQuoteAndTheOthersRead()
    {
        string input = DataMessage(Record(0), "not { json", Record(2)) + "\n" + DataMessage(3);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2", "id-3");
        errors.Should().ContainSingle();
        (errors[0].ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.InvalidJson, 1L, OffsetOf(input, "\"message\":", 1) + 10));
        errors[0].Message.Should().NotContain("json");
    }

    [Fact]
    public void ReadRecords_MessageWithBrokenRecord_ReportsLineAndColumnInTheRecordText()
    {
        string broken = Record(1).Replace("\"eventName\":", "\"eventName\" ", StringComparison.Ordinal);
        string input = DataMessage(Record(0), broken);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Should().ContainSingle();
        CloudTrailRecordError error = errors.Single();
        (error.ErrorCode, error.RecordIndex, error.BytePosition).Should().Be((CloudTrailErrorCode.InvalidJson, 1L, OffsetOf(input, "\"message\":", 1) + 10));
        error.LineInRecord.Should().Be(0);
        error.BytePositionInLine.Should().Be(broken.IndexOf("\"eventName\" ", StringComparison.Ordinal) + 12);
    }

    [Theory]
    [InlineData("42", CloudTrailErrorCode.NotAnObject)]
    [InlineData("[1]", CloudTrailErrorCode.NotAnObject)]
    [InlineData("{\"level\":\"info\"}", CloudTrailErrorCode.NotCloudTrail)]
    [InlineData("{\"eventVersion\":\"1.08\"} {}", CloudTrailErrorCode.InvalidJson)]
    public void ReadRecords_MessageThatIsNotARecord_IsReported(string message, CloudTrailErrorCode code)
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(DataMessage(message, Record(1)));

        records.Select(r => r.EventId).Should().Equal("id-1");
        (errors.Single().ErrorCode, errors[0].RecordIndex).Should().Be((code, 0L));
    }

    [Fact]
    public void ReadRecords_LogEventsNotAnArray_IsNotCloudTrail()
    {
        string input = """{"messageType":"DATA_MESSAGE","logGroup":"g","logEvents":{}}""" + "\n" + DataMessage(1);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-1");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.NotCloudTrail, 0L, OffsetOf(input, "{}")));
    }

    [Fact]
    public void ReadRecords_LambdaEvent_YieldsTheDecodedRecords()
    {
        string input = AwsLogs(DataMessage(0, 1) + "\n" + DataMessage(2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        errors.Should().BeEmpty();
        records.Select(Json).Should().Equal(new[] { 0, 1, 2 }.Select(i => Json(ReadOne(Record(i)))));
    }

    [Fact]
    public void ReadRecords_LambdaEventWithEscapedSlashes_IsDecoded()
    {
        string data = Convert.ToBase64String(Gzip(WrapperFixtures.Utf8(DataMessage(0, 1, 2, 3, 4, 5, 6, 7))));
        data.Should().Contain("/", "the test needs a slash to escape");

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(AwsLogsData(data.Replace("/", "\\/", StringComparison.Ordinal)));

        errors.Should().BeEmpty();
        records.Should().HaveCount(8);
    }

    [Fact]
    public void ReadRecords_BadBase64AmongLambdaEvents_IsReportedAtTheDataQuote()
    {
        string input = AwsLogs(DataMessage(0)) + "\n" + AwsLogsData("not*base64") + "\n" + AwsLogs(DataMessage(2, 3));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2", "id-3");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.InvalidEncodedData, 1L, OffsetOf(input, "\"data\":", 1) + 7));
    }

    [Fact]
    public void ReadRecords_CorruptGzipInLambdaEvent_IsInvalidCompressedDataAndTheNextRead()
    {
        byte[] gzip = Gzip(WrapperFixtures.Utf8(DataMessage(1)));
        gzip[gzip.Length / 2] ^= 0xFF;
        gzip[(gzip.Length / 2) + 1] ^= 0xFF;
        string input = AwsLogsData(Convert.ToBase64String(gzip)) + "\n" + AwsLogs(DataMessage(2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-2");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.InvalidCompressedData, 0L, OffsetOf(input, "\"data\":") + 7));
    }

    [Fact]
    public void ReadRecords_BadMessageInLambdaEvent_IsReportedAtTheDataQuoteWithItsOwnIndex()
    {
        string input = AwsLogs(DataMessage(Record(0), "oops", Record(2)));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.InvalidJson, 1L, OffsetOf(input, "\"data\":") + 7));
    }

    [Fact]
    public void ReadRecords_LambdaEventOverMaxDecompressedBytes_StopsTheRead()
    {
        string input = AwsLogs(DataMessage(Enumerable.Range(0, 200).ToArray())) + "\n" + AwsLogs(DataMessage(1));
        var options = CloudTrailReaderOptions.Default with { MaxDecompressedBytes = input.Length + 10_000 };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Should().BeEmpty();
        (errors.Single().ErrorCode, errors[0].RecordIndex).Should().Be((CloudTrailErrorCode.DecompressedSizeExceeded, 0L));
    }

    [Fact]
    public void ReadRecords_LambdaEventOverTwiceMaxRecordBytes_IsRecordTooLargeAndTheNextRead()
    {
        string input = AwsLogs(DataMessage(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) + "\n" + AwsLogs(DataMessage(11));
        var options = CloudTrailReaderOptions.Default with { MaxRecordBytes = 2000 };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Select(r => r.EventId).Should().Equal("id-11");
        (errors.Single().ErrorCode, errors[0].RecordIndex).Should().Be((CloudTrailErrorCode.RecordTooLarge, 0L));
    }

    [Fact]
    public void ReadRecords_MessageOverMaxRecordBytes_IsRecordTooLarge()
    {
        string big = Record(1).Replace("\"bucketName\":\"b1\"", "\"bucketName\":\"" + new string('x', 3000) + "\"", StringComparison.Ordinal);
        string input = DataMessage(Record(0), big, Record(2));
        var options = CloudTrailReaderOptions.Default with { MaxRecordBytes = 3000 };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.RecordTooLarge, 1L, OffsetOf(input, "\"message\":", 1) + 10));
    }

    [Fact]
    public void ReadRecords_Filter_AppliesToMessages()
    {
        string input = AwsLogs(DataMessage(Record(0), Record(1).Replace("GetObject", "PutObject", StringComparison.Ordinal), "x"));
        var options = CloudTrailReaderOptions.Default with { Filter = h => h.EventName == "PutObject" };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Select(r => r.EventId).Should().Equal("id-1");
        errors.Single().RecordIndex.Should().Be(2);
    }

    [Fact]
    public void ReadRecords_ThrowMode_ThrowsAfterEveryEarlierRecord()
    {
        string input = DataMessage(Record(0), Record(1), "{", Record(3));
        var seen = new List<string?>();

        Action read = () =>
        {
            foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(WrapperFixtures.Utf8(input))))
            {
                seen.Add(record.EventId);
            }
        };

        read.Should().Throw<CloudTrailParseException>().Which.Error.RecordIndex.Should().Be(2);
        seen.Should().Equal("id-0", "id-1");
    }

    [Fact]
    public void ReadEntries_LambdaEvent_ReturnsMessageAndLogEventFields()
    {
        (List<CloudTrailEntry> entries, List<CloudTrailRecordError> errors) = ReadEntriesSkip(WrapperFixtures.Utf8(AwsLogs(DataMessage(4, 5))));

        errors.Should().BeEmpty();
        entries.Select(e => e.Record.EventId).Should().Equal("id-4", "id-5");
        CloudWatchLogsWrapper second = entries[1].Wrapper.Should().BeOfType<CloudWatchLogsWrapper>().Subject;
        second.Should().BeEquivalentTo(new
        {
            Owner = "111122223333",
            LogGroup = "aws-cloudtrail-logs-111122223333",
            LogStream = "111122223333_CloudTrail_us-east-1",
            SubscriptionFilters = new[] { "to-lambda" },
            EventId = "371959286954200001",
            Timestamp = (DateTimeOffset?)DateTimeOffset.FromUnixTimeMilliseconds(1709294400001),
        });
        ((CloudWatchLogsWrapper)entries[0].Wrapper!).EventId.Should().Be("371959286954200000");
    }

    [Fact]
    public async Task ReadRecordsAsync_Messages_EqualsSyncRead()
    {
        byte[] input = Gzip(WrapperFixtures.Utf8(DataMessage(Record(0), "bad", Record(2)) + AwsLogs(DataMessage(3)) + AwsLogsData("!!") + ControlMessage));

        (List<string> records, List<CloudTrailRecordError> errors) = await ReadAsyncSkip(input);

        (List<CloudTrailRecord> syncRecords, List<CloudTrailRecordError> syncErrors) = ReadSkip(input);
        records.Should().HaveCount(3).And.Equal(syncRecords.Select(Json));
        errors.Should().HaveCount(2).And.Equal(syncErrors);
    }
}
