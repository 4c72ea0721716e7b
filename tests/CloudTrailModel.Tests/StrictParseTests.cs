using System.Text;
using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// <see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>, <c>TryParse</c> and deserialization refuse a JSON object that
/// is not a record (an EventBridge event, a log file, a LookupEvents page, <c>{}</c>) instead of returning an empty record,
/// and say what they recognised without echoing a value.
/// </summary>
public sealed class StrictParseTests
{
    public static TheoryData<string, string> NotRecords => new()
    {
        { """{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"111122223333","time":"2024-03-01T10:00:00Z","region":"us-east-1","resources":[],"detail":{"eventVersion":"1.08","eventName":"CreateBucket","eventSource":"s3.amazonaws.com"}}""", "an EventBridge event: its record is under detail; CloudTrailReader.ReadRecords reads it" },
        { """{"Records":[{"eventVersion":"1.08","eventName":"CreateBucket","eventSource":"s3.amazonaws.com"}]}""", "a CloudTrail log file" },
        { """{"awslogs":{"data":"H4sIAAAAAAAAAA=="}}""", "a CloudWatch Logs event for AWS Lambda" },
        { """{"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"aws-cloudtrail-logs","logStream":"111122223333_CloudTrail_us-east-1","subscriptionFilters":["f"],"logEvents":[{"id":"1","timestamp":1,"message":"{}"}]}""", "CloudWatch Logs subscription data" },
        { """{"Events":[{"EventId":"e","EventName":"CreateBucket","CloudTrailEvent":"{\"eventVersion\":\"1.08\"}"}],"NextToken":"t"}""", "a LookupEvents page" },
        { """{"s3Bucket":"amzn-s3-demo-bucket","s3ObjectKey":["AWSLogs/k.json.gz"]}""", "a notification; CloudTrailNotifications.ReadObjectReferences reads it" },
        { """{}""", "an empty object" },
        { """{"awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1"}""", "none of eventVersion" },
        { """{"hello":"world"}""", "no known CloudTrail shape" },
    };

    [Theory]
    [MemberData(nameof(NotRecords))]
    public void Parse_ObjectThatIsNotARecord_ThrowsNotCloudTrailNamingWhatItIs(string json, string what)
    {
        CloudTrailParseException e = Assert.Throws<CloudTrailParseException>(() => CloudTrailRecord.Parse(json));

        e.ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
        e.BytePosition.Should().Be(0);
        e.Message.Should().Contain(what);
        e.Message.Should().NotContain("111122223333").And.NotContain("amzn-s3-demo-bucket").And.NotContain("192.0.2.1").And.NotContain("world");
    }

    [Theory]
    [MemberData(nameof(NotRecords))]
    public void TryParse_ObjectThatIsNotARecord_ReturnsFalse(string json, string what)
    {
        CloudTrailRecord.TryParse(json, out CloudTrailRecord? record).Should().BeFalse(what);
        record.Should().BeNull();
        CloudTrailRecord.TryParse(Encoding.UTF8.GetBytes(json), out record).Should().BeFalse(what);
    }

    [Theory]
    [MemberData(nameof(NotRecords))]
    public void Deserialize_ObjectThatIsNotARecord_ThrowsNotCloudTrail(string json, string what)
    {
        CloudTrailParseException e = Assert.Throws<CloudTrailParseException>(() => JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.CloudTrailRecord));

