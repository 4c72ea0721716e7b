using CloudTrailModel.Operations.CloudTrail;
using CloudTrailModel.Operations.EC2;
using CloudTrailModel.Operations.Lambda;
using CloudTrailModel.Operations.RDS;
using CloudTrailModel.Operations.S3;
using CloudTrailModel.Operations.SignIn;

namespace CloudTrailModel.Tests.Operations;

/// <summary>The shapes CloudTrail logs per service (from corpus records), read into the generated types.</summary>
public sealed class ServiceShapeTests
{
    [Fact]
    public void PutInsightSelectors_InsightType_IsTheCoreValueSet_AndKeepsAnUnknownValue()
    {
        // One InsightType for records (insightDetails) and operations: the package defines no copy of its own.
        typeof(InsightSelector).Assembly.GetTypes().Should().NotContain(t => t.Name == nameof(InsightType));
        CloudTrailRecord record = OperationRecords.Make("cloudtrail.amazonaws.com", "PutInsightSelectors",
            """{"trailName": "t", "insightSelectors": [{"insightType": "ApiCallRateInsight"}, {"insightType": "ApiNewRateInsight"}]}""",
            """{"trailARN": "arn:aws:cloudtrail:us-east-1:123456789012:trail/t", "insightSelectors": [{"insightType": "ApiErrorRateInsight"}]}""");

        record.TryGetRequestParameters(out PutInsightSelectorsRequestParameters? p).Should().BeTrue();
        p!.InsightSelectors!.Select(s => s.InsightType).Should().Equal(InsightType.ApiCallRateInsight, new InsightType("ApiNewRateInsight"));
        record.TryGetResponseElements(out PutInsightSelectorsResponseElements? r).Should().BeTrue();
        r!.InsightSelectors!.Single().InsightType.Should().Be(InsightType.ApiErrorRateInsight);
    }

    [Fact]
    public void RunInstances_CountsAndImageInsideInstancesSetItems_AreTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("ec2.amazonaws.com", "RunInstances", """
            {"instanceType": "t3a.micro", "instancesSet": {"items": [{"imageId": "ami-1", "keyName": "a-key", "maxCount": 1, "minCount": 1}]},
             "networkInterfaceSet": {"items": [{"deviceIndex": 0, "groupSet": {"items": [{"groupId": "sg-1"}]}, "subnetId": "subnet-1"}]},
             "blockDeviceMapping": {}, "monitoring": {"enabled": false}}
            """, """{"requestId": "r-1", "groupSet": {}, "instancesSet": {"items": [{"instanceId": "i-1", "imageId": "ami-1", "instanceState": {"code": 0, "name": "pending"}}]}}""");

