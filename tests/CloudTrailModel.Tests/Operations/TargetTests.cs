using CloudTrailModel.Operations;

namespace CloudTrailModel.Tests.Operations;

/// <summary><see cref="CloudTrailRecord.GetTargets"/>: what a call acted on, from the operation's target rules, with no per-service code in the caller.</summary>
public sealed class TargetTests(ITestOutputHelper output)
{
    [Fact]
    public void GetTargets_CreateAccessKey_ListsTheUserAndTheNewKey()
    {
        CloudTrailRecord record = OperationRecords.Make("iam.amazonaws.com", "CreateAccessKey", """{"userName": "bob"}""",
            """{"accessKey": {"accessKeyId": "AKIAEXAMPLE", "status": "Active", "userName": "bob"}}""");

        record.GetTargets().Should().Equal(
            new CloudTrailTarget("User", "requestParameters.userName", "bob"),
            new CloudTrailTarget("AccessKey", "responseElements.accessKey.accessKeyId", "AKIAEXAMPLE"));
    }

    [Fact]
    public void GetTargets_StopInstances_ListsEveryInstanceOfTheSet()
    {
        CloudTrailRecord record = OperationRecords.Make("ec2.amazonaws.com", "StopInstances",
            """{"instancesSet": {"items": [{"instanceId": "i-1"}, {"instanceId": "i-2"}]}}""");

        record.GetTargets().Select(t => (t.Kind, t.Value)).Should().Equal(("Instance", "i-1"), ("Instance", "i-2"));
    }

    [Theory]
    [InlineData("s3.amazonaws.com", "GetObject", """{"bucketName": "b", "key": "k"}""", "Bucket:b,Object:k")]
    [InlineData("kms.amazonaws.com", "ScheduleKeyDeletion", """{"keyId": "1", "pendingWindowInDays": 7}""", "Key:1")]
    [InlineData("secretsmanager.amazonaws.com", "GetSecretValue", """{"secretId": "s"}""", "Secret:s")]
    [InlineData("rds.amazonaws.com", "DeleteDBInstance", """{"dBInstanceIdentifier": "db"}""", "DBInstance:db")]
    [InlineData("sts.amazonaws.com", "AssumeRole", """{"roleArn": "arn:aws:iam::1:role/r", "roleSessionName": "s"}""", "Role:arn:aws:iam::1:role/r")]
    [InlineData("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", """{"functionName": "f"}""", "Function:f")]
    [InlineData("ssm.amazonaws.com", "GetParameters", """{"names": ["/a", "/b"]}""", "Parameter:/a,Parameter:/b")]
    [InlineData("cloudtrail.amazonaws.com", "StopLogging", """{"name": "trail"}""", "Trail:trail")]
    [InlineData("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", """{"groupId": "sg-1"}""", "SecurityGroup:sg-1")]
    public void GetTargets_OperationOfEachService_ListsItsResources(string source, string eventName, string request, string expected) =>
        string.Join(",", OperationRecords.Make(source, eventName, request).GetTargets().Select(t => $"{t.Kind}:{t.Value}")).Should().Be(expected);

    [Fact]
    public void GetTargets_UnregisteredOperationOrOddShapes_IsEmptyAndNeverThrows()
    {
        OperationRecords.Make("example.amazonaws.com", "DoThing", """{"userName": "x"}""").GetTargets().Should().BeEmpty();
        OperationRecords.Make("iam.amazonaws.com", "CreateUser", """{"userName": {"omitted": true}}""").GetTargets().Should().BeEmpty();
        OperationRecords.Make("iam.amazonaws.com", "CreateUser", "null").GetTargets().Should().BeEmpty();
        OperationRecords.Make("ec2.amazonaws.com", "StopInstances", """{"instancesSet": "HIDDEN_DUE_TO_SECURITY_REASONS"}""").GetTargets().Should().BeEmpty();
    }

    [SkippableFact]
    public void GetTargets_CorpusRecordsOfMutatingCalls_MostNameATarget()
    {
        int mutating = 0;
        int withTargets = 0;
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach ((_, CloudTrailRecord record) in OperationCorpus.Records)
        {
            if (OperationRegistry.Find(record) is null || record.RequestParameters is not { ValueKind: System.Text.Json.JsonValueKind.Object }
                || record.EventSource == "signin.amazonaws.com")
            {
                continue;
            }

            mutating++;
            IReadOnlyList<CloudTrailTarget> targets = record.GetTargets();
            if (targets.Count > 0)
            {
                withTargets++;
            }

            foreach (CloudTrailTarget target in targets)
            {
                target.Value.Should().NotBeNullOrEmpty();
                target.Member.Should().StartWith("re");
                kinds[target.Kind] = kinds.GetValueOrDefault(target.Kind) + 1;
            }
        }

        output.WriteLine($"{withTargets}/{mutating} records with request parameters name a target; kinds: {string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}");
        ((double)withTargets / mutating).Should().BeGreaterThan(0.9);
    }
}
