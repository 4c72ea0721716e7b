using Amazon.S3;
using Amazon.S3.Model;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.S3.Tests.Infrastructure;

/// <summary>Uploads test trails to the local server as CloudTrail delivers them (digests with their x-amz-meta-signature).</summary>
public static class Buckets
{
    public static async Task UploadAsync(IAmazonS3 s3, string bucket, SignedTrail trail)
    {
        using var throttle = new SemaphoreSlim(4);
        await Task.WhenAll(trail.Objects.Select(async o =>
        {
            await throttle.WaitAsync();
            try
            {
                await PutAsync(s3, bucket, o.Key, o.Value, trail.Signatures.GetValueOrDefault(o.Key));
            }
            finally
            {
                throttle.Release();
            }
        }));
    }

    public static async Task PutAsync(IAmazonS3 s3, string bucket, string key, byte[] bytes, string? signature = null)
    {
        var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(bytes), AutoCloseStream = true, UseChunkEncoding = false };
        if (signature is not null)
        {
            request.Metadata.Add("signature", signature);
        }

        await s3.PutObjectAsync(request);
    }
}
