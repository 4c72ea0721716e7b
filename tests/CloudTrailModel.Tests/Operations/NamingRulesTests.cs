using System.Text.Json;
using CloudTrailModel.Generator;

namespace CloudTrailModel.Tests.Operations;

/// <summary>Each generator naming rule on its own, with the spellings real CloudTrail records use.</summary>
public sealed class NamingRulesTests
{
    [Theory]
    [InlineData("DBInstanceIdentifier", "dBInstanceIdentifier")]
    [InlineData("CIDRIP", "cIDRIP")]
    [InlineData("IAMDatabaseAuthenticationEnabled", "iAMDatabaseAuthenticationEnabled")]
    [InlineData("UserName", "userName")]
    [InlineData("x", "x")]
    [InlineData("", "")]
    public void LowerFirst_ModelName_LowersOnlyTheFirstLetter(string name, string expected) =>
        NamingRules.LowerFirst(name).Should().Be(expected);

    [Theory]
    [InlineData("query", "DBInstanceIdentifier", "{}", false, "dBInstanceIdentifier")]
    [InlineData("json", "KeyId", "{}", false, "keyId")]
    [InlineData("rest-json", "FunctionName", """{"location":"uri","locationName":"FunctionName"}""", false, "functionName")]
    [InlineData("ec2", "GroupId", "{}", false, "groupId")]
    [InlineData("ec2", "IpPermissions", "{}", true, "ipPermissions")]
    [InlineData("ec2", "Filters", """{"locationName":"Filter"}""", true, "filterSet")]
    [InlineData("ec2", "Values", """{"locationName":"Value"}""", true, "valueSet")]
    [InlineData("ec2", "IpRanges", """{"locationName":"ipRanges"}""", true, "ipRanges")]
    [InlineData("ec2", "StoppingInstances", """{"locationName":"instancesSet"}""", true, "instancesSet")]
    [InlineData("ec2", "Return", """{"locationName":"return"}""", false, "_return")]
    [InlineData("ec2", "Add", "{}", true, "add")]
    [InlineData("rest-xml", "Bucket", """{"location":"uri","locationName":"Bucket"}""", false, "bucketName")]
    [InlineData("rest-xml", "Key", """{"location":"uri","locationName":"Key"}""", false, "key")]
    [InlineData("rest-xml", "CopySource", """{"location":"header","locationName":"x-amz-copy-source"}""", false, "x-amz-copy-source")]
    [InlineData("rest-xml", "VersionId", """{"location":"querystring","locationName":"versionId"}""", false, "versionId")]
    [InlineData("rest-xml", "VersioningConfiguration", """{"locationName":"VersioningConfiguration"}""", false, "VersioningConfiguration")]
    [InlineData("rest-xml", "Status", "{}", false, "Status")]
    [InlineData("cloudtrail-verbatim", "ConsoleLogin", "{}", false, "ConsoleLogin")]
    public void JsonName_ProtocolAndMember_IsTheSpellingCloudTrailLogs(string protocol, string name, string member, bool isList, string expected)
    {
        using JsonDocument document = JsonDocument.Parse(member);
        NamingRules.JsonName(protocol, name, document.RootElement, isList).Should().Be(expected);
    }

    [Theory]
    [InlineData("/{Bucket}?acl", new[] { "acl" })]
    [InlineData("/{Bucket}?lifecycle", new[] { "lifecycle" })]
    [InlineData("/{Bucket}/{Key+}?x-id=GetObject", new string[0])]
    [InlineData("/{Bucket}?delete", new[] { "delete" })]
    [InlineData("/{Bucket}", new string[0])]
    public void SubresourceMarkers_RequestUri_AreTheValuelessQueryNames(string uri, string[] expected) =>
        NamingRules.SubresourceMarkers(uri).Should().Equal(expected);

    [Fact]
    public void EventNames_LambdaSuffixes_AddTheVersionedSpellings() =>
        NamingRules.EventNames("UpdateFunctionCode", [], ["20150331", "20150331v2"])
            .Should().Equal("UpdateFunctionCode", "UpdateFunctionCode20150331", "UpdateFunctionCode20150331v2");

    [Fact]
    public void EventNames_AliasesAndDuplicates_KeepsEachOnceInOrder() =>
        NamingRules.EventNames("ListObjects", ["ListBucket", "ListObjects"], [])
            .Should().Equal("ListObjects", "ListBucket");

    [Theory]
    [InlineData("DescribeInstances", true)]
    [InlineData("GetBucketAcl", true)]
    [InlineData("ListUsers", true)]
    [InlineData("RunInstances", false)]
    [InlineData("AssumeRole", false)]
    public void IsReadOnly_OperationName_ByPrefix(string operation, bool expected) =>
        GeneratorRules.IsReadOnly(operation).Should().Be(expected);

    [Fact]
    public void Parse_RuleFile_ReadsEveryRuleKind()
    {
        GeneratorRules rules = GeneratorRules.Parse("""
            {
              "eventNames": { "ListObjects": ["ListBucket"] },
              "eventNameSuffixes": ["20150331"],
              "memberNames": { "StopInstancesRequest.InstanceIds": "instancesSet" },
              "jsonValues": ["PutBucketPolicyRequest.Policy"],
              "itemGroups": { "RunInstancesRequest": { "set": "instancesSet", "members": ["ImageId", "MinCount"] } },
              "skipReadOnlyResponses": true,
              "typedResponses": ["RunInstances"],
              "unwrapOutputs": true,
              "targets": { "userName": "User", "response:accessKey.accessKeyId": "AccessKey" },
              "operationTargets": { "GetParameter": [{ "kind": "Parameter", "path": "name" }] }
            }
            """);
        rules.EventNames["ListObjects"].Should().Equal("ListBucket");
        rules.EventNameSuffixes.Should().Equal("20150331");
        rules.MemberNames["StopInstancesRequest.InstanceIds"].Should().Be("instancesSet");
        rules.JsonValues.Should().Contain("PutBucketPolicyRequest.Policy");
        rules.ItemGroups["RunInstancesRequest"].Members.Should().Equal("ImageId", "MinCount");
        rules.SkipReadOnlyResponses.Should().BeTrue();
        rules.TypedResponses.Should().BeEquivalentTo(["RunInstances"]);
        rules.UnwrapOutputs.Should().BeTrue();
        rules.MemberTargets.Should().Equal(("userName", "User", false), ("accessKey.accessKeyId", "AccessKey", true));
        rules.OperationTargets["GetParameter"].Should().Equal(new TargetSpec("Parameter", "name", false));
    }
}
