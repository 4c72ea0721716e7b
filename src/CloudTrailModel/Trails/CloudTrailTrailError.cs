namespace CloudTrailModel;

/// <summary>An error in one file of a trail, reported in <see cref="InvalidRecordHandling.Skip"/> mode to <see cref="CloudTrailTrailOptions.OnInvalidRecord"/>; the read goes on with the file's next record or the next file.</summary>
/// <param name="Key">The key of the file the error is in.</param>
/// <param name="Error">The error, with its code, record index and byte offset within the file.</param>
public readonly record struct CloudTrailTrailError(CloudTrailObjectKey Key, CloudTrailRecordError Error);
