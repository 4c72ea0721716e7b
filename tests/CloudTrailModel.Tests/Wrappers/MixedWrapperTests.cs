using static CloudTrailModel.Tests.Infrastructure.Fixtures;
using static CloudTrailModel.Tests.Wrappers.WrapperFixtures;

namespace CloudTrailModel.Tests.Wrappers;

/// <summary>Wrappers mixed with each other and with log files in one input, and reading larger wrapper inputs.</summary>
public sealed class MixedWrapperTests
{
    private static string Mixed() => string.Join("\n",
        LogFile(Record(0), Record(1)),
        Event(Record(2), n: 2),
        Event("{}", "Object Created", 3, "aws.s3"),
        DataMessage(4, 5),
        AwsLogs(DataMessage(6)),
        LookupPage("t", 7),
        Record(8));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadRecords_MixedFile_YieldsEveryRecordInOrderWithExactIndexes(bool gzip)
    {
        byte[] input = WrapperFixtures.Utf8(Mixed());

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(gzip ? Gzip(input) : input);

        records.Select(r => r.EventId).Should().Equal("id-0", "id-1", "id-2", "id-4", "id-5", "id-6", "id-7", "id-8");
        errors.Select(e => (e.ErrorCode, e.RecordIndex)).Should().Equal((CloudTrailErrorCode.NotCloudTrailEvent, 3L));
        records.Select(Json).Should().Equal(Enumerable.Range(0, 9).Where(i => i != 3).Select(i => Json(ReadOne(Record(i)))));
    }

    [Fact]
    public void ReadEntries_MixedFile_GivesEachRecordItsWrapperKind()
    {
        (List<CloudTrailEntry> entries, _) = ReadEntriesSkip(WrapperFixtures.Utf8(Mixed()));

        entries.Select(e => e.Wrapper?.GetType().Name ?? "none").Should().Equal(
            "none", "none", nameof(EventBridgeWrapper), nameof(CloudWatchLogsWrapper), nameof(CloudWatchLogsWrapper),
            nameof(CloudWatchLogsWrapper), nameof(LookupEventsWrapper), "none");
    }

    [Fact]
    public void ReadRecords_ManyEventsBackToBackGzip_ReadsEveryOneAcrossBufferRefills()
    {
        // Far more than one buffer of events, written as Firehose writes them: no separator.
        string input = string.Concat(Enumerable.Range(0, 3000).Select(i => Event(Record(i), n: i)));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(Gzip(WrapperFixtures.Utf8(input)));

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal(Enumerable.Range(0, 3000).Select(i => "id-" + i));
    }

    [Fact]
    public void ReadRecords_EventsAfterManyRecordLines_AreReadOnTheOneCorePath()
    {
        string input = string.Join("\n", Enumerable.Range(0, 2000).Select(i => Record(i))) + "\n" + Events(2000, 2001) + "\n" + Record(2002);

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(Gzip(WrapperFixtures.Utf8(input)));

        errors.Should().BeEmpty();
        records.Select(r => r.EventId).Should().Equal(Enumerable.Range(0, 2003).Select(i => "id-" + i));
    }
}