        record.TryGetRequestParameters(out RunInstancesRequestParameters? p).Should().BeTrue();
        p!.InstanceType!.Value.ToString().Should().Be("t3a.micro");
        RunInstancesInstancesSetItem item = p.InstancesSet!.Items!.Single();
        (item.ImageId, item.MinCount, item.MaxCount, item.KeyName).Should().Be(("ami-1", 1, 1, "a-key"));
        p.NetworkInterfaces!.Items!.Single().Groups!.Items!.Single().GroupId.Should().Be("sg-1");
        p.Monitoring!.Enabled.Should().BeFalse();
        p.AdditionalFields.Should().BeNullOrEmpty();
        record.TryGetResponseElements(out RunInstancesResponseElements? r).Should().BeTrue();
        r!.RequestId.Should().Be("r-1");
        r.Instances!.Items!.Single().InstanceId.Should().Be("i-1");
    }

    [Fact]
    public void StopInstances_InstanceIdsAsItemObjects_AndReturnAndRequestId_AreTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("ec2.amazonaws.com", "StopInstances",
            """{"instancesSet": {"items": [{"instanceId": "i-1"}, {"instanceId": "i-2"}]}, "force": false}""",
            """{"requestId": "r", "instancesSet": {"items": [{"instanceId": "i-1", "currentState": {"code": 64, "name": "stopping"}}]}}""");

        record.TryGetRequestParameters(out StopInstancesRequestParameters? p).Should().BeTrue();
        p!.InstanceIds!.Items!.Select(i => i.InstanceId).Should().Equal("i-1", "i-2");
        p.Force.Should().BeFalse();
        record.TryGetResponseElements(out StopInstancesResponseElements? r).Should().BeTrue();
        r!.StoppingInstances!.Items!.Single().CurrentState!.Code.Should().Be(64);
    }

    [Fact]
    public void AuthorizeSecurityGroupIngress_NestedSetsAndReturn_AreTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
            """{"groupId": "sg-1", "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "groups": {}, "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}, "ipv6Ranges": {}, "prefixListIds": {}}]}}""",
            """{"requestId": "r", "_return": true}""");

        record.TryGetRequestParameters(out AuthorizeSecurityGroupIngressRequestParameters? p).Should().BeTrue();
        p!.IpPermissions!.Items!.Single().IpRanges!.Items!.Single().CidrIp.Should().Be("0.0.0.0/0");
        p.AdditionalFields.Should().BeNullOrEmpty();
        record.TryGetResponseElements(out AuthorizeSecurityGroupIngressResponseElements? r).Should().BeTrue();
        r!.Return.Should().BeTrue();
    }

    [Fact]
    public void PutBucketLifecycle_XmlBodyHostAndSubresourceMarker_AreTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("s3.amazonaws.com", "PutBucketLifecycle", """
            {"Host": "s3.us-west-2.amazonaws.com", "bucketName": "logs", "lifecycle": "",
             "LifecycleConfiguration": {"xmlns": "http://s3.amazonaws.com/doc/2006-03-01/", "Rule": {"ID": "r", "Status": "Enabled"}}}
            """);

        record.TryGetRequestParameters(out PutBucketLifecycleRequestParameters? p).Should().BeTrue();
        p!.Bucket.Should().Be("logs");
        p.Host!.Value.GetString().Should().Be("s3.us-west-2.amazonaws.com");
        p.LifecycleSubresource!.Value.GetString().Should().BeEmpty();
        p.LifecycleConfiguration!.Xmlns.Should().Be("http://s3.amazonaws.com/doc/2006-03-01/");
        p.AdditionalFields.Should().BeNullOrEmpty();
    }

    [Fact]
    public void PutBucketPolicy_BucketPolicyObjectAndListShapedMarkers_AreTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("s3.amazonaws.com", "PutBucketPolicy", """
            {"bucketName": "b", "bucketPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]},
             "host": ["s3.us-west-2.amazonaws.com"], "policy": [""]}
            """);

        record.TryGetRequestParameters(out PutBucketPolicyRequestParameters? p).Should().BeTrue();
        p!.Policy!.Value.GetProperty("Statement")[0].GetProperty("Principal").GetString().Should().Be("*");
        p.HostLowercase!.Value[0].GetString().Should().Be("s3.us-west-2.amazonaws.com");
        p.PolicySubresource!.Value[0].GetString().Should().BeEmpty();
        p.AdditionalFields.Should().BeNullOrEmpty();
    }

    [Theory]
    [InlineData("ListBucket", typeof(ListObjectsRequestParameters))]
    [InlineData("ListAllMyBuckets", typeof(ListBucketsRequestParameters))]
    [InlineData("GetBucketObjectLockConfiguration", typeof(GetObjectLockConfigurationRequestParameters))]
    public void GetRequestParameters_S3EventNameThatIsNotAnOperationName_FindsTheOperation(string eventName, System.Type expected) =>
        OperationRecords.Make("s3.amazonaws.com", eventName, """{"bucketName": "b"}""").GetRequestParameters().Should().BeOfType(expected);

    [Theory]
    [InlineData("UpdateFunctionCode20150331v2")]
    [InlineData("UpdateFunctionCode")]
    public void GetRequestParameters_LambdaVersionedEventName_FindsTheOperation(string eventName) =>
        OperationRecords.Make("lambda.amazonaws.com", eventName, """{"functionName": "f"}""").GetRequestParameters()
            .Should().BeOfType<UpdateFunctionCodeRequestParameters>().Which.FunctionName.Should().Be("f");

    [Fact]
    public void AuthorizeDBSecurityGroupIngress_CapitalizedNames_AreTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("rds.amazonaws.com", "AuthorizeDBSecurityGroupIngress",
            """{"dBSecurityGroupName": "sg", "cIDRIP": "0.0.0.0/0"}""");

        record.TryGetRequestParameters(out AuthorizeDBSecurityGroupIngressRequestParameters? p).Should().BeTrue();
        p!.CIDRIP.Should().Be("0.0.0.0/0");
        p.DBSecurityGroupName.Should().Be("sg");
    }

    [Fact]
    public void ConsoleLogin_ResponseElements_AreTyped()
    {
        CloudTrailRecord record = OperationRecords.Make("signin.amazonaws.com", "ConsoleLogin", "null", """{"ConsoleLogin": "Failure"}""");

        record.TryGetResponseElements(out ConsoleLoginResponseElements? r).Should().BeTrue();
        r!.ConsoleLogin.Should().Be("Failure");
        record.GetRequestParameters().Should().BeNull();
    }
}
