using System.Text;
using System.Text.Json;

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
    public void Deserialize_ListWithOneNonRecord_ThrowsNotCloudTrail() =>
        Assert.Throws<CloudTrailParseException>(() => JsonSerializer.Deserialize("""[{"eventName":"A"},{"detail":{}}]""", CloudTrailJsonContext.Default.IReadOnlyListCloudTrailRecord))
            .ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
}
