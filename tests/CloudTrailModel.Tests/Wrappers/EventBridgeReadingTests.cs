using CloudTrailModel.Tests.Infrastructure;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;
using static CloudTrailModel.Tests.Wrappers.WrapperFixtures;

namespace CloudTrailModel.Tests.Wrappers;

/// <summary>EventBridge events (the record is <c>detail</c>), read by <see cref="CloudTrailReader"/>.</summary>
public sealed class EventBridgeReadingTests
{
    public static TheoryData<string, bool> Layouts => new()
    {
        { "\n", false }, { "\n", true }, { "", false }, { "", true }, { "array", false }, { "array", true },
    };

    private static byte[] Layout(string separator, bool gzip, params string[] events)
    {
        string text = separator == "array" ? "[" + string.Join(",", events) + "]" : string.Join(separator, events);
        return gzip ? Gzip(WrapperFixtures.Utf8(text)) : WrapperFixtures.Utf8(text);
    }

    [Fact]
    public void ReadRecords_OneEvent_YieldsItsDetail()
    {
        CloudTrailRecord record = CloudTrailReader.ReadRecords(new MemoryStream(WrapperFixtures.Utf8(Event(Record(7))))).Single();

        Json(record).Should().Be(Json(ReadOne(Record(7))));
    }

    [Theory]
    [InlineData("AWS API Call via CloudTrail")]
    [InlineData("AWS Console Signin via CloudTrail")]
    [InlineData("AWS Service Event via CloudTrail")]
    [InlineData("AWS Insight via CloudTrail")]
    [InlineData("AWS Console Action via CloudTrail")]
    public void ReadRecords_EveryCloudTrailDetailType_YieldsDetail(string detailType)
    {
        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(Event(Record(1), detailType));

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal("id-1");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ReadRecords_EventsInEveryLayout_YieldAllDetails(string separator, bool gzip)
    {
        byte[] input = Layout(separator, gzip, Event(Record(0), n: 0), Event(Record(1), n: 1), Event(Record(2), n: 2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal("id-0", "id-1", "id-2");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ReadRecords_NonCloudTrailEventAmongOthers_IsReportedAndTheOthersRead(string separator, bool gzip)
    {
        string other = Event("""{"instance-id":"i-0123456789","state":"running"}""", "EC2 Instance State-change Notification", 1, "aws.ec2");
        byte[] input = Layout(separator, gzip, Event(Record(0), n: 0), other, Event(Record(2), n: 2));
        string text = System.Text.Encoding.UTF8.GetString(gzip ? Layout(separator, false, Event(Record(0), n: 0), other, Event(Record(2), n: 2)) : input);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        errors.Should().ContainSingle();
        errors[0].ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrailEvent);
        errors[0].RecordIndex.Should().Be(1);
        errors[0].BytePosition.Should().Be(OffsetOf(text, "{\"version\"", 1));
        errors[0].Message.Should().NotContain("EC2").And.NotContain("i-0123456789");
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public void ReadRecords_DetailNotAnObject_IsReportedAtTheDetail(string detail)
    {
        string input = Event(Record(0), n: 0) + "\n" + Event(detail, n: 1) + "\n" + Event(Record(2), n: 2);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        errors.Should().ContainSingle().Which.Should().Be(errors[0] with { RecordIndex = 1, ErrorCode = CloudTrailErrorCode.NotAnObject });
        errors[0].BytePosition.Should().Be(OffsetOf(input, "\"detail\":", 1) + 9);
    }

    [Fact]
    public void ReadRecords_EventWithoutDetail_IsReportedAtTheEvent()
    {
        string input = Event(Record(0), n: 0) + "\n" + """{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.s3"}""";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Should().ContainSingle();
        errors.Should().ContainSingle();
        (errors[0].ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.NotAnObject, 1L, OffsetOf(input, "{\"version\"", 1)));
    }

    [Fact]
    public void ReadRecords_MalformedEventBetweenGoodOnes_IsReportedAndReadingGoesOn()
    {
        string bad = Event(Record(1), n: 1).Replace("\"eventName\":\"GetObject\"", "\"eventName\" \"GetObject\"", StringComparison.Ordinal);
        string input = Event(Record(0), n: 0) + "\n" + bad + "\n" + Event(Record(2), n: 2) + "\n";

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        errors.Should().ContainSingle();
        (errors[0].ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.InvalidJson, 1L, OffsetOf(input, "{\"version\"", 1)));
    }

    [Fact]
    public void ReadRecords_MalformedEventAmongFirehoseEvents_CostsOnlyThatEvent()
    {
        string bad = Event(Record(1), n: 1).Replace("\"eventName\":\"GetObject\"", "\"eventName\" \"GetObject\"", StringComparison.Ordinal);
        string input = Event(Record(0), n: 0) + bad + Event(Record(2), n: 2) + Event(Record(3), n: 3);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(Gzip(WrapperFixtures.Utf8(input)));

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2", "id-3");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.InvalidJson, 1L, OffsetOf(input, "{\"version\"", 1)));
    }

