namespace CloudTrailModel.Policies;

/// <summary>
/// Where each call carries a policy, as CloudTrail logs it (the API member name with its first letter lowered, except
/// attribute maps, which keep the service's own keys). Checked against real records where the corpus has them.
/// </summary>
internal static class PolicyLocations
{
    private const string Iam = "iam.amazonaws.com";
    private const string Lambda = "lambda.amazonaws.com";

    public static readonly PolicyLocation[] All =
    [
        Request(Iam, "CreatePolicy", IamPolicyKind.Identity, "policyDocument"),
        Request(Iam, "CreatePolicyVersion", IamPolicyKind.Identity, "policyDocument"),
        Request(Iam, "PutUserPolicy", IamPolicyKind.Identity, "policyDocument"),
        Request(Iam, "PutRolePolicy", IamPolicyKind.Identity, "policyDocument"),
        Request(Iam, "PutGroupPolicy", IamPolicyKind.Identity, "policyDocument"),
        Request(Iam, "CreateRole", IamPolicyKind.Trust, "assumeRolePolicyDocument"),
        Response(Iam, "CreateRole", IamPolicyKind.Trust, "role", "assumeRolePolicyDocument"),
        Request(Iam, "UpdateAssumeRolePolicy", IamPolicyKind.Trust, "policyDocument"),
        Request("s3.amazonaws.com", "PutBucketPolicy", IamPolicyKind.Resource, "bucketPolicy"),
        Request("kms.amazonaws.com", "CreateKey", IamPolicyKind.Resource, "policy"),
        Request("kms.amazonaws.com", "PutKeyPolicy", IamPolicyKind.Resource, "policy"),
        Request("kms.amazonaws.com", "ReplicateKey", IamPolicyKind.Resource, "policy"),
        Request("sqs.amazonaws.com", "CreateQueue", IamPolicyKind.Resource, "attributes", "Policy"),
        Request("sqs.amazonaws.com", "SetQueueAttributes", IamPolicyKind.Resource, "attributes", "Policy"),
        Request("sns.amazonaws.com", "CreateTopic", IamPolicyKind.Resource, "attributes", "Policy"),
        new("sns.amazonaws.com", "SetTopicAttributes", false, false, ["attributeValue"], IamPolicyKind.Resource, PolicyShape.NamedAttribute),
        new(Lambda, "AddPermission", true, false, [], IamPolicyKind.Resource, PolicyShape.PermissionRequest),
        new(Lambda, "AddPermission", true, true, ["statement"], IamPolicyKind.Resource, PolicyShape.Statement),
        new(Lambda, "AddLayerVersionPermission", true, false, [], IamPolicyKind.Resource, PolicyShape.PermissionRequest),
        new(Lambda, "AddLayerVersionPermission", true, true, ["statement"], IamPolicyKind.Resource, PolicyShape.Statement),
        Request("secretsmanager.amazonaws.com", "PutResourcePolicy", IamPolicyKind.Resource, "resourcePolicy"),
        Request("ecr.amazonaws.com", "SetRepositoryPolicy", IamPolicyKind.Resource, "policyText"),
        Response("ecr.amazonaws.com", "SetRepositoryPolicy", IamPolicyKind.Resource, "policyText"),
        Request("ecr.amazonaws.com", "PutRegistryPolicy", IamPolicyKind.Resource, "policyText"),
        Request("es.amazonaws.com", "CreateElasticsearchDomain", IamPolicyKind.Resource, "accessPolicies"),
        Request("es.amazonaws.com", "UpdateElasticsearchDomainConfig", IamPolicyKind.Resource, "accessPolicies"),
        Request("es.amazonaws.com", "CreateDomain", IamPolicyKind.Resource, "accessPolicies"),
        Request("es.amazonaws.com", "UpdateDomainConfig", IamPolicyKind.Resource, "accessPolicies"),
        Request("sso.amazonaws.com", "PutInlinePolicyToPermissionSet", IamPolicyKind.Identity, "inlinePolicy"),
        Request("organizations.amazonaws.com", "CreatePolicy", IamPolicyKind.Organizations, "content"),
        Request("organizations.amazonaws.com", "UpdatePolicy", IamPolicyKind.Organizations, "content"),
    ];

    private static PolicyLocation Request(string source, string name, IamPolicyKind kind, params string[] path) =>
        new(source, name, false, false, path, kind, PolicyShape.Document);

    private static PolicyLocation Response(string source, string name, IamPolicyKind kind, params string[] path) =>
        new(source, name, false, true, path, kind, PolicyShape.Document);
}
