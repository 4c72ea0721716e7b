using CloudTrailModel.Operations.EC2;
using CloudTrailModel.Operations.IdentityManagement;
using CloudTrailModel.Operations.S3;
using CloudTrailModel.Policies;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Policies;

/// <summary>The README's three detections, run over every record of their calls in the shared corpus.</summary>
public sealed class DetectionCorpusTests
{
    [SkippableFact]
    public void PublicBucketPolicy_CorpusRecords_NoneIsPublic()
    {
        List<CloudTrailRecord> calls = Calls("s3.amazonaws.com", "PutBucketPolicy");

        calls.Should().HaveCountGreaterThanOrEqualTo(3);
        calls.All(r => r.TryGetRequestParameters(out PutBucketPolicyRequestParameters? _)).Should().BeTrue("every PutBucketPolicy record is typed");
        calls.Where(r => r.ErrorCode is null && r.TryGetRequestParameters(out PutBucketPolicyRequestParameters? _)
                && CloudTrailPolicies.Read(r).Any(p => p.Document.IsPublic))
            .Should().BeEmpty("the corpus's bucket policies name a service, are limited to an organization, or are not JSON");
    }

    [SkippableFact]
    public void AccessKeyForAnotherUser_CorpusRecords_FindsTheTwoOtherUsers()
    {
        List<CloudTrailRecord> calls = Calls("iam.amazonaws.com", "CreateAccessKey");

        List<string> findings = calls
            .Where(r => r.ErrorCode is null)
            .Select(r => r.TryGetRequestParameters(out CreateAccessKeyRequestParameters? key)
                && key.UserName is { } user && user != r.UserIdentity?.Arn?.Split('/')[^1] ? r.UserIdentity?.Arn + " -> " + user : null)
            .OfType<string>()
            .ToList();

        calls.Should().HaveCountGreaterThanOrEqualTo(4);
        findings.Should().BeEquivalentTo("arn:aws:iam::123456789:user/user1 -> user2", "arn:aws:iam::123456789012:root -> example-user");
    }

    [SkippableFact]
    public void SecurityGroupOpenToTheWorld_CorpusRecords_FindsTheOneOpenGroup()
    {
        List<CloudTrailRecord> calls = Calls("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress");

        List<string?> findings = calls
            .Where(r => r.ErrorCode is null)
            .Select(r => r.TryGetRequestParameters(out AuthorizeSecurityGroupIngressRequestParameters? ingress)
                && (ingress.CidrIp == "0.0.0.0/0" || (ingress.IpPermissions?.Items ?? []).Any(rule =>
                    (rule.IpRanges?.Items ?? []).Any(range => range.CidrIp == "0.0.0.0/0")
                    || (rule.Ipv6Ranges?.Items ?? []).Any(range => range.CidrIpv6 == "::/0"))) ? ingress.GroupId : null)
            .Where(g => g is not null)
            .ToList();

        calls.Should().HaveCountGreaterThanOrEqualTo(4);
        findings.Should().Equal("sg-0d921df5d84f7270a");
    }

    private static List<CloudTrailRecord> Calls(string source, string name)
    {
        Corpus.Require();
        return PolicyCorpus.Records.Select(r => r.Record).Where(r => r.EventSource == source && r.EventName == name).ToList();
    }
}
