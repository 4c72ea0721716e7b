using System.Text.Json;
using CloudTrailModel.Reading.Framing;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;
using static CloudTrailModel.Tests.Wrappers.WrapperFixtures;

namespace CloudTrailModel.Tests;

/// <summary>
/// One list of the members that make a record: the framer (which tells a record from a log file or a wrapper by a member
/// name) and the strict <see cref="CloudTrailRecord.Parse(string)"/> agree on every object, wherever it is read from.
/// </summary>
public sealed class RecordMembersTests
{
    public static TheoryData<string> Objects => new()
    {
        // Each member of the list, of its own JSON type and of another.
        """{"eventVersion":"1.08"}""",
        """{"eventTime":"2024-03-01T10:00:00Z"}""",
        """{"eventSource":"s3.amazonaws.com"}""",
        """{"eventName":"CreateBucket"}""",
        """{"eventID":"e-1"}""",
        """{"userIdentity":{"type":"Root"}}""",
        """{"eventTime":"redacted"}""",
        """{"eventName":5}""",
        """{"eventID":true}""",
        """{"awsRegion":"us-east-1","eventVersion":"1.08"}""",

        // Members records have that are not in the list: none of these objects is a record.
        """{"awsRegion":"us-east-1"}""",
        """{"requestParameters":{"bucketName":"b"}}""",
        """{"eventType":"AwsApiCall","recipientAccountId":"111122223333"}""",
        """{"sourceIPAddress":"192.0.2.1","requestID":"r"}""",
        """{"insightDetails":{}}""",
        """{"eventCategory":"Management","responseElements":null}""",
        """{"hello":"world"}""",
    };

    [Fact]
    public void Members_AreTheOnesTheStrictParseNames() =>
        RecordMarkers.Members.Should().Equal("eventVersion", "eventTime", "eventSource", "eventName", "eventID", "userIdentity");

    [Theory]
    [MemberData(nameof(Objects))]
    public void IsMarker_IsTrueExactlyForTheListedNames(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        string name = reader.GetString()!;

        RecordMarkers.IsMarker(ref reader).Should().Be(RecordMarkers.Members.Contains(name), name);
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void ReadRecords_AgreesWithParse_InEveryPlaceARecordIsRead(string json)
    {
        bool isRecord = CloudTrailRecord.TryParse(json, out _);
        using (JsonDocument document = JsonDocument.Parse(json))
        {
            isRecord.Should().Be(document.RootElement.EnumerateObject().Any(m => RecordMarkers.Members.Contains(m.Name)), "the list decides");
        }

        string[] inputs =
        [
            json,                                    // a bare record (one JSON line)
            "[" + json + "]",                        // a bare array of records
            LookupPage(null, LookupEvent(json, 0)),  // a LookupEvents page, the record as a string
            DataMessage(json),                       // a CloudWatch Logs message
            Event(json),                             // an EventBridge event's detail
        ];
        foreach (string input in inputs)
        {
            (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input);

            records.Should().HaveCount(isRecord ? 1 : 0, input);
            errors.Select(e => e.ErrorCode).Should().Equal(isRecord ? [] : [CloudTrailErrorCode.NotCloudTrail], input);
        }
    }
}
