using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;
using LambdaHandler;

namespace CloudTrailModel.Tests;

/// <summary>
/// The LambdaHandler sample's handler under JIT, on the events shipped with it (CI runs the same handler published with
/// NativeAOT): its own envelope types in its own context give the records the library reads from the same JSON.
/// </summary>
public sealed class LambdaHandlerSampleTests
{
    private static string Events => Path.Combine(Corpus.RepoRoot ?? throw new InvalidOperationException("CloudTrailModel.sln not found"), "samples", "LambdaHandler", "events");

    [Theory]
    [InlineData("eventbridge-api-call.json", "CreateBucket", false)]
    [InlineData("eventbridge-console-signin.json", "ConsoleLogin", true)]
    public void Handle_EventBridgeEvent_ReadsTheDetailAsTheLibraryDoes(string file, string eventName, bool flagged)
    {
        string path = Path.Combine(Events, file);
        using JsonDocument shipped = JsonDocument.Parse(File.ReadAllBytes(path));
        CloudTrailRecord expected = CloudTrailRecord.Parse(shipped.RootElement.GetProperty("detail").GetRawText());

        using JsonDocument response = Handle(path);

        JsonElement root = response.RootElement;
        root.GetProperty("source").GetString().Should().Be("eventbridge");
        root.GetProperty("records").GetInt32().Should().Be(1);
        root.GetProperty("flagged").GetInt32().Should().Be(flagged ? 1 : 0);
        JsonElement seen = root.GetProperty("events")[0];
        seen.GetProperty("summary").GetString().Should().EndWith(eventName);
        CloudTrailRecord.Parse(seen.GetProperty("record").GetRawText()).Should().Be(expected);
        expected.EventName.Should().Be(eventName);
    }

    [Fact]
    public void Handle_CloudWatchLogsEvent_ParsesEveryMessage()
    {
        string path = Path.Combine(Events, "cloudwatch-logs-data.json");
        string[] messages = Messages(path);

        using JsonDocument response = Handle(path);

        JsonElement root = response.RootElement;
        messages.Should().HaveCount(3);
        root.GetProperty("source").GetString().Should().Be("cloudwatch-logs");
        root.GetProperty("records").GetInt32().Should().Be(3);
        root.GetProperty("flagged").GetInt32().Should().Be(1, "one call failed with AccessDenied");
        root.GetProperty("events").EnumerateArray().Select(e => CloudTrailRecord.Parse(e.GetProperty("record").GetRawText()))
            .Should().Equal(messages.Select(m => CloudTrailRecord.Parse(m)));
    }

    [Fact]
    public void Handle_CloudWatchLogsControlMessage_YieldsNoRecords()
    {
        using JsonDocument response = Handle(Path.Combine(Events, "cloudwatch-logs-control.json"));

        response.RootElement.GetProperty("records").GetInt32().Should().Be(0);
    }

    [Fact]
    public void Handle_EventBridgeEventOfAnotherKind_ThrowsNotCloudTrail()
    {
        string objectCreated = """{"version":"0","detail-type":"Object Created","source":"aws.s3","detail":{"bucket":{"name":"b"},"object":{"key":"k"}}}""";

        Assert.Throws<CloudTrailParseException>(() => CloudTrailFunction.Handle(new MemoryStream(Encoding.UTF8.GetBytes(objectCreated))))
            .ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
    }

    [Theory]
    [InlineData("""{"awslogs":{"data":"not base64!"}}""", CloudTrailErrorCode.InvalidEncodedData)]
    [InlineData("""{"awslogs":{"data":"H4sIAAAAAAAAAwcAAAAAAAAAAAA="}}""", CloudTrailErrorCode.InvalidCompressedData)]
    public void Handle_CloudWatchLogsEventThatCannotBeRead_ThrowsTheLibrarysError(string json, CloudTrailErrorCode code)
    {
        // The library reads the CloudWatch Logs event: its errors name what is wrong, at the data string.
        CloudTrailParseException e = Assert.Throws<CloudTrailParseException>(() => CloudTrailFunction.Handle(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        e.ErrorCode.Should().Be(code);
        e.BytePosition.Should().Be(json.IndexOf("\"data\":", StringComparison.Ordinal) + 7);
    }

    private static JsonDocument Handle(string path)
    {
        using FileStream input = File.OpenRead(path);
        return JsonDocument.Parse(CloudTrailFunction.Handle(input));
    }

    private static string[] Messages(string path)
    {
        using JsonDocument shipped = JsonDocument.Parse(File.ReadAllBytes(path));
        byte[] compressed = Convert.FromBase64String(shipped.RootElement.GetProperty("awslogs").GetProperty("data").GetString()!);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using JsonDocument data = JsonDocument.Parse(gzip);
        return [.. data.RootElement.GetProperty("logEvents").EnumerateArray().Select(e => e.GetProperty("message").GetString()!)];
    }
}
