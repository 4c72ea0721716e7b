using System.Text;
using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Wrappers;

/// <summary>Wrappers built from the shapes AWS documents (EventBridge events, CloudWatch Logs subscription data, LookupEvents pages).</summary>
public static class WrapperFixtures
{
    public const string ApiCall = "AWS API Call via CloudTrail";

    public static string Event(string detail, string detailType = ApiCall, int n = 0, string source = "aws.s3") =>
        $$$"""{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718-{{{n}}}","detail-type":"{{{detailType}}}","source":"{{{source}}}","account":"111122223333","time":"2024-03-01T12:00:05Z","region":"us-east-1","resources":["arn:aws:s3:::b{{{n}}}"],"detail":{{{detail}}}}""";

    public static string Events(params int[] ids) => string.Join("\n", ids.Select(i => Event(Fixtures.Record(i), n: i)));

    /// <summary>A JSON string holding <paramref name="text"/>, escaped the way System.Text.Json escapes (quotes, '+', '&lt;' and so on).</summary>
    public static string Quoted(string text) => JsonSerializer.Serialize(text);

    public static string LogEvent(string message, int n) => $$$"""{"id":"3719592869542{{{n:D5}}}","timestamp":{{{1709294400000L + n}}},"message":{{{Quoted(message)}}}}""";

    public static string DataMessage(params string[] messages) =>
        $$"""{"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"aws-cloudtrail-logs-111122223333","logStream":"111122223333_CloudTrail_us-east-1","subscriptionFilters":["to-lambda"],"logEvents":[{{string.Join(",", messages.Select(LogEvent))}}]}""";

    public static string DataMessage(params int[] ids) => DataMessage(ids.Select(i => Fixtures.Record(i)).ToArray());

    public static string ControlMessage =>
        """{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1709294400000,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}""";

    public static string AwsLogs(string payload) => AwsLogsData(Convert.ToBase64String(Fixtures.Gzip(Fixtures.Utf8(payload))));

    public static string AwsLogsData(string data) => "{\"awslogs\":{\"data\":\"" + data + "\"}}";

    public static string LookupEvent(string record, int n, string eventTime = "1709294400.0") =>
        $$$"""{"EventId":"id-{{{n}}}","EventName":"GetObject","ReadOnly":"true","AccessKeyId":"AKIAIOSFODNN7EXAMPLE","EventTime":{{{eventTime}}},"EventSource":"s3.amazonaws.com","Username":"u{{{n}}}","Resources":[{"ResourceType":"AWS::S3::Bucket","ResourceName":"b{{{n}}}"}],"CloudTrailEvent":{{{Quoted(record)}}}}""";

    public static string LookupPage(string? nextToken, params string[] events) =>
        "{\"Events\":[" + string.Join(",", events) + "]" + (nextToken is null ? "" : ",\"NextToken\":" + Quoted(nextToken)) + "}";

    public static string LookupPage(string? nextToken, params int[] ids) =>
        LookupPage(nextToken, ids.Select(i => LookupEvent(Fixtures.Record(i), i)).ToArray());

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static (List<CloudTrailEntry> Entries, List<CloudTrailRecordError> Errors) ReadEntriesSkip(byte[] input, CloudTrailReaderOptions? options = null)
    {
        var errors = new List<CloudTrailRecordError>();
        CloudTrailReaderOptions o = (options ?? CloudTrailReaderOptions.Default) with
        {
            InvalidRecordHandling = InvalidRecordHandling.Skip,
            OnInvalidRecord = errors.Add,
        };
        return (CloudTrailReader.ReadEntries(new MemoryStream(input), o).ToList(), errors);
    }

    /// <summary>What an async read of the same input returns, record by record and error by error, written as text.</summary>
    public static async Task<(List<string> Records, List<CloudTrailRecordError> Errors)> ReadAsyncSkip(byte[] input)
    {
        var errors = new List<CloudTrailRecordError>();
        var options = CloudTrailReaderOptions.Default with { InvalidRecordHandling = InvalidRecordHandling.Skip, OnInvalidRecord = errors.Add };
        var records = new List<string>();
        await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(input), options))
        {
            records.Add(Fixtures.Json(record));
        }

        return (records, errors);
    }

    /// <summary>The byte offset of the <paramref name="occurrence"/>-th (0-based) <paramref name="text"/> in ASCII input.</summary>
    public static long OffsetOf(string input, string text, int occurrence = 0)
    {
        int at = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            at = input.IndexOf(text, at + 1, StringComparison.Ordinal);
        }

        at.Should().BeGreaterThanOrEqualTo(0);
        return at;
    }
}
