using Amazon.S3;
using CloudTrailModel.S3.Tests.Infrastructure;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.S3.Tests;

/// <summary>The S3 store against a real S3-compatible server on the loopback address.</summary>
[Collection(S3ServerGroup.Name)]
public sealed class CloudTrailS3ObjectStoreTests(S3ServerFixture server)
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 22, 0, 0, TimeSpan.Zero);

    private async Task<(AmazonS3Client Client, string Bucket, SignedTrail Trail)> TrailAsync()
    {
        AmazonS3Client client = server.CreateClient();
        string bucket = await server.CreateBucketAsync(client);
        SignedTrail trail = new SignedTrail(bucket: bucket)
            .AddHours("111122223333", "us-east-1", Start, 2)
            .AddHours("444455556666", "eu-west-1", Start, 1);
        trail.Objects["AWSLogs/o-abcdefghij/111122223333/Config/ConfigWritabilityCheckFile"] = [];
        await Buckets.UploadAsync(client, bucket, trail);
        return (client, bucket, trail);
    }

    [SkippableFact]
    public async Task ListPrefixesAsync_OrganisationFolder_ListsItsAccounts()
    {
        (AmazonS3Client client, string bucket, _) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, bucket);

        List<string> accounts = await store.ListPrefixesAsync("AWSLogs/o-abcdefghij/").ToListAsync();
        List<string> top = await store.ListPrefixesAsync("").ToListAsync();

        accounts.Should().BeEquivalentTo("AWSLogs/o-abcdefghij/111122223333/", "AWSLogs/o-abcdefghij/444455556666/");
        top.Should().Equal("AWSLogs/");
    }

    [SkippableFact]
    public async Task ListObjectsAsync_SmallPages_ListsEveryObjectOnce()
    {
        (AmazonS3Client client, string bucket, SignedTrail trail) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, bucket) { PageSize = 3 };

        List<CloudTrailObjectInfo> objects = await store.ListObjectsAsync("AWSLogs/").ToListAsync();

        objects.Select(o => o.Key).Should().BeEquivalentTo(trail.Objects.Keys);
        objects.Should().OnlyContain(o => o.Size == trail.Objects[o.Key].Length && o.LastModified != null);
        store.ListRequests.Should().Be((trail.Objects.Count + 2) / 3, "pages of three");
    }

    [SkippableFact]
    public async Task ListPrefixesAsync_SmallPages_ListsEveryFolderOnceFollowingContinuationTokens()
    {
        (AmazonS3Client client, string bucket, SignedTrail trail) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, bucket) { PageSize = 1 };
        const string account = "AWSLogs/o-abcdefghij/111122223333/";
        string[] kinds = [.. trail.Objects.Keys.Where(k => k.StartsWith(account, StringComparison.Ordinal))
            .Select(k => k[..(k.IndexOf('/', account.Length) + 1)]).Distinct(StringComparer.Ordinal)];
        kinds.Should().HaveCountGreaterThan(2, "the account holds log, digest and Config folders");

        List<string> accounts = await store.ListPrefixesAsync("AWSLogs/o-abcdefghij/").ToListAsync();
        int accountRequests = store.ListRequests;
        List<string> folders = await store.ListPrefixesAsync(account).ToListAsync();

        accounts.Should().BeEquivalentTo("AWSLogs/o-abcdefghij/111122223333/", "AWSLogs/o-abcdefghij/444455556666/");
        accountRequests.Should().Be(2, "one folder a page");
        folders.Should().BeEquivalentTo(kinds);
        (store.ListRequests - accountRequests).Should().Be(kinds.Length, "one folder a page");
    }

    [SkippableFact]
    public async Task ListPrefixesAsync_PagesMixingObjectsAndFolders_ListsOnlyFoldersOnce()
    {
        AmazonS3Client client = server.CreateClient();
        string bucket = await server.CreateBucketAsync(client);
        string[] keys = ["top/a.txt", "top/b/1.txt", "top/b/2.txt", "top/c.txt", "top/d/1.txt", "top/e/x/1.txt", "top/f.txt"];
        foreach (string key in keys)
        {
            await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "x" });
        }

        var store = new CloudTrailS3ObjectStore(client, bucket) { PageSize = 2 };

        List<string> folders = await store.ListPrefixesAsync("top/").ToListAsync();

        folders.Should().Equal("top/b/", "top/d/", "top/e/");
        store.ListRequests.Should().Be(3, "six entries (three objects, three folders) in pages of two");
    }

    [SkippableFact]
    public async Task OpenReadAsync_Object_StreamsItsBytes()
    {
        (AmazonS3Client client, string bucket, SignedTrail trail) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, bucket);
        string key = trail.LogJson.Keys.First();

        await using Stream stream = await store.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        copy.ToArray().Should().Equal(trail.Objects[key]);
    }

    [SkippableFact]
    public async Task OpenReadAsync_MissingObject_ThrowsFileNotFound()
    {
        (AmazonS3Client client, string bucket, _) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, bucket);

        Func<Task> open = () => store.OpenReadAsync("AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/gone.json.gz");

        (await open.Should().ThrowAsync<FileNotFoundException>()).Which.InnerException.Should().BeAssignableTo<AmazonS3Exception>();
    }

    [SkippableFact]
    public async Task ListObjectsAsync_MissingBucket_ThrowsTheS3Error()
    {
        AmazonS3Client client = server.CreateClient();
        var store = new CloudTrailS3ObjectStore(client, "no-such-bucket-here");

        Func<Task> list = async () => await store.ListObjectsAsync("AWSLogs/").ToListAsync();

        await list.Should().ThrowAsync<AmazonS3Exception>();
    }

    [SkippableFact]
    public async Task GetSignatureAsync_Digest_ReturnsItsMetadata()
    {
        (AmazonS3Client client, string bucket, SignedTrail trail) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, bucket);
        string digest = trail.DigestKeys[0];

        (await store.GetSignatureAsync(digest, CancellationToken.None)).Should().Be(trail.Signatures[digest]);
        (await store.GetSignatureAsync(trail.LogJson.Keys.First(), CancellationToken.None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task ListObjectsAsync_Cancelled_Throws()
    {
        (AmazonS3Client client, string bucket, _) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, bucket);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Func<Task> list = async () => await store.ListObjectsAsync("AWSLogs/", cancelled.Token).ToListAsync();

        await list.Should().ThrowAsync<OperationCanceledException>();
    }
}
