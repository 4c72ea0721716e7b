using System.Runtime.InteropServices;
using System.Text.Json;
using CloudTrailModel.Policies;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Policies;

/// <summary>The policies the shared corpus's records carry: found, read, checked, and written back as they came.</summary>
public sealed class PolicyCorpusTests
{
    [SkippableFact]
    public void Read_EveryCorpusRecord_EachPolicyWritesBackExactlyAsItCame()
    {
        Corpus.Require();
        var calls = new HashSet<string>(StringComparer.Ordinal);
        int count = 0;
        foreach ((string file, CloudTrailRecord record) in PolicyCorpus.Records)
        {
            foreach (CloudTrailPolicy policy in CloudTrailPolicies.Read(record))
            {
                if (policy.Location == "requestParameters")
                {
                    continue;
                }

                JsonElement member = Member(record, policy.Location);
                PolicyJson.Write(policy.Document).Should().Be(
                    System.Text.Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(member)),
                    $"{file}: {record.EventName} {policy.Location} is written back as it came");
                calls.Add(record.EventSource + " " + record.EventName);
                count++;
            }
        }

        count.Should().BeGreaterThanOrEqualTo(20);
        calls.Should().Contain(
        [
            "s3.amazonaws.com PutBucketPolicy", "iam.amazonaws.com PutUserPolicy", "iam.amazonaws.com UpdateAssumeRolePolicy",
            "iam.amazonaws.com CreateRole", "kms.amazonaws.com PutKeyPolicy", "sqs.amazonaws.com SetQueueAttributes",
            "secretsmanager.amazonaws.com PutResourcePolicy", "ecr.amazonaws.com SetRepositoryPolicy", "es.amazonaws.com CreateElasticsearchDomain",
        ]);
    }

    [SkippableFact]
    public void Read_EveryCorpusRecord_ValidUnlessThePanelSaysOtherwise()
    {
        Corpus.Require();
        List<string> invalid = PolicyCorpus.Records
            .SelectMany(r => CloudTrailPolicies.Read(r.Record).Where(p => !p.Document.IsValid).Select(p => r.Record.EventName + " " + p.Location + " " + p.Document.OriginalJson))
            .Distinct()
            .ToList();

        // Panther's tests hold one deliberately broken bucket policy; every other policy in the corpus is policy JSON.
        invalid.Should().Equal("PutBucketPolicy requestParameters.bucketPolicy \"invalid-json-policy\"");
    }

    [SkippableFact]
    public void Panther_S3PutBucketPolicy_PublicOnlyWithoutRestrictingConditions()
    {
        List<IamPolicyDocument> documents = Documents("panther/s3.jsonl", "PutBucketPolicy").Where(d => d.IsValid).ToList();

        documents.Should().HaveCount(2);
        documents[0].Statements.Single().Principal!.Service.Should().Equal("cloudtrail.amazonaws.com");
        documents[0].IsPublic.Should().BeFalse();
        documents[1].Statements.Single().HasPublicPrincipal.Should().BeTrue();
        documents[1].Statements.Single().IsRestrictedByCondition.Should().BeTrue("aws:PrincipalOrgID is fixed, though aws:SourceVpc is a wildcard");
        documents[1].IsPublic.Should().BeFalse();
    }

    [SkippableFact]
    public void Panther_IamTrustPolicies_PublicWithExternalIdOnly()
    {
        List<IamPolicyDocument> documents = Documents("panther/iam.jsonl", "UpdateAssumeRolePolicy").ToList();

        documents.Should().HaveCount(2);
        documents.Should().OnlyContain(d => d.Form == IamPolicyDocumentForm.JsonString);
        documents[0].IsPublic.Should().BeFalse();
        documents[1].IsPublic.Should().BeTrue("sts:ExternalId is a shared secret, not a limit on who calls");
    }

    [SkippableFact]
    public void Panther_IamPutUserPolicy_DenyAllIsNotAdministratorAccess()
    {
        List<IamPolicyDocument> documents = Documents("panther/iam.jsonl", "PutUserPolicy").ToList();

        documents.Should().HaveCount(2).And.OnlyContain(d => d.IsValid && d.Statements.All(s => s.Effect == IamPolicyEffect.Deny));
        documents.Should().OnlyContain(d => !d.IsEquivalentToAdministratorAccess && !d.HasWildcardAction && !d.HasWildcardResource);
        documents[0].Statements.Single().Action!.IsList.Should().BeTrue();
    }

    [SkippableFact]
    public void Panther_IamAttachPolicy_AdministratorAccessAttached()
    {
        Corpus.Require();
        List<CloudTrailRecord> attaches = Records("panther/iam.jsonl")
            .Where(r => r.EventName is "AttachUserPolicy" or "AttachRolePolicy")
            .ToList();

        attaches.Should().HaveCountGreaterThanOrEqualTo(5);
        attaches.Where(CloudTrailPolicies.IsAdministratorAccessAttached).Select(r => r.EventName).Should().Equal("AttachUserPolicy", "AttachRolePolicy");
    }

    [SkippableFact]
    public void Panther_KmsSqsSecretsEcr_PublicAndRestricted()
    {
        List<IamPolicyDocument> kms = Documents("panther/kms.jsonl", "PutKeyPolicy").ToList();
        kms.Select(d => d.Form).Should().Equal(IamPolicyDocumentForm.JsonObject, IamPolicyDocumentForm.JsonString);
        kms.Select(d => d.IsPublic).Should().Equal(true, false);
        kms[1].GetOtherAccountIds("123456789012").Should().BeEmpty();
        kms[1].GetOtherAccountIds("999999999999").Should().Contain("123456789012");

        IamPolicyDocument sqs = Documents("panther/sqs.jsonl", "SetQueueAttributes").Single();
        sqs.Statements.Select(s => s.IsPublic).Should().Equal(false, true);
        sqs.HasWildcardAction.Should().BeTrue();

        Documents("panther/secretsmanager.jsonl", "PutResourcePolicy").Should().HaveCount(2).And.OnlyContain(d => d.IsValid && !d.IsPublic);

        List<CloudTrailPolicy> ecr = Records("panther/ecr.jsonl").Where(r => r.EventName == "SetRepositoryPolicy").SelectMany(CloudTrailPolicies.Read).ToList();
        ecr.Select(p => p.Location).Should().Equal("requestParameters.policyText", "responseElements.policyText");
        ecr.Should().OnlyContain(p => p.Document.IsPublic && p.Document.Statements.Single().Sid == "PublicRead");
    }

    [SkippableFact]
    public void Real_CreateRole_UrlEncodedResponseTrustPolicy()
    {
        Corpus.Require();
        List<CloudTrailPolicy> policies = PolicyCorpus.Records
            .Where(r => r.Record.EventName == "CreateRole")
            .SelectMany(r => CloudTrailPolicies.Read(r.Record))
            .ToList();

        List<CloudTrailPolicy> encoded = policies.Where(p => p.Document.Form == IamPolicyDocumentForm.UrlEncodedJsonString).ToList();
        encoded.Should().NotBeEmpty().And.OnlyContain(p => p.Location == "responseElements.role.assumeRolePolicyDocument" && p.Kind == IamPolicyKind.Trust);
        encoded.Should().OnlyContain(p => p.Document.IsValid && p.Document.Statements.Count > 0 && p.Document.Statements.All(s => s.Action != null));
        policies.Should().Contain(p => p.Document.GetOtherAccountIds("123456789012").Contains("210987654321"), "the user guide's CreateRole trusts account 210987654321");
    }

    private static IEnumerable<IamPolicyDocument> Documents(string file, string eventName) =>
        Records(file).Where(r => r.EventName == eventName).SelectMany(CloudTrailPolicies.Read).Select(p => p.Document);

    private static IEnumerable<CloudTrailRecord> Records(string file)
    {
        Corpus.Require();
        string full = Path.GetFullPath(Path.Combine(Corpus.Directory!, file));
        return PolicyCorpus.Records.Where(r => r.File == full).Select(r => r.Record);
    }

    private static JsonElement Member(CloudTrailRecord record, string location)
    {
        string[] path = location.Split('.');
        JsonElement value = (path[0] == "requestParameters" ? record.RequestParameters : record.ResponseElements)!.ToJsonElement();
        foreach (string name in path.Skip(1))
        {
            value = value.GetProperty(name);
        }

        return value;
    }
}
