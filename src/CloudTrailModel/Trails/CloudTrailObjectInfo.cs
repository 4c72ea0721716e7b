namespace CloudTrailModel;

/// <summary>An object listed by an <see cref="ICloudTrailObjectStore"/>: its key and what the listing says of it (S3's <c>Key</c>, <c>Size</c> and <c>LastModified</c>).</summary>
/// <param name="Key">The object's key from the store's root, <c>/</c>-separated and not URL-encoded.</param>
/// <param name="Size">The object's size in bytes as stored (compressed for a <c>.json.gz</c> file).</param>
/// <param name="LastModified">When the object was last written (its upload time in S3, the file's write time in a folder), when the store knows it.</param>
public readonly record struct CloudTrailObjectInfo(string Key, long Size, DateTimeOffset? LastModified);
