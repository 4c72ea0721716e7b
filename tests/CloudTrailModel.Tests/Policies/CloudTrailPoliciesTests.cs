using System.Text;
using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

public sealed class CloudTrailPoliciesTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"x:Get","Resource":"*"}]}""";

    private static readonly string PolicyString = PolicyJson.Token(Policy);

    public static TheoryData<string, string, string, string?, string> Locations() => new()
    {
        { "iam.amazonaws.com", "CreatePolicy", $$"""{"policyName":"p","policyDocument":{{PolicyString}}}""", null, "requestParameters.policyDocument Identity" },
        { "iam.amazonaws.com", "CreatePolicyVersion", $$"""{"policyDocument":{{PolicyString}},"setAsDefault":true}""", null, "requestParameters.policyDocument Identity" },
        { "iam.amazonaws.com", "PutUserPolicy", $$"""{"policyDocument":{{PolicyString}}}""", null, "requestParameters.policyDocument Identity" },
        { "iam.amazonaws.com", "PutRolePolicy", $$"""{"policyDocument":{{PolicyString}}}""", null, "requestParameters.policyDocument Identity" },
        { "iam.amazonaws.com", "PutGroupPolicy", $$"""{"policyDocument":{{PolicyString}}}""", null, "requestParameters.policyDocument Identity" },
        { "iam.amazonaws.com", "CreateRole", $$$"""{"roleName":"r","assumeRolePolicyDocument":{{{PolicyString}}}}""", $$$"""{"role":{"assumeRolePolicyDocument":{{{PolicyString}}}}}""", "requestParameters.assumeRolePolicyDocument Trust|responseElements.role.assumeRolePolicyDocument Trust" },
        { "iam.amazonaws.com", "UpdateAssumeRolePolicy", $$"""{"roleName":"r","policyDocument":{{PolicyString}}}""", null, "requestParameters.policyDocument Trust" },
        { "s3.amazonaws.com", "PutBucketPolicy", $$"""{"bucketName":"b","bucketPolicy":{{Policy}}}""", null, "requestParameters.bucketPolicy Resource" },
        { "kms.amazonaws.com", "CreateKey", $$"""{"policy":{{PolicyString}}}""", null, "requestParameters.policy Resource" },
        { "kms.amazonaws.com", "PutKeyPolicy", $$"""{"keyId":"k","policyName":"default","policy":{{PolicyString}}}""", null, "requestParameters.policy Resource" },
        { "kms.amazonaws.com", "ReplicateKey", $$"""{"policy":{{PolicyString}}}""", null, "requestParameters.policy Resource" },
        { "sqs.amazonaws.com", "CreateQueue", $$$"""{"queueName":"q","attributes":{"Policy":{{{PolicyString}}}}}""", null, "requestParameters.attributes.Policy Resource" },
        { "sqs.amazonaws.com", "SetQueueAttributes", $$$"""{"attributes":{"Policy":{{{PolicyString}}}}}""", null, "requestParameters.attributes.Policy Resource" },
        { "sns.amazonaws.com", "CreateTopic", $$$"""{"name":"t","attributes":{"Policy":{{{PolicyString}}}}}""", null, "requestParameters.attributes.Policy Resource" },
        { "sns.amazonaws.com", "SetTopicAttributes", $$"""{"attributeName":"Policy","attributeValue":{{PolicyString}}}""", null, "requestParameters.attributeValue Resource" },
        { "secretsmanager.amazonaws.com", "PutResourcePolicy", $$"""{"secretId":"s","resourcePolicy":{{PolicyString}}}""", null, "requestParameters.resourcePolicy Resource" },
        { "ecr.amazonaws.com", "SetRepositoryPolicy", $$"""{"policyText":{{PolicyString}}}""", $$"""{"policyText":{{PolicyString}}}""", "requestParameters.policyText Resource|responseElements.policyText Resource" },
        { "ecr.amazonaws.com", "PutRegistryPolicy", $$"""{"policyText":{{PolicyString}}}""", null, "requestParameters.policyText Resource" },
        { "es.amazonaws.com", "CreateElasticsearchDomain", $$"""{"domainName":"d","accessPolicies":{{Policy}}}""", null, "requestParameters.accessPolicies Resource" },
        { "es.amazonaws.com", "UpdateDomainConfig", $$"""{"accessPolicies":{{PolicyString}}}""", null, "requestParameters.accessPolicies Resource" },
        { "sso.amazonaws.com", "PutInlinePolicyToPermissionSet", $$"""{"inlinePolicy":{{PolicyString}}}""", null, "requestParameters.inlinePolicy Identity" },
        { "organizations.amazonaws.com", "CreatePolicy", $$"""{"content":{{PolicyString}},"type":"SERVICE_CONTROL_POLICY"}""", null, "requestParameters.content Organizations" },
        { "organizations.amazonaws.com", "UpdatePolicy", $$"""{"policyId":"p-1","content":{{PolicyString}}}""", null, "requestParameters.content Organizations" },
    };

    [Theory]
    [MemberData(nameof(Locations))]
    public void Read_EachPlaceAPolicyTravels_FindsIt(string source, string name, string request, string? response, string expected)
    {
        IReadOnlyList<CloudTrailPolicy> policies = CloudTrailPolicies.Read(Record(source, name, request, response));

        string.Join('|', policies.Select(p => p.Location + " " + p.Kind)).Should().Be(expected);
        policies.Should().OnlyContain(p => p.Document.IsValid && p.Document.IsPublic && p.Document.Statements.Single().Action!.Single() == "x:Get");
    }

    [Fact]
    public void Read_OtherCallsAndAbsentMembers_GiveNothing()
    {
        CloudTrailPolicies.Read(Record("iam.amazonaws.com", "CreateUser", """{"userName":"u"}""", null)).Should().BeEmpty();
        CloudTrailPolicies.Read(Record("iam.amazonaws.com", "PutUserPolicy", """{"userName":"u"}""", null)).Should().BeEmpty();
        CloudTrailPolicies.Read(Record("iam.amazonaws.com", "PutUserPolicy", """{"policyDocument":null}""", null)).Should().BeEmpty();
        CloudTrailPolicies.Read(Record("iam.amazonaws.com", "PutUserPolicy", null, null)).Should().BeEmpty();
        CloudTrailPolicies.Read(Record("s3.amazonaws.com", "SetQueueAttributes", """{"attributes":{"Policy":"{}"}}""", null)).Should().BeEmpty("the call is matched by its event source too");
        CloudTrailPolicies.Read(Record("sns.amazonaws.com", "SetTopicAttributes", $$"""{"attributeName":"DisplayName","attributeValue":{{PolicyString}}}""", null)).Should().BeEmpty();
    }

    [Fact]
    public void Read_UnreadableValue_GivesAnInvalidDocument()
    {
        CloudTrailPolicy policy = CloudTrailPolicies.Read(Record("iam.amazonaws.com", "PutRolePolicy", """{"policyDocument":"HIDDEN_DUE_TO_SECURITY_REASONS"}""", null)).Single();

        policy.Document.IsValid.Should().BeFalse();
        policy.Document.OriginalText.Should().Be("HIDDEN_DUE_TO_SECURITY_REASONS");
    }

    [Fact]
    public void Read_LambdaAddPermission_RequestAndResponseStatement()
    {
        CloudTrailRecord record = Record(
            "lambda.amazonaws.com",
            "AddPermission20150331v2",
            """{"functionName":"f","statementId":"backdoor","action":"lambda:InvokeFunction","principal":"*"}""",
            """{"statement":"{\"Sid\":\"backdoor\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:us-east-1:111122223333:function:f\"}"}""");

        IReadOnlyList<CloudTrailPolicy> policies = CloudTrailPolicies.Read(record);

        policies.Select(p => p.Location).Should().Equal("requestParameters", "responseElements.statement");
        policies.Should().OnlyContain(p => p.Document.IsPublic && p.Document.IsSingleStatement && p.Kind == IamPolicyKind.Resource);
        IamPolicyStatement fromResponse = policies[1].Document.Statements.Single();
        fromResponse.Resource.Should().Equal("arn:aws:lambda:us-east-1:111122223333:function:f");
        policies[1].Document.Form.Should().Be(IamPolicyDocumentForm.JsonString);
        policies[1].Document.AdditionalFields.Should().BeNull();
        policies[0].Document.Statements.Single().Should().BeEquivalentTo(new { Sid = "backdoor" });
        PolicyJson.Write(policies[1].Document).Should().StartWith("\"{\\\"Sid\\\":\\\"backdoor\\\",");
    }

    [Fact]
    public void Read_LambdaAddPermission_ConditionsRestrict()
    {
        CloudTrailRecord record = Record(
            "lambda.amazonaws.com",
            "AddPermission20150331v2",
            """{"functionName":"f","action":"lambda:InvokeFunction","principal":"s3.amazonaws.com","sourceArn":"arn:aws:s3:::b","sourceAccount":"111122223333"}""",
            null);

        IamPolicyStatement statement = CloudTrailPolicies.Read(record).Single().Document.Statements.Single();

        statement.Principal!.Service.Should().Equal("s3.amazonaws.com");
        statement.Condition!.Entries.Select(e => e.Operator + " " + e.Key + " " + e.Values[0]).Should().Equal(
            "ArnLike AWS:SourceArn arn:aws:s3:::b",
            "StringEquals AWS:SourceAccount 111122223333");
        statement.IsPublic.Should().BeFalse();
    }

    [Fact]
    public void Read_LambdaLayerPermission_OtherAccountOrOrganization()
    {
        CloudTrailRecord layer = Record(
            "lambda.amazonaws.com",
            "AddLayerVersionPermission20181031",
            """{"layerName":"l","versionNumber":1,"statementId":"s","action":"lambda:GetLayerVersion","principal":"444455556666"}""",
            null);
        CloudTrailRecord org = Record(
            "lambda.amazonaws.com",
            "AddLayerVersionPermission20181031",
            """{"layerName":"l","versionNumber":1,"statementId":"s","action":"lambda:GetLayerVersion","principal":"*","organizationId":"o-abc"}""",
            null);

        CloudTrailPolicies.Read(layer).Single().Document.GetOtherAccountIds("111122223333").Should().Equal("444455556666");
        CloudTrailPolicies.Read(org).Single().Document.IsPublic.Should().BeFalse();
        CloudTrailPolicies.Read(org).Single().Document.Statements.Single().HasPublicPrincipal.Should().BeTrue();
    }

    [Theory]
    [InlineData("iam.amazonaws.com", "AttachUserPolicy", """{"userName":"u","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}""", null, true)]
    [InlineData("iam.amazonaws.com", "AttachRolePolicy", """{"roleName":"r","policyArn":"arn:aws-us-gov:iam::aws:policy/AdministratorAccess"}""", null, true)]
    [InlineData("iam.amazonaws.com", "AttachGroupPolicy", """{"groupName":"g","policyArn":"arn:aws-cn:iam::aws:policy/AdministratorAccess"}""", null, true)]
    [InlineData("sso.amazonaws.com", "AttachManagedPolicyToPermissionSet", """{"managedPolicyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}""", null, true)]
    [InlineData("iam.amazonaws.com", "AttachUserPolicy", """{"userName":"u","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}""", "AccessDenied", false)]
    [InlineData("iam.amazonaws.com", "AttachUserPolicy", """{"userName":"u","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}""", null, false)]
    [InlineData("iam.amazonaws.com", "AttachUserPolicy", """{"userName":"u","policyArn":"arn:aws:iam::111122223333:policy/AdministratorAccess"}""", null, false)]
    [InlineData("iam.amazonaws.com", "DetachUserPolicy", """{"userName":"u","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}""", null, false)]
    [InlineData("iam.amazonaws.com", "AttachUserPolicy", """{"userName":"u"}""", null, false)]
    public void IsAdministratorAccessAttached_ByArnOfASuccessfulAttach(string source, string name, string request, string? errorCode, bool expected) =>
        CloudTrailPolicies.IsAdministratorAccessAttached(Record(source, name, request, null, errorCode)).Should().Be(expected);

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess", true)]
    [InlineData("arn:aws-iso:iam::aws:policy/AdministratorAccess", true)]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess-Amplify", false)]
    [InlineData("arn:aws:iam::aws:policy/job-function/AdministratorAccess", false)]
    [InlineData("arn:aws:iam::aws:policy/administratoraccess", false)]
    [InlineData("AdministratorAccess", false)]
    [InlineData(null, false)]
    public void IsAdministratorAccessArn_AnyPartition(string? arn, bool expected) =>
        CloudTrailPolicies.IsAdministratorAccessArn(arn).Should().Be(expected);

    internal static CloudTrailRecord Record(string source, string name, string? request, string? response, string? errorCode = null)
    {
        string json = $$"""
            {"eventVersion":"1.08","eventTime":"2024-01-01T00:00:00Z","eventSource":"{{source}}","eventName":"{{name}}",
            "awsRegion":"us-east-1","recipientAccountId":"111122223333"{{(errorCode is null ? string.Empty : $",\"errorCode\":\"{errorCode}\"")}},
            "requestParameters":{{request ?? "null"}},"responseElements":{{response ?? "null"}}}
            """;
        return CloudTrailRecord.Parse(Encoding.UTF8.GetBytes(json));
    }
}
