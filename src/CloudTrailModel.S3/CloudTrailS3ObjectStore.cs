using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace CloudTrailModel.S3;

/// <summary>
/// An S3 bucket seen as an <see cref="ICloudTrailObjectStore"/>, so the trail reader and the digest-chain validator read
/// a trail where CloudTrail delivered it: sub-folders by <c>ListObjectsV2</c> with delimiter <c>/</c>, objects by
/// <c>ListObjectsV2</c> page after page, and each object streamed from one <c>GetObject</c> (never buffered whole).
/// Retries, timeouts, credentials and the endpoint are the <see cref="IAmazonS3"/> client's own.
/// </summary>
/// <remarks>
/// Keys are the bucket's keys (a trail's S3 key prefix included). Opening an object that does not exist throws
/// <see cref="FileNotFoundException"/> (with the S3 error inside), as a missing file in a folder does; other S3 errors
/// (access denied, a missing bucket) come through as the SDK's <see cref="AmazonS3Exception"/>. Members may be called
/// concurrently.
/// </remarks>
public sealed class CloudTrailS3ObjectStore : ICloudTrailObjectStore
{
    private readonly IAmazonS3 _s3;
    private int _listRequests;
    private int _getRequests;

    /// <summary>Creates a store over one bucket.</summary>
    /// <param name="s3">The S3 client (its region, endpoint, credentials and retry policy are used as they are).</param>
    /// <param name="bucket">The bucket the trail delivers to.</param>
    public CloudTrailS3ObjectStore(IAmazonS3 s3, string bucket)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _s3 = s3;
        Bucket = bucket;
    }

    /// <summary>The bucket this store reads.</summary>
    public string Bucket { get; }

    // Requests sent, for tests that check a reader lists only the folders it needs.
    internal int ListRequests => Volatile.Read(ref _listRequests);

    internal int GetRequests => Volatile.Read(ref _getRequests);

    // Called with each listing request's prefix, for tests that check which folders a reader lists.
    internal Action<string>? OnList { get; init; }

    // The page size asked of ListObjectsV2 (S3's default, 1000, when null); tests make it small to cross pages.
    internal int? PageSize { get; init; }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> ListPrefixesAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return ListPrefixesCore(prefix, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<CloudTrailObjectInfo> ListObjectsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return ListObjectsCore(prefix, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Interlocked.Increment(ref _getRequests);
        GetObjectResponse response;
        try
        {
            response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && !IsMissingBucket(e))
        {
            throw new FileNotFoundException("The S3 object does not exist.", key, e);
        }

        return new S3ObjectStream(response);
    }

    /// <summary>
    /// Reads an object's user metadata value <c>x-amz-meta-signature</c>: the signature CloudTrail stores with each digest
    /// file (a <c>HeadObject</c> request); null when the object has none.
    /// </summary>
    /// <param name="key">The digest file's key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The hexadecimal signature, or null.</returns>
    /// <exception cref="FileNotFoundException">The object does not exist.</exception>
    internal async Task<string?> GetSignatureAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _getRequests);
        GetObjectMetadataResponse response;
        try
        {
            response = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && !IsMissingBucket(e))
        {
            throw new FileNotFoundException("The S3 object does not exist.", key, e);
        }

        string? signature = response.Metadata?["x-amz-meta-signature"];
        return string.IsNullOrEmpty(signature) ? null : signature;
    }

    private static bool IsMissingBucket(AmazonS3Exception e) => string.Equals(e.ErrorCode, "NoSuchBucket", StringComparison.Ordinal);

    private async IAsyncEnumerable<string> ListPrefixesCore(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, Delimiter = "/", MaxKeys = PageSize };
        do
        {
            ListObjectsV2Response page = await ListAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (string commonPrefix in page.CommonPrefixes ?? [])
            {
                yield return commonPrefix;
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    private async IAsyncEnumerable<CloudTrailObjectInfo> ListObjectsCore(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = PageSize };
        do
        {
            ListObjectsV2Response page = await ListAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (S3Object item in page.S3Objects ?? [])
            {
                // A zero-byte key ending in '/' is a console-made folder marker, not an object of the trail.
                if (!item.Key.EndsWith('/'))
                {
                    yield return new CloudTrailObjectInfo(item.Key, item.Size ?? 0, item.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : null);
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    private Task<ListObjectsV2Response> ListAsync(ListObjectsV2Request request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listRequests);
        OnList?.Invoke(request.Prefix);
        return _s3.ListObjectsV2Async(request, cancellationToken);
    }
}
