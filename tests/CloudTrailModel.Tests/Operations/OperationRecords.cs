namespace CloudTrailModel.Tests.Operations;

/// <summary>Builds a minimal CloudTrail record around a request and response, for scenario tests that must run without ../shared.</summary>
internal static class OperationRecords
{
    public static CloudTrailRecord Make(string eventSource, string eventName, string requestParameters, string responseElements = "null") =>
        CloudTrailRecord.Parse(System.Text.Encoding.UTF8.GetBytes($$"""
            {
              "eventVersion": "1.08",
              "eventTime": "2024-06-02T22:37:12Z",
              "eventSource": "{{eventSource}}",
              "eventName": "{{eventName}}",
              "awsRegion": "us-east-1",
              "requestParameters": {{requestParameters}},
              "responseElements": {{responseElements}}
            }
            """));
}
