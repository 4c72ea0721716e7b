using System.Text.Json;

namespace CloudTrailModel.Tests;

/// <summary>A record's <c>ToString()</c> prints its values, lists and maps included, never an internal type's name.</summary>
public sealed class RecordToStringTests
{
    private const string Json = """
        {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/R/s",
          "sessionContext":{"webIdFederationData":{"federatedProvider":"accounts.google.com","attributes":{"aud":"app-1"}},"attributes":{"mfaAuthenticated":"true"}}},
         "eventTime":"2024-01-01T00:00:00Z","eventName":"GetObject","requestParameters":{"bucketName":"b"},
         "resources":[{"ARN":"arn:aws:s3:::b/k","type":"AWS::S3::Object"},{"ARN":"arn:aws:s3:::b","type":"AWS::S3::Bucket"}],
         "insightDetails":{"insightContext":{"attributions":[{"attribute":"userAgent","insight":[{"value":"cli","average":2}]}]}},
         "someNewMember":{"z":[1,2]},"anotherOne":"text"}
        """;

    [Fact]
    public void ToString_ParsedRecord_PrintsListsMapsAndRawValues()
    {
        string text = CloudTrailRecord.Parse(Json).ToString();

        text.Should().NotContain("CloudTrailModel.").And.NotContain("`1").And.NotContain("ValueList").And.NotContain("ValueMap");
        text.Should().Contain("Resources = [CloudTrailResource { Arn = arn:aws:s3:::b/k, ArnPrefix = , AccountId = , Type = AWS::S3::Object, AdditionalFields = { } }, CloudTrailResource { Arn = arn:aws:s3:::b,");
        text.Should().Contain("Attributes = { aud = app-1 }");
        text.Should().Contain("Attributions = [InsightAttribution { Attribute = userAgent, Insight = [InsightAttributionValue { Value = cli, Average = 2,");
        text.Should().Contain("RequestParameters = {\"bucketName\":\"b\"}");
        text.Should().EndWith("AdditionalFields = { someNewMember = {\"z\":[1,2]}, anotherOne = \"text\" } }");
    }

    [Fact]
    public void ToString_RecordBuiltInCode_PrintsItsListAndEmptyMaps()
    {
        var record = new CloudTrailRecord
        {
            EventName = "ListBuckets",
            Resources = new List<CloudTrailResource> { new() { Arn = "arn:aws:s3:::b" } },
            AdditionalFields = new Dictionary<string, JsonElement>(),
        };

        string text = record.ToString();

        text.Should().Contain("Resources = [CloudTrailResource { Arn = arn:aws:s3:::b,").And.EndWith("AdditionalFields = { } }");
        text.Should().NotContain("CloudTrailModel.");
    }

    [Fact]
    public void ToString_EmptyList_PrintsBrackets() =>
        new CloudTrailRecord { EventName = "X", Resources = [] }.ToString().Should().Contain("Resources = [],");
}
