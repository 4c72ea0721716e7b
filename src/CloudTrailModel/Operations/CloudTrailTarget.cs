namespace CloudTrailModel.Operations;

/// <summary>
/// A resource a call acted on, as its operation's target rules find it in the record's <c>requestParameters</c> or
/// <c>responseElements</c> (see <see cref="CloudTrailRecord.GetTargets"/>).
/// </summary>
/// <param name="Kind">What the resource is, in the service's words: <c>User</c>, <c>Role</c>, <c>Bucket</c>, <c>Instance</c>, <c>Key</c>, <c>Secret</c>, ...</param>
/// <param name="Member">Where the value was found: <c>requestParameters.userName</c>, <c>responseElements.instancesSet.items[].instanceId</c>, ...</param>
/// <param name="Value">The name, ID or ARN as CloudTrail logged it.</param>
public sealed record CloudTrailTarget(string Kind, string Member, string Value);
