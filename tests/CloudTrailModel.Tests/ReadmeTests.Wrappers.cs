using CloudTrailModel.Tests.Infrastructure;
using CloudTrailModel.Tests.Wrappers;

namespace CloudTrailModel.Tests;

/// <summary>The README's "Wrappers" blocks, verbatim (checked by <see cref="Readme_EveryCsharpBlock_AppearsVerbatimInReadmeTests"/>).</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void Readme_EventBridge_PrintsEachDetailsEventName()
    {
        string eventBridgeFile = Path.Combine(_directory, "events.gz");
        File.WriteAllBytes(eventBridgeFile, Fixtures.Gzip(Fixtures.Utf8(WrapperFixtures.Event(Record1) + WrapperFixtures.Event(Record2))));

        // An EventBridge rule's target, or events a Firehose stream wrote to S3 (back to back, gzip): each record is an event's detail.
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(eventBridgeFile))
            Console.WriteLine($"{record.EventName} by {record.UserIdentity?.Arn}");

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Should().Equal(
            "CreateBucket by arn:aws:iam::111122223333:user/Alice", "ConsoleLogin by arn:aws:iam::111122223333:root");
    }

    [Fact]
    public void Readme_CloudWatchLogsLambdaEvent_PrintsLogGroupEventIdAndEventName()
    {
        using Stream lambdaInput = new MemoryStream(Fixtures.Utf8(WrapperFixtures.AwsLogs(WrapperFixtures.DataMessage(Record1, Record2))));

        // A Lambda function subscribed to the trail's log group receives {"awslogs":{"data":"<base64 of gzip>"}}.
        foreach (CloudTrailEntry entry in CloudTrailReader.ReadEntries(lambdaInput))
        {
            var logEvent = (CloudWatchLogsWrapper)entry.Wrapper!;
            Console.WriteLine($"{logEvent.LogGroup} {logEvent.EventId}: {entry.Record.EventName}");
        }

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Should().Equal(
            "aws-cloudtrail-logs-111122223333 371959286954200000: CreateBucket", "aws-cloudtrail-logs-111122223333 371959286954200001: ConsoleLogin");
    }

    [Fact]
    public async Task Readme_LookupEvents_PrintsTimeUserAndEventName()
    {
        string lookupEventsFile = Path.Combine(_directory, "lookup.jsonl");
        File.WriteAllText(lookupEventsFile, WrapperFixtures.LookupPage("t", WrapperFixtures.LookupEvent(Record1, 1)) + "\n" + WrapperFixtures.LookupPage(null, WrapperFixtures.LookupEvent(Record2, 2)));

        // Pages saved from `aws cloudtrail lookup-events`, one per line: each CloudTrailEvent string is a record.
        await foreach (CloudTrailEntry entry in CloudTrailReader.ReadEntriesAsync(lookupEventsFile))
        {
            if (entry.Wrapper is LookupEventsWrapper summary)
                Console.WriteLine($"{summary.EventTime:u} {summary.Username} {entry.Record.EventName}");
        }

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Should().Equal(
            "2024-03-01 12:00:00Z u1 CreateBucket", "2024-03-01 12:00:00Z u2 ConsoleLogin");
    }
}
