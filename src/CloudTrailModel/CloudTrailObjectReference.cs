namespace CloudTrailModel;

/// <summary>
/// An S3 object a notification names: the bucket and the key of a new CloudTrail log file (or of any object the
/// notification is about), ready for <c>GetObject</c>.
/// </summary>
/// <param name="Bucket">The bucket name (<c>s3Bucket</c>, <c>s3.bucket.name</c> or <c>detail.bucket.name</c>).</param>
/// <param name="Key">
/// The object key as S3 stores it. Keys in S3 event notifications and EventBridge events are URL-encoded by S3
/// (<c>+</c> for a space, <c>%XX</c> for other bytes) and are decoded here; keys in CloudTrail's own notification
/// (<c>s3ObjectKey</c>) are not encoded and are kept as they are.
/// </param>
public readonly record struct CloudTrailObjectReference(string Bucket, string Key);
