using System.Text.Json;
using CloudTrailModel.Operations.EC2;
using CloudTrailModel.Operations.IdentityManagement;
using CloudTrailModel.Operations.Lambda;
using CloudTrailModel.Operations.S3;
using CloudTrailModel.Operations.SecurityToken;
using CloudTrailModel.Operations.SignIn;
using CloudTrailModel.Policies;
using CloudTrailModel.Tests.Operations;
using CloudTrailModel.UserTypes;

namespace CloudTrailModel.Tests;

/// <summary>
/// Operation types as properties of a user's type in the user's own source-generated context (<see cref="UserJsonContext"/>,
/// built with warnings as errors and no InternalsVisibleTo): typed values read by the library write and read back equal
/// through that context alone.
/// </summary>
public sealed class OperationUserContextTests
{
    private static OperationTypes Typed(string lambdaVariables)
    {
        CloudTrailRecord assumeRole = OperationRecords.Make("sts.amazonaws.com", "AssumeRole",
            """{"roleArn":"arn:aws:iam::111122223333:role/R","roleSessionName":"s","durationSeconds":3600,"tags":[{"key":"team","value":"red"}]}""",
            """{"credentials":{"accessKeyId":"ASIAEXAMPLE","sessionToken":"t","expiration":"2024-06-03T22:37:12Z"},"assumedRoleUser":{"assumedRoleId":"AROA:s","arn":"arn:aws:sts::111122223333:assumed-role/R/s"}}""");
        CloudTrailRecord createAccessKey = OperationRecords.Make("iam.amazonaws.com", "CreateAccessKey", """{"userName":"bob"}""",
            """{"accessKey":{"userName":"bob","accessKeyId":"AKIAEXAMPLE","status":"Active","createDate":"2024-06-02T22:37:12Z"}}""");
        CloudTrailRecord putBucketPolicy = OperationRecords.Make("s3.amazonaws.com", "PutBucketPolicy",
            """{"bucketName":"b","bucketPolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]},"x-amz-sdk-checksum-algorithm":"CRC32","Host":"b.s3.amazonaws.com","policy":"","policy-extra":1}""");
        CloudTrailRecord consoleLogin = CloudTrailRecord.Parse("""
            {"eventVersion":"1.08","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"},
             "additionalEventData":{"LoginTo":"https://console.aws.amazon.com/","MobileVersion":"No","MFAUsed":"Yes"}}
            """);
        CloudTrailRecord createFunction = OperationRecords.Make("lambda.amazonaws.com", "CreateFunction20150331",
            """{"functionName":"f","runtime":"python3.12","environment":{"variables":""" + lambdaVariables + "}}");
        CloudTrailRecord authorize = OperationRecords.Make("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
            """{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}}""");

        var value = new OperationTypes { Effect = IamPolicyEffect.Allow };
        assumeRole.TryGetRequestParameters(out AssumeRoleRequestParameters? p1).Should().BeTrue();
        assumeRole.TryGetResponseElements(out AssumeRoleResponseElements? r1).Should().BeTrue();
        createAccessKey.TryGetRequestParameters(out CreateAccessKeyRequestParameters? p2).Should().BeTrue();
        createAccessKey.TryGetResponseElements(out CreateAccessKeyResponseElements? r2).Should().BeTrue();
        putBucketPolicy.TryGetRequestParameters(out PutBucketPolicyRequestParameters? p3).Should().BeTrue();
        consoleLogin.TryGetResponseElements(out ConsoleLoginResponseElements? r4).Should().BeTrue();
        consoleLogin.TryGetAdditionalEventData(out ConsoleLoginAdditionalEventData? a4).Should().BeTrue();
        createFunction.TryGetRequestParameters(out CreateFunctionRequestParameters? p5).Should().BeTrue();
        authorize.TryGetRequestParameters(out AuthorizeSecurityGroupIngressRequestParameters? p6).Should().BeTrue();
        value.AssumeRole = p1;
        value.AssumeRoleResponse = r1;
        value.CreateAccessKey = p2;
        value.CreateAccessKeyResponse = r2;
        value.PutBucketPolicy = p3;
        value.ConsoleLogin = r4;
        value.ConsoleLoginData = a4;
        value.CreateFunction = p5;
        value.AuthorizeSecurityGroupIngress = p6;
        return value;
    }

