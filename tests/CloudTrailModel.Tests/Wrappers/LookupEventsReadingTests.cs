using static CloudTrailModel.Tests.Infrastructure.Fixtures;
using static CloudTrailModel.Tests.Wrappers.WrapperFixtures;

namespace CloudTrailModel.Tests.Wrappers;

/// <summary><c>LookupEvents</c> pages (the API's and the AWS CLI's output), read by <see cref="CloudTrailReader"/>.</summary>
public sealed class LookupEventsReadingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadRecords_OnePage_YieldsEveryCloudTrailEvent(bool gzip)
    {
        byte[] input = WrapperFixtures.Utf8(LookupPage("token-1", 0, 1, 2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(gzip ? Gzip(input) : input);

        errors.Should().BeEmpty();
        records.Select(Json).Should().Equal(new[] { 0, 1, 2 }.Select(i => Json(ReadOne(Record(i)))));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("")]
    [InlineData("array")]
    public void ReadRecords_SeveralPages_YieldAllRecordsInOrder(string layout)
    {
        string[] pages = [LookupPage("t1", 0, 1), LookupPage(null, Array.Empty<string>()), LookupPage(null, 2)];
        string input = layout == "array" ? "[" + string.Join(",", pages) + "]" : string.Join(layout, pages);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal("id-0", "id-1", "id-2");
    }

    [Fact]
    public void ReadRecords_CloudTrailEventThatIsNotJson_IsReportedAtItsQuote()
    {
        string input = LookupPage(null, LookupEvent(Record(0), 0), LookupEvent("{\"eventVersion\":", 1), LookupEvent(Record(2), 2));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition)
            .Should().Be((CloudTrailErrorCode.Truncated, 1L, OffsetOf(input, "\"CloudTrailEvent\":", 1) + 18));
    }

    [Fact]
    public void ReadRecords_LoneSurrogateEscapes_AreReportedOrNullAndEveryOtherRecordIsRead()
    {
        // "\udc00" is valid JSON but no UTF-16 string: a record held in one is InvalidJson; a wrapper field holding one is null.
        string badRecord = """{"EventId":"x","CloudTrailEvent":"\udc00"}""";
        string badField = LookupEvent(Record(2), 2).Replace("\"EventName\":\"GetObject\"", "\"EventName\":\"\\ud800\"", StringComparison.Ordinal);
        string input = LookupPage(null, LookupEvent(Record(0), 0), badRecord, badField, LookupEvent(Record(3), 3));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);
        var entryErrors = new List<CloudTrailRecordError>();
        List<CloudTrailEntry> entries = [.. CloudTrailReader.ReadEntries(
            new MemoryStream(WrapperFixtures.Utf8(input)),
            CloudTrailReaderOptions.Default with { InvalidRecordHandling = InvalidRecordHandling.Skip, OnInvalidRecord = entryErrors.Add })];

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2", "id-3");
        errors.Select(e => (e.ErrorCode, e.RecordIndex, e.BytePosition)).Should().Equal(
            (CloudTrailErrorCode.InvalidJson, 1L, OffsetOf(input, "\"CloudTrailEvent\":\"\\udc00") + 18));
        entries.Select(e => e.Record).Should().Equal(records);
        entryErrors.Should().Equal(errors);
        entries.Select(e => ((LookupEventsWrapper)e.Wrapper!).EventName).Should().Equal("GetObject", null, "GetObject");
    }

    [Fact]
    public void ReadRecords_EventWithoutCloudTrailEvent_IsNotCloudTrail()
    {
        string input = LookupPage(null, """{"EventId":"x","EventName":"GetObject"}""", LookupEvent(Record(1), 1), "7");

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-1");
        errors.Select(e => (e.ErrorCode, e.RecordIndex, e.BytePosition)).Should().Equal(
            (CloudTrailErrorCode.NotCloudTrail, 0L, OffsetOf(input, "{\"EventId\"")),
            (CloudTrailErrorCode.NotAnObject, 2L, input.Length - 3));
    }

    [Fact]
    public void ReadRecords_EventsThatAreRecords_AreReadAsTheyAre()
    {
        // The user guide prints `lookup-events --event-category insight` output with the records themselves in Events.
        string input = LookupPage("t", Record(0), LookupEvent(Record(1), 1), "{\"Unrelated\":1}");

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-1");
        (errors.Single().ErrorCode, errors[0].RecordIndex, errors[0].BytePosition).Should().Be((CloudTrailErrorCode.NotCloudTrail, 2L, OffsetOf(input, "{\"Unrelated\"")));
    }

    [Fact]
    public void ReadEntries_Page_ReturnsTheSummaryFields()
    {
        string input = LookupPage("token-7", LookupEvent(Record(0), 0), LookupEvent(Record(1), 1, "\"2024-03-01T12:00:00-08:00\""));

        (List<CloudTrailEntry> entries, List<CloudTrailRecordError> errors) = ReadEntriesSkip(WrapperFixtures.Utf8(input));

        errors.Should().BeEmpty();
        LookupEventsWrapper first = entries[0].Wrapper.Should().BeOfType<LookupEventsWrapper>().Subject;
        first.Should().BeEquivalentTo(new
        {
            EventId = "id-0",
            EventName = "GetObject",
            ReadOnly = "true",
            AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            EventTime = (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(1709294400),
            EventSource = "s3.amazonaws.com",
            Username = "u0",
            NextToken = "token-7",
        });
        first.Resources!.ToString().Should().Be("""[{"ResourceType":"AWS::S3::Bucket","ResourceName":"b0"}]""");
        ((LookupEventsWrapper)entries[1].Wrapper!).EventTime.Should().Be(new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.FromHours(-8)));
        entries.Select(e => e.Record.EventId).Should().Equal("id-0", "id-1");
    }

    [Fact]
    public async Task ReadRecordsAsync_Pages_EqualsSyncRead()
    {
        byte[] input = Gzip(WrapperFixtures.Utf8(LookupPage("a", 0, 1) + LookupPage(null, LookupEvent("[]", 2), LookupEvent(Record(3), 3))));

        (List<string> records, List<CloudTrailRecordError> errors) = await ReadAsyncSkip(input);

        (List<CloudTrailRecord> syncRecords, List<CloudTrailRecordError> syncErrors) = ReadSkip(input);
        records.Should().HaveCount(3).And.Equal(syncRecords.Select(Json));
        errors.Should().ContainSingle().And.Equal(syncErrors);
    }
}
