using System.Runtime.CompilerServices;
using Amazon.S3;
using CloudTrailModel.Integrity;

namespace CloudTrailModel.S3;

/// <summary>
/// Reads CloudTrail from S3 where it was delivered: a whole trail under a bucket and prefix (the trail reader of
/// <see cref="CloudTrailTrail"/> over <see cref="CloudTrailS3ObjectStore"/>: organisations, accounts and regions found by
/// delimiter listing, only the day folders of the range listed), one object by bucket and key (what an S3 event
/// notification or CloudTrail's SNS notification names), and a trail's digest chains validated. Each object is streamed
/// from one <c>GetObject</c>; the client's retry policy applies to every request.
/// </summary>
public static class CloudTrailS3Trail
{
    /// <summary>
    /// Reads the records of a trail in S3, as <see cref="CloudTrailTrail.ReadRecordsAsync(ICloudTrailObjectStore, string, CloudTrailTrailOptions?, CancellationToken)"/>
    /// reads a store: <see cref="CloudTrailTrailOptions.From"/>/<see cref="CloudTrailTrailOptions.To"/> choose the day
    /// folders listed, <see cref="CloudTrailTrailOptions.MaxDegreeOfParallelism"/> bounds the objects downloading at once.
    /// </summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="bucket">The trail's bucket.</param>
    /// <param name="prefix">The trail's S3 key prefix (before <c>AWSLogs/</c>) or a folder inside the trail, or null for the whole bucket.</param>
    /// <param name="options">The trail reader's options, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels listing, downloads and the read.</param>
    /// <returns>The records, in the order <see cref="CloudTrailTrailOptions.Order"/> says.</returns>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    /// <exception cref="AmazonS3Exception">S3 refused a request (access denied, no such bucket, ...).</exception>
    public static IAsyncEnumerable<CloudTrailRecord> ReadRecordsAsync(IAmazonS3 s3, string bucket, string? prefix, CloudTrailTrailOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        return CloudTrailTrail.ReadRecordsAsync(new CloudTrailS3ObjectStore(s3, bucket), prefix ?? string.Empty, options, cancellationToken);
    }

    /// <summary>
    /// Reads a trail in S3 with the object each record is in and a checkpoint to resume after it, as
    /// <see cref="CloudTrailTrail.ReadEntriesAsync(ICloudTrailObjectStore, string, CloudTrailTrailOptions?, CancellationToken)"/> does;
    /// see <see cref="ReadRecordsAsync(IAmazonS3, string, string?, CloudTrailTrailOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="bucket">The trail's bucket.</param>
    /// <param name="prefix">The trail's S3 key prefix or a folder inside the trail, or null for the whole bucket.</param>
    /// <param name="options">The trail reader's options (<see cref="CloudTrailTrailOptions.ResumeFrom"/> to resume), or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels listing, downloads and the read.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    /// <exception cref="AmazonS3Exception">S3 refused a request (access denied, no such bucket, ...).</exception>
    public static IAsyncEnumerable<CloudTrailTrailEntry> ReadEntriesAsync(IAmazonS3 s3, string bucket, string? prefix, CloudTrailTrailOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        return CloudTrailTrail.ReadEntriesAsync(new CloudTrailS3ObjectStore(s3, bucket), prefix ?? string.Empty, options, cancellationToken);
    }

    /// <summary>
    /// Reads the records of one log file in S3, streamed as it downloads (gzip detected by content), as
    /// <see cref="CloudTrailReader.ReadRecordsAsync(Stream, CloudTrailReaderOptions?, CancellationToken)"/> reads a stream.
    /// </summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The object key, URL-decoded (S3 event notifications URL-encode it: decode it first).</param>
    /// <param name="options">The reader's options (filter, Skip or Throw for bad records), or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the download and the read.</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="FileNotFoundException">The object does not exist.</exception>
    /// <exception cref="CloudTrailParseException">The object is not a CloudTrail log file and <paramref name="options"/> says Throw.</exception>
    /// <exception cref="AmazonS3Exception">S3 refused the request (access denied, no such bucket, ...).</exception>
    public static IAsyncEnumerable<CloudTrailRecord> ReadObjectAsync(IAmazonS3 s3, string bucket, string key, CloudTrailReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ReadObjectCore(new CloudTrailS3ObjectStore(s3, bucket), key, options, cancellationToken);
    }

    /// <summary>
    /// Reads the records of one log file named by a notification (see
    /// <see cref="CloudTrailNotifications.ReadObjectReferences(ReadOnlySpan{byte})"/>, whose keys are already URL-decoded).
    /// </summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="reference">The bucket and key a notification named.</param>
    /// <param name="options">The reader's options, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the download and the read.</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="FileNotFoundException">The object does not exist.</exception>
    /// <exception cref="CloudTrailParseException">The object is not a CloudTrail log file and <paramref name="options"/> says Throw.</exception>
    /// <exception cref="AmazonS3Exception">S3 refused the request.</exception>
    public static IAsyncEnumerable<CloudTrailRecord> ReadObjectAsync(IAmazonS3 s3, CloudTrailObjectReference reference, CloudTrailReaderOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadObjectAsync(s3, reference.Bucket, reference.Key, options, cancellationToken);

    /// <summary>
    /// Validates the digest chains of a trail in S3 over a time range, as <c>aws cloudtrail validate-logs</c> does (see
    /// <see cref="CloudTrailChainValidator"/>): each digest's own signature is read from its <c>x-amz-meta-signature</c>
    /// metadata (one <c>HeadObject</c> per digest) unless <paramref name="options"/> supplies a provider.
    /// </summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="bucket">The trail's bucket.</param>
    /// <param name="prefix">The trail's S3 key prefix (before <c>AWSLogs/</c>), or null for none.</param>
    /// <param name="options">The public keys, the range and the accounts, regions and trail to validate.</param>
    /// <param name="cancellationToken">Cancels validation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="AmazonS3Exception">S3 refused a request (access denied, no such bucket, ...).</exception>
    public static Task<CloudTrailChainReport> ValidateDigestChainsAsync(IAmazonS3 s3, string bucket, string? prefix, CloudTrailChainValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(options);
        var store = new CloudTrailS3ObjectStore(s3, bucket);
        return ValidateDigestChainsAsync(store, prefix, options, cancellationToken);
    }

    internal static Task<CloudTrailChainReport> ValidateDigestChainsAsync(CloudTrailS3ObjectStore store, string? prefix, CloudTrailChainValidationOptions options, CancellationToken cancellationToken)
    {
        CloudTrailChainValidationOptions withSignatures = options.DigestSignatureProvider is null
            ? options with { DigestSignatureProvider = async (key, ct) => await SignatureOrNullAsync(store, key, ct).ConfigureAwait(false) }
            : options;
        return CloudTrailChainValidator.ValidateAsync(store, prefix, withSignatures, cancellationToken);
    }

    private static async Task<string?> SignatureOrNullAsync(CloudTrailS3ObjectStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetSignatureAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            // Deleted between listing and now: the chain walk reports it through the digest's own read.
            return null;
        }
    }

    private static async IAsyncEnumerable<CloudTrailRecord> ReadObjectCore(CloudTrailS3ObjectStore store, string key, CloudTrailReaderOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(stream, options, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }
}
