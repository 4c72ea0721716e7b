using CloudTrailModel.Internal;

namespace CloudTrailModel.Tests.Trails;

/// <summary>The folder implementation of <see cref="ICloudTrailObjectStore"/> behaves as S3 listing does, with '/' keys on every OS.</summary>
public sealed class FolderObjectStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ctm-store-").FullName;

    public FolderObjectStoreTests()
    {
        Write("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/a.json.gz", 3);
        Write("AWSLogs/111122223333/CloudTrail/us-west-2/2024/01/02/b.json.gz", 5);
        Write("AWSLogs/o-abcdefghij/444455556666/CloudTrail/us-east-1/2024/01/02/c.json.gz", 7);
        Write("AWSLogs/111122223333/Config/ConfigWritabilityCheckFile", 0);
        Write("top.txt", 1);
        Directory.CreateDirectory(Path.Combine(_root, "AWSLogs", "222233334444"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ListPrefixesAsync_Root_ListsTopFoldersOnly()
    {
        var store = new FolderObjectStore(_root);

        (await store.ListPrefixesAsync("").ToListAsync()).Should().BeEquivalentTo("AWSLogs/");
    }

    [Fact]
    public async Task ListPrefixesAsync_AwsLogs_ListsAccountsAndOrganizationsWithEmptyFolders()
    {
        var store = new FolderObjectStore(_root);

        (await store.ListPrefixesAsync("AWSLogs/").ToListAsync()).Should().BeEquivalentTo(
            "AWSLogs/111122223333/", "AWSLogs/222233334444/", "AWSLogs/o-abcdefghij/");
    }

    [Fact]
    public async Task ListPrefixesAsync_PartialName_MatchesAsText()
    {
        var store = new FolderObjectStore(_root);

        (await store.ListPrefixesAsync("AWSLogs/1111").ToListAsync()).Should().Equal("AWSLogs/111122223333/");
        (await store.ListPrefixesAsync("AWSLogs/111122223333/CloudTrail/").ToListAsync()).Should().BeEquivalentTo(
            "AWSLogs/111122223333/CloudTrail/us-east-1/", "AWSLogs/111122223333/CloudTrail/us-west-2/");
    }

    [Fact]
    public async Task ListObjectsAsync_Prefix_ListsEveryFileBelowWithSlashKeysAndSizes()
    {
        var store = new FolderObjectStore(_root);

        List<CloudTrailObjectInfo> objects = await store.ListObjectsAsync("AWSLogs/111122223333/").ToListAsync();

        objects.Select(o => (o.Key, o.Size)).Should().BeEquivalentTo(new[]
        {
            ("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/a.json.gz", 3L),
            ("AWSLogs/111122223333/CloudTrail/us-west-2/2024/01/02/b.json.gz", 5L),
            ("AWSLogs/111122223333/Config/ConfigWritabilityCheckFile", 0L),
        });
        objects.Should().OnlyContain(o => o.LastModified != null);
    }

    [Fact]
    public async Task ListObjectsAsync_Root_ListsEverything()
    {
        var store = new FolderObjectStore(_root);

        (await store.ListObjectsAsync("").ToListAsync()).Should().HaveCount(5);
        (await store.ListObjectsAsync("top").ToListAsync()).Select(o => o.Key).Should().Equal("top.txt");
    }

    [Fact]
    public async Task ListObjectsAsync_MissingPrefix_ListsNothing()
    {
        var store = new FolderObjectStore(_root);

        (await store.ListObjectsAsync("AWSLogs/999999999999/").ToListAsync()).Should().BeEmpty();
        (await store.ListPrefixesAsync("nowhere/").ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task OpenReadAsync_ListedKey_ReadsTheFile()
    {
        var store = new FolderObjectStore(_root);
        string key = (await store.ListObjectsAsync("AWSLogs/o-").ToListAsync()).Single().Key;

        await using Stream stream = await store.OpenReadAsync(key);

        stream.Length.Should().Be(7);
    }

    [Theory]
    [InlineData("../outside.json.gz")]
    [InlineData("AWSLogs/../../outside.json.gz")]
    [InlineData("AWSLogs//x.json.gz")]
    [InlineData("AWSLogs/")]
    [InlineData("AWSLogs/..")]
    public async Task OpenReadAsync_KeyOutsideOrNotAFile_Throws(string key)
    {
        var store = new FolderObjectStore(_root);

        Func<Task> open = () => store.OpenReadAsync(key);

        await open.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ListObjectsAsync_PrefixWithDotDot_Throws()
    {
        var store = new FolderObjectStore(_root);

        Func<Task> list = async () => await store.ListObjectsAsync("AWSLogs/../").ToListAsync();

        await list.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ListObjectsAsync_Cancelled_Throws()
    {
        var store = new FolderObjectStore(_root);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        Func<Task> list = async () => await store.ListObjectsAsync("", cancellation.Token).ToListAsync();

        await list.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ListObjectsAsync_LinkedFolderLoop_IsNotFollowed()
    {
        string link = Path.Combine(_root, "AWSLogs", "111122223333", "loop");
        try
        {
            Directory.CreateSymbolicLink(link, _root);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return; // Windows without the privilege to create links: nothing to check.
        }

        var store = new FolderObjectStore(_root);

        (await store.ListObjectsAsync("AWSLogs/111122223333/").ToListAsync()).Should().HaveCount(3);
    }

    private void Write(string key, int length)
    {
        string path = Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[length]);
    }
}
