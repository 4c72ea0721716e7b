namespace CloudTrailModel.Integrity;

/// <summary>A digest found in the range: its parsed key, and the digest (null when it is not a digest's JSON).</summary>
internal sealed record LoadedDigest(CloudTrailObjectKey Key, CloudTrailDigest? Digest);
