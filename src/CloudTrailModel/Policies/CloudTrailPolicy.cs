namespace CloudTrailModel.Policies;

/// <summary>A policy document found in a record by <see cref="CloudTrailPolicies.Read(CloudTrailRecord)"/>, with where it was found.</summary>
/// <param name="Location">
/// Where in the record the policy was: a dotted path such as <c>requestParameters.policyDocument</c>,
/// <c>requestParameters.attributes.Policy</c> or <c>responseElements.statement</c>; <c>requestParameters</c> for a statement
/// assembled from Lambda's <c>AddPermission</c> request members.
/// </param>
/// <param name="Kind">What the policy governs.</param>
/// <param name="Document">The policy; <see cref="IamPolicyDocument.IsValid"/> is false when the value was not policy JSON.</param>
public sealed record CloudTrailPolicy(string Location, IamPolicyKind Kind, IamPolicyDocument Document);
