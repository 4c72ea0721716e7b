namespace CloudTrailModel.Policies;

/// <summary>What a policy found in a record governs, which says which checks matter (a public principal only means something in a trust or resource policy).</summary>
public enum IamPolicyKind
{
    /// <summary>An identity policy attached to a user, group, role or permission set: what its holder may do (no <c>Principal</c>).</summary>
    Identity,

    /// <summary>A role's trust policy (<c>assumeRolePolicyDocument</c>): who may assume the role.</summary>
    Trust,

    /// <summary>A resource policy (bucket, key, queue, topic, function, layer, secret, repository, registry): who may use the resource.</summary>
    Resource,

    /// <summary>An AWS Organizations policy such as a service control policy (<c>content</c>): the most an account's principals may do.</summary>
    Organizations,
}
