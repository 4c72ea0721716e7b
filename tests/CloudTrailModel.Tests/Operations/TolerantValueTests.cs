using System.Text.Json;
using CloudTrailModel.Operations.IdentityManagement;
using CloudTrailModel.Operations.KeyManagementService;
using CloudTrailModel.Operations.Lambda;
using CloudTrailModel.Operations.RDS;
using CloudTrailModel.Operations.SecurityToken;

namespace CloudTrailModel.Tests.Operations;

/// <summary>
/// Values CloudTrail logs in another shape than the model's: none fails the record, none is lost, and each is written
/// back as it came (kept in AdditionalFields under its own name while the typed property stays null).
/// </summary>
public sealed class TolerantValueTests
{
    [Fact]
    public void TryGetRequestParameters_HiddenPlaceholderInPlaceOfAList_KeepsItAndTheOtherMembers()
    {
        CloudTrailRecord record = OperationRecords.Make("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
            """{"functionName": "api", "layers": "HIDDEN_DUE_TO_SECURITY_REASONS", "timeout": 30}""");

        record.TryGetRequestParameters(out UpdateFunctionConfigurationRequestParameters? p).Should().BeTrue();
        p!.FunctionName.Should().Be("api");
        p.Timeout.Should().Be(30);
        p.Layers.Should().BeNull();
        p.AdditionalFields!["layers"].GetString().Should().Be("HIDDEN_DUE_TO_SECURITY_REASONS");
        WrittenBack(p, LambdaJsonContext.Tolerant).Should().BeTrue();
    }

    [Fact]
    public void TryGetRequestParameters_OmittedSubtree_KeptAsItCame()
    {
        CloudTrailRecord record = OperationRecords.Make("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
            """{"functionName": "api", "environment": {"omitted": true, "reason": "too large"}}""");

        record.TryGetRequestParameters(out UpdateFunctionConfigurationRequestParameters? p).Should().BeTrue();
        p!.FunctionName.Should().Be("api");
        WrittenBack(p, LambdaJsonContext.Tolerant).Should().BeTrue();
        JsonSerializer.Serialize(p, LambdaJsonContext.Tolerant).Should().Contain("\"omitted\":true");
    }

    [Fact]
    public void TryGetRequestParameters_NumberAsString_KeptAsAString()
    {
        CloudTrailRecord record = OperationRecords.Make("sts.amazonaws.com", "AssumeRole",
            """{"roleArn": "arn:aws:iam::123456789012:role/Admin", "roleSessionName": "s", "durationSeconds": "900"}""");

        record.TryGetRequestParameters(out AssumeRoleRequestParameters? p).Should().BeTrue();
        p!.RoleArn.Should().Be("arn:aws:iam::123456789012:role/Admin");
        p.DurationSeconds.Should().BeNull();
        p.AdditionalFields!["durationSeconds"].GetString().Should().Be("900");
        WrittenBack(p, SecurityTokenJsonContext.Tolerant).Should().BeTrue();
    }

    [Fact]
    public void TryGetRequestParameters_NumberWhereTheModelSaysString_KeptAsANumber()
    {
        CloudTrailRecord record = OperationRecords.Make("iam.amazonaws.com", "CreateUser", """{"userName": 42, "path": "/"}""");

        record.TryGetRequestParameters(out CreateUserRequestParameters? p).Should().BeTrue();
        p!.Path.Should().Be("/");
        p.UserName.Should().BeNull();
        p.AdditionalFields!["userName"].GetInt32().Should().Be(42);
        WrittenBack(p, IdentityManagementJsonContext.Tolerant).Should().BeTrue();
    }

    [Fact]
    public void TryGetResponseElements_ConsoleStyleDate_KeptAsItsText()
    {
        CloudTrailRecord record = OperationRecords.Make("iam.amazonaws.com", "CreateAccessKey", """{"userName": "bob"}""",
            """{"accessKey": {"accessKeyId": "AKIAEXAMPLE", "createDate": "Sep 27, 2022 5:09:18 PM", "status": "Active", "userName": "bob"}}""");

        record.TryGetResponseElements(out CreateAccessKeyResponseElements? r).Should().BeTrue();
        r!.AccessKey!.AccessKeyId.Should().Be("AKIAEXAMPLE");
        r.AccessKey.AdditionalFields!["createDate"].GetString().Should().Be("Sep 27, 2022 5:09:18 PM");
        WrittenBack(r, IdentityManagementJsonContext.Tolerant).Should().BeTrue();
    }

    [Fact]
    public void TryGetResponseElements_IsoDate_IsTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("iam.amazonaws.com", "CreateAccessKey", """{"userName": "bob"}""",
            """{"accessKey": {"accessKeyId": "AKIAEXAMPLE", "createDate": "2022-09-27T17:09:18Z", "status": "Active", "userName": "bob"}}""");

        record.TryGetResponseElements(out CreateAccessKeyResponseElements? r).Should().BeTrue();
        r!.AccessKey!.CreateDate.Should().Be(new DateTimeOffset(2022, 9, 27, 17, 9, 18, TimeSpan.Zero));
        r.AccessKey.AdditionalFields.Should().BeNullOrEmpty();
        WrittenBack(r, IdentityManagementJsonContext.Tolerant).Should().BeTrue();
    }

    [Fact]
    public void TryGetRequestParameters_JsonNullMember_KeptAsNull()
    {
        CloudTrailRecord record = OperationRecords.Make("rds.amazonaws.com", "CopyDBSnapshot",
            """{"sourceDBSnapshotIdentifier": "a", "targetDBSnapshotIdentifier": "b", "sourceRegion": null}""");

        record.TryGetRequestParameters(out CopyDBSnapshotRequestParameters? p).Should().BeTrue();
        p!.SourceDBSnapshotIdentifier.Should().Be("a");
        p.AdditionalFields!["sourceRegion"].ValueKind.Should().Be(JsonValueKind.Null);
        WrittenBack(p, RDSJsonContext.Tolerant).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"keyId": "k", "policyName": "default", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}""", JsonValueKind.String)]
    [InlineData("""{"keyId": "k", "policyName": "default", "policy": {"Version": "2012-10-17", "Statement": []}}""", JsonValueKind.Object)]
    public void TryGetRequestParameters_PolicyAsStringOrObject_TypedAsItCame(string request, JsonValueKind kind)
    {
        CloudTrailRecord record = OperationRecords.Make("kms.amazonaws.com", "PutKeyPolicy", request);

        record.TryGetRequestParameters(out PutKeyPolicyRequestParameters? p).Should().BeTrue();
        p!.Policy!.Value.ValueKind.Should().Be(kind);
        p.AdditionalFields.Should().BeNullOrEmpty();
        WrittenBack(p, KeyManagementServiceJsonContext.Tolerant).Should().BeTrue();
    }

    private static bool WrittenBack<T>(T value, JsonSerializerOptions options)
        where T : class
    {
        using JsonDocument written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), options));
        object? again = JsonSerializer.Deserialize(written.RootElement.GetRawText(), typeof(T), options);
        return again is not null && again.Equals(value);
    }
}
