namespace CloudTrailModel;

/// <summary>
/// A place a trail is stored, keyed like an S3 bucket: a local folder (what <see cref="CloudTrailTrail"/> reads
/// for a directory) or a bucket (package <c>CloudTrailModel.S3</c>). The trail reader lists only the folders it needs
/// through it, so an implementation maps each member onto one cheap listing call.
/// </summary>
/// <remarks>
/// <para>
/// Keys and prefixes use <c>/</c> on every operating system, are relative to the store's root and are not URL-encoded.
/// A prefix is matched as text, as S3 does: <c>AWSLogs/</c> names a folder, <c>AWSLogs/1</c> every key starting so.
/// Listing a prefix with nothing under it yields nothing (it is not an error).
/// </para>
/// <para>
/// Members may be called concurrently (the trail reader opens several objects at once); listings may be enumerated
/// once. Implementations report failures of the store itself (access denied, network) by throwing their own exceptions;
/// the trail reader lets them through.
/// </para>
/// </remarks>
public interface ICloudTrailObjectStore
{
    /// <summary>
    /// Lists the immediate sub-folders under a prefix, as S3's <c>ListObjectsV2</c> with delimiter <c>/</c> returns
    /// <c>CommonPrefixes</c>: for <c>AWSLogs/</c> the organisation and account folders, for an account's
    /// <c>CloudTrail/</c> its regions. This finds a trail's organisations, accounts and regions without listing its objects.
    /// </summary>
    /// <param name="prefix">The prefix to list under, usually ending with <c>/</c>; the empty string for the root.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>Each sub-folder once, as a full prefix from the root ending with <c>/</c> (<c>AWSLogs/111122223333/</c>), in no promised order.</returns>
    IAsyncEnumerable<string> ListPrefixesAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every object whose key starts with a prefix, at any depth (S3's <c>ListObjectsV2</c> without a delimiter).
    /// The trail reader calls it for day folders (<c>…/CloudTrail/us-east-1/2025/01/31/</c>).
    /// </summary>
    /// <param name="prefix">The prefix to list under; the empty string for the whole store.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>Each object once (folders themselves are not objects), in no promised order.</returns>
    IAsyncEnumerable<CloudTrailObjectInfo> ListObjectsAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading, from its first byte; the caller disposes the stream.</summary>
    /// <param name="key">The object's key, as listed by <see cref="ListObjectsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels opening (reads on the stream take their own token).</param>
    /// <returns>A readable stream of the object's bytes as stored (gzip stays gzip: the reader detects it).</returns>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);
}