    [Theory]
    [InlineData("""{"STAGE":"prod"}""")]
    [InlineData("\"HIDDEN_DUE_TO_SECURITY_REASONS\"")]
    public void Serialize_OperationTypesInUserContext_RoundTripEqual(string lambdaVariables)
    {
        OperationTypes value = Typed(lambdaVariables);

        string json = JsonSerializer.Serialize(value, UserJsonContext.Default.OperationTypes);
        OperationTypes? again = JsonSerializer.Deserialize(json, UserJsonContext.Default.OperationTypes);

        again.Should().NotBeNull();
        again!.AssumeRole.Should().Be(value.AssumeRole);
        again.AssumeRole!.Tags![0].Value.Should().Be("red");
        again.AssumeRoleResponse.Should().Be(value.AssumeRoleResponse);
        again.AssumeRoleResponse!.Credentials!.Expiration.Should().Be(new DateTimeOffset(2024, 6, 3, 22, 37, 12, TimeSpan.Zero), "a date member survives the user's context");
        again.CreateAccessKey.Should().Be(value.CreateAccessKey);
        again.CreateAccessKeyResponse.Should().Be(value.CreateAccessKeyResponse);
        again.PutBucketPolicy.Should().Be(value.PutBucketPolicy);
        again.PutBucketPolicy!.ChecksumAlgorithm.Should().Be(ChecksumAlgorithm.Crc32, "an enumeration member survives the user's context");
        again.PutBucketPolicy.AdditionalFields.Should().ContainKey("policy-extra");
        again.ConsoleLogin.Should().Be(value.ConsoleLogin);
        again.ConsoleLoginData.Should().Be(value.ConsoleLoginData);
        again.ConsoleLoginData!.MFAUsed.Should().Be("Yes");
        again.CreateFunction.Should().Be(value.CreateFunction);
        again.CreateFunction!.Environment!.Variables.Should().Be(value.CreateFunction!.Environment!.Variables);
        again.AuthorizeSecurityGroupIngress.Should().Be(value.AuthorizeSecurityGroupIngress);
        again.AuthorizeSecurityGroupIngress!.IpPermissions!.Items![0].IpRanges!.Items![0].CidrIp.Should().Be("0.0.0.0/0");
        again.Effect.Should().Be(IamPolicyEffect.Allow);
        JsonSerializer.Serialize(again, UserJsonContext.Default.OperationTypes).Should().Be(json, "writing again gives the same JSON");
    }

    [Fact]
    public void Serialize_SensitiveValueInUserContext_KeepsTheRedactedText()
    {
        OperationTypes again = JsonSerializer.Deserialize(
            JsonSerializer.Serialize(Typed("\"HIDDEN_DUE_TO_SECURITY_REASONS\""), UserJsonContext.Default.OperationTypes),
            UserJsonContext.Default.OperationTypes)!;

        again.CreateFunction!.Environment!.Variables!.RedactedText.Should().Be("HIDDEN_DUE_TO_SECURITY_REASONS");
    }

    [Fact]
    public void Deserialize_UserContextMemberOfAnotherShape_FailsTheReadRatherThanDroppingIt()
    {
        // Only the library's own reader has an AdditionalFields hook for a misfit; a user's context reads strictly.
        Action read = () => JsonSerializer.Deserialize("""{"AssumeRole":{"roleArn":"r","durationSeconds":"3600"}}""", UserJsonContext.Default.OperationTypes);

        read.Should().Throw<JsonException>();
        OperationRecords.Make("sts.amazonaws.com", "AssumeRole", """{"roleArn":"r","durationSeconds":"3600"}""")
            .TryGetRequestParameters(out AssumeRoleRequestParameters? tolerant).Should().BeTrue("the library's reader still keeps the misfit");
        tolerant!.AdditionalFields!["durationSeconds"].GetString().Should().Be("3600");
        tolerant.RoleArn.Should().Be("r");
    }
}