        e.ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
        e.Message.Should().Contain(what);
    }

    [Fact]
    public void Deserialize_ReflectionBasedDefaultOptions_IsStrictToo()
    {
        // Without any context, System.Text.Json finds the type's converter through its attribute.
        Assert.Throws<CloudTrailParseException>(() => JsonSerializer.Deserialize<CloudTrailRecord>("""{"detail-type":"x","detail":{}}"""))
            .ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
        JsonSerializer.Deserialize<CloudTrailRecord>("""{"eventName":"CreateBucket"}""")!.EventName.Should().Be("CreateBucket");
    }

    [Fact]
    public void Parse_LeadingWhitespace_ReportsTheObjectsOffset() =>
        Assert.Throws<CloudTrailParseException>(() => CloudTrailRecord.Parse("  \n {}")).BytePosition.Should().Be(4);

    [Theory]
    [InlineData("""{"eventVersion":"1.08"}""")]
    [InlineData("""{"eventTime":"2024-03-01T10:00:00Z"}""")]
    [InlineData("""{"eventSource":"s3.amazonaws.com"}""")]
    [InlineData("""{"eventName":"CreateBucket"}""")]
    [InlineData("""{"eventID":"e"}""")]
    [InlineData("""{"userIdentity":{"type":"Root"}}""")]
    [InlineData("""{"eventTime":"redacted"}""")]
    [InlineData("""{"eventName":5}""")]
    [InlineData("""{"eventVersion":"not-a-version","awsRegion":"us-east-1"}""")]
    public void Parse_AnyOneRecordMember_IsARecord(string json)
    {
        CloudTrailRecord.Parse(json).Should().NotBeNull();
        JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.CloudTrailRecord).Should().Be(CloudTrailRecord.Parse(json));
    }

    [Fact]
    public void Deserialize_JsonNull_IsNullNotAnError() =>
        JsonSerializer.Deserialize("null", CloudTrailJsonContext.Default.CloudTrailRecord).Should().BeNull();

    [Fact]
    public async Task Deserialize_FromAStreamReadInManyBuffers_ReportsTheObjectsOffsetInTheWholeInput()
    {
        // Far more than the serializer's 16 KB buffer, handed out 7 bytes a read: the bad object is met in a later buffer.
        string json = "[" + string.Join(",", Enumerable.Range(0, 150).Select(i => Fixtures.Record(i))) + ",{\"detail-type\":\"x\",\"detail\":{}}]";
        long offset = json.IndexOf("{\"detail-type\"", StringComparison.Ordinal);
        offset.Should().BeGreaterThan(3 * 16 * 1024);

        CloudTrailParseException sync = Assert.Throws<CloudTrailParseException>(
            () => JsonSerializer.Deserialize(new TrickleStream(Encoding.UTF8.GetBytes(json), 7), CloudTrailJsonContext.Default.IReadOnlyListCloudTrailRecord));
        CloudTrailParseException async = await Assert.ThrowsAsync<CloudTrailParseException>(
            async () => await JsonSerializer.DeserializeAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 7), CloudTrailJsonContext.Default.IReadOnlyListCloudTrailRecord));
        CloudTrailParseException memory = Assert.Throws<CloudTrailParseException>(
            () => JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.IReadOnlyListCloudTrailRecord));

        foreach (CloudTrailParseException e in new[] { sync, async, memory })
        {
            e.ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
            e.BytePosition.Should().Be(offset);
            e.Message.Should().Contain($"byte offset {offset} ").And.Contain("an EventBridge event");
        }
    }

    [Fact]
    public void Deserialize_PastALineBreak_NamesTheObjectsLineAndByte()
    {
        // Past a line break a serializer reading a stream gives converters no offset from the input's start, only the line.
        string json = "[\n" + string.Join(",\n", Enumerable.Range(0, 60).Select(i => Fixtures.Record(i))) + ",\n   {\"hello\":\"world\"}]";
        long offset = json.IndexOf("{\"hello\"", StringComparison.Ordinal);

        CloudTrailParseException streamed = Assert.Throws<CloudTrailParseException>(
            () => JsonSerializer.Deserialize(new TrickleStream(Encoding.UTF8.GetBytes(json), 7), CloudTrailJsonContext.Default.IReadOnlyListCloudTrailRecord));
        CloudTrailParseException memory = Assert.Throws<CloudTrailParseException>(
            () => JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.IReadOnlyListCloudTrailRecord));

        streamed.ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
        streamed.Message.Should().Contain("line 62, byte 3 of the line").And.NotContain("world");
        memory.Message.Should().Contain("line 62, byte 3 of the line");
        memory.BytePosition.Should().Be(offset, "read from memory, the reader's offset counts from the input's start");
    }

    [Fact]
    public void Deserialize_ListWithOneNonRecord_ThrowsNotCloudTrail() =>
        Assert.Throws<CloudTrailParseException>(() => JsonSerializer.Deserialize("""[{"eventName":"A"},{"detail":{}}]""", CloudTrailJsonContext.Default.IReadOnlyListCloudTrailRecord))
            .ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);

    /// <summary>Hands the data out a few bytes a read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
