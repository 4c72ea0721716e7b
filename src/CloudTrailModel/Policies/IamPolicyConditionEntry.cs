namespace CloudTrailModel.Policies;

/// <summary>One test of a policy statement's <c>Condition</c>: <c>"Condition": { Operator: { Key: Values } }</c>.</summary>
/// <param name="Operator">The condition operator, e.g. <c>StringEquals</c>, <c>ArnLike</c>, <c>IpAddress</c>, <c>ForAnyValue:StringLike</c>, <c>BoolIfExists</c>.</param>
/// <param name="Key">The condition key, e.g. <c>aws:SourceAccount</c> (IAM compares keys ignoring case).</param>
/// <param name="Values">The value or values the key is compared with.</param>
public readonly record struct IamPolicyConditionEntry(string Operator, string Key, IamPolicyValues Values);