    [Fact]
    public void ReadRecords_DetailThatIsNotARecord_IsNotCloudTrail()
    {
        string input = Event("""{"hello":"world"}""") + "\n" + Event(Record(1), n: 1);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-1");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.NotCloudTrail, 0L, OffsetOf(input, "{\"hello\"")));
    }

    [Fact]
    public void ReadRecords_ThrowMode_ThrowsAfterReturningEveryEarlierRecord()
    {
        string input = Events(0, 1) + "\n" + Event("42", n: 2) + "\n" + Event(Record(3), n: 3);
        var seen = new List<string?>();

        Action read = () =>
        {
            foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(WrapperFixtures.Utf8(input))))
            {
                seen.Add(record.EventId);
            }
        };

        read.Should().Throw<CloudTrailParseException>().Which.Error.Should().Match<CloudTrailRecordError>(e => e.RecordIndex == 2 && e.ErrorCode == CloudTrailErrorCode.NotAnObject);
        seen.Should().Equal("id-0", "id-1");
    }

    [Fact]
    public void ReadRecords_Filter_SeesDetailsAndKeepsIndexes()
    {
        string input = Event(Record(0), n: 0) + "\n" + Event(Record(1).Replace("GetObject", "PutObject", StringComparison.Ordinal), n: 1) + "\n" + Event("7", n: 2);
        var options = CloudTrailReaderOptions.Default with { Filter = h => h.EventName == "PutObject" };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Select(r => r.EventId).Should().Equal("id-1");
        errors.Single().RecordIndex.Should().Be(2);
    }

    [Fact]
    public void ReadRecords_DetailOverMaxRecordBytes_IsReportedAndTheNextRead()
    {
        string big = Record(1).Replace("\"bucketName\":\"b1\"", "\"bucketName\":\"" + new string('x', 3000) + "\"", StringComparison.Ordinal);
        string input = Event(Record(0), n: 0) + "\n" + Event(big, n: 1) + "\n" + Event(Record(2), n: 2);
        var options = CloudTrailReaderOptions.Default with { MaxRecordBytes = 2000 };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.RecordTooLarge, 1L, OffsetOf(input, "\"detail\":", 1) + 9));
    }

    [Fact]
    public void ReadRecords_EventOverTwiceMaxRecordBytes_IsSkippedWithoutBeingHeld()
    {
        string huge = Event(Record(1), n: 1).Replace("\"version\":\"0\"", "\"version\":\"0\",\"padding\":\"" + new string('p', 5000) + "\"", StringComparison.Ordinal);
        string input = Event(Record(0), n: 0) + "\n" + huge + "\n" + Event(Record(2), n: 2);
        var options = CloudTrailReaderOptions.Default with { MaxRecordBytes = 2000 };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.RecordTooLarge, 1L, OffsetOf(input, "{\"version\"", 1)));
    }

    [Fact]
    public void ReadRecords_DetailDeeperThanMaxDepth_IsMaxDepthExceeded()
    {
        string deep = Record(1).Replace("{\"bucketName\":\"b1\"}", string.Concat(Enumerable.Repeat("[", 10)) + string.Concat(Enumerable.Repeat("]", 10)), StringComparison.Ordinal);
        string input = Event(deep, n: 1) + "\n" + Event(Record(2), n: 2);
        var options = CloudTrailReaderOptions.Default with { MaxDepth = 8 };

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, options);

        records.Select(r => r.EventId).Should().Equal("id-2");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.MaxDepthExceeded, 0L, OffsetOf(input, "\"detail\":") + 9));
    }

    [Fact]
    public void ReadRecords_TruncatedEvent_IsReportedAfterTheRecordsBefore()
    {
        string input = Events(0, 1) + "\n" + Event(Record(2), n: 2)[..100];

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-1");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.Truncated, 2L, OffsetOf(input, "{\"version\"", 2)));
    }

    [Fact]
    public void ReadEntries_Event_ReturnsTheEnvelopeFields()
    {
        (List<CloudTrailEntry> entries, List<CloudTrailRecordError> errors) = ReadEntriesSkip(WrapperFixtures.Utf8(Event(Record(3), n: 3)));

        errors.Should().BeEmpty();
        CloudTrailEntry entry = entries.Single();
        entry.Record.EventId.Should().Be("id-3");
        EventBridgeWrapper wrapper = entry.Wrapper.Should().BeOfType<EventBridgeWrapper>().Subject;
        wrapper.Should().BeEquivalentTo(new
        {
            Version = "0",
            Id = "6a7e8feb-b491-4cf7-a9f1-bf3703467718-3",
            DetailType = ApiCall,
            Source = "aws.s3",
            Account = "111122223333",
            Time = (DateTimeOffset?)new DateTimeOffset(2024, 3, 1, 12, 0, 5, TimeSpan.Zero),
            Region = "us-east-1",
            Resources = new[] { "arn:aws:s3:::b3" },
        });
    }

    [Fact]
    public void ReadEntries_LogFile_HasNoWrapper()
    {
        (List<CloudTrailEntry> entries, _) = ReadEntriesSkip(WrapperFixtures.Utf8(LogFile(2) + "\n" + Event(Record(5), n: 5)));

        entries.Select(e => (e.Record.EventId, e.Wrapper is null)).Should().Equal(("id-0", true), ("id-1", true), ("id-5", false));
    }

    [Fact]
    public void ReadEntries_RecordsEqualReadRecords()
    {
        byte[] input = Layout("", gzip: true, Event(Record(0), n: 0), Event("1", n: 1), Event(Record(2), n: 2));

        List<string> viaEntries = ReadEntriesSkip(input).Entries.Select(e => Json(e.Record)).ToList();

        viaEntries.Should().Equal(ReadSkip(input).Records.Select(Json));
    }

    [Fact]
    public async Task ReadRecordsAsync_Events_EqualsSyncRead()
    {
        byte[] input = Layout("\n", gzip: true, Event(Record(0), n: 0), Event("{}", n: 1), Event(Record(2), n: 2), Event(Record(3), "Other", 3));

        (List<string> records, List<CloudTrailRecordError> errors) = await ReadAsyncSkip(input);

        (List<CloudTrailRecord> syncRecords, List<CloudTrailRecordError> syncErrors) = ReadSkip(input);
        records.Should().Equal(syncRecords.Select(Json));
        errors.Should().Equal(syncErrors);
        errors.Select(e => e.ErrorCode).Should().Equal(CloudTrailErrorCode.NotCloudTrail, CloudTrailErrorCode.NotCloudTrailEvent);
    }

    [Fact]
    public async Task ReadEntriesAsync_Events_EqualsSyncRead()
    {
        byte[] input = Layout("array", gzip: false, Event(Record(0), n: 0), Event(Record(1), n: 1));
        var entries = new List<CloudTrailEntry>();

        await foreach (CloudTrailEntry entry in CloudTrailReader.ReadEntriesAsync(new MemoryStream(input)))
        {
            entries.Add(entry);
        }

        entries.Select(e => (Json(e.Record), ((EventBridgeWrapper)e.Wrapper!).Id))
            .Should().Equal(ReadEntriesSkip(input).Entries.Select(e => (Json(e.Record), ((EventBridgeWrapper)e.Wrapper!).Id)));
        entries.Should().HaveCount(2);
    }
}
