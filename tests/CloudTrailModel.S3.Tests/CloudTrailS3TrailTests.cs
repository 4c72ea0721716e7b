using Amazon.S3;
using CloudTrailModel.Integrity;
using CloudTrailModel.S3.Tests.Infrastructure;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.S3.Tests;

/// <summary>Reading objects and validating digest chains in a bucket on a real S3-compatible server on the loopback address.</summary>
[Collection(S3ServerGroup.Name)]
public sealed class CloudTrailS3TrailTests(S3ServerFixture server) : IDisposable
{
    private const string Account = "111122223333";
    private const string OtherAccount = "444455556666";
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 22, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("s3-trail-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Organisation layout under a custom prefix: several accounts, regions and days, digests, a Config file, and older
    // days the range leaves out.
    private async Task<(AmazonS3Client Client, SignedTrail Trail)> TrailAsync(Action<SignedTrail>? tamper = null)
    {
        AmazonS3Client client = server.CreateClient();
        string bucket = await server.CreateBucketAsync(client);
        SignedTrail trail = new SignedTrail(bucket: bucket, prefix: "security/")
            .AddHours(Account, "us-east-1", Start.AddDays(-4), 2)
            .AddHours(Account, "us-east-1", Start, 3)
            .AddHours(Account, "eu-west-1", Start, 2)
            .AddHours(OtherAccount, "us-east-1", Start.AddHours(1), 2);
        trail.Objects["security/AWSLogs/o-abcdefghij/" + Account + "/Config/ConfigWritabilityCheckFile"] = [];
        tamper?.Invoke(trail);
        await Buckets.UploadAsync(client, bucket, trail);
        return (client, trail);
    }

    [SkippableFact]
    public async Task ReadObjectAsync_LogFile_YieldsTheRecordsTheFolderReaderYields()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        trail.WriteTo(_folder);

        foreach (string key in trail.LogJson.Keys.Take(4))
        {
            List<CloudTrailRecord> fromS3 = await CloudTrailS3Trail.ReadObjectAsync(client, trail.Bucket, key).ToListAsync();
            List<CloudTrailRecord> fromFolder = [.. CloudTrailReader.ReadRecords(Path.Combine(_folder, key))];

            fromS3.Should().HaveCount(3).And.Equal(fromFolder);
        }
    }

    [SkippableFact]
    public async Task ReadObjectAsync_ObjectsOfAnSqsNotification_YieldTheirRecords()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        trail.WriteTo(_folder);
        string[] keys = [.. trail.LogJson.Keys.Take(2)];
        string notification = $$"""{"s3Bucket":"{{trail.Bucket}}","s3ObjectKey":["{{keys[0]}}","{{keys[1]}}"]}""";
        string sqsBody = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["Type"] = "Notification", ["Message"] = notification });

        var fromS3 = new List<CloudTrailRecord>();
        foreach (CloudTrailObjectReference reference in CloudTrailNotifications.ReadObjectReferences(sqsBody))
        {
            fromS3.AddRange(await CloudTrailS3Trail.ReadObjectAsync(client, reference).ToListAsync());
        }

        fromS3.Should().HaveCount(6).And.Equal(keys.SelectMany(k => CloudTrailReader.ReadRecords(Path.Combine(_folder, k))));
    }

    [SkippableFact]
    public async Task ReadObjectAsync_MissingObject_ThrowsFileNotFound()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();

        Func<Task> read = async () => await CloudTrailS3Trail.ReadObjectAsync(client, trail.Bucket, "security/AWSLogs/nothing.json.gz").ToListAsync();

        await read.Should().ThrowAsync<FileNotFoundException>();
    }

    [SkippableFact]
    public async Task ReadObjectAsync_CorruptGzipInSkipMode_ReportsTheErrorAndYieldsWhatItCan()
    {
        string? corrupt = null;
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync(t =>
        {
            corrupt = t.LogJson.Keys.First();
            byte[] bytes = t.Objects[corrupt];
            t.Objects[corrupt] = bytes[..(bytes.Length / 2)];
        });
        var errors = new List<CloudTrailRecordError>();
        var options = new CloudTrailReaderOptions { InvalidRecordHandling = InvalidRecordHandling.Skip, OnInvalidRecord = errors.Add };

        List<CloudTrailRecord> records = await CloudTrailS3Trail.ReadObjectAsync(client, trail.Bucket, corrupt!, options).ToListAsync();

        records.Should().HaveCountLessThan(3);
        errors.Should().NotBeEmpty();
    }

    [SkippableFact]
    public async Task ReadObjectAsync_CorruptGzipInThrowMode_Throws()
    {
        string? corrupt = null;
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync(t =>
        {
            corrupt = t.LogJson.Keys.First();
            t.Objects[corrupt] = t.Objects[corrupt][..20];
        });

        Func<Task> read = async () => await CloudTrailS3Trail.ReadObjectAsync(client, trail.Bucket, corrupt!).ToListAsync();

        await read.Should().ThrowAsync<CloudTrailParseException>();
    }

    [SkippableFact]
    public async Task ReadObjectAsync_Cancelled_Throws()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Func<Task> read = async () => await CloudTrailS3Trail.ReadObjectAsync(client, trail.Bucket, trail.LogJson.Keys.First(), cancellationToken: cancelled.Token).ToListAsync();

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    [SkippableFact]
    public async Task ValidateDigestChainsAsync_IntactTrail_SameReportAsTheFolder()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        trail.WriteTo(_folder);
        CloudTrailChainValidationOptions options = trail.Options(signatures: false) with { From = Start, To = Start.AddHours(3) };

        CloudTrailChainReport fromS3 = await CloudTrailS3Trail.ValidateDigestChainsAsync(client, trail.Bucket, "security/", options);
        CloudTrailChainReport fromFolder = await CloudTrailChainValidator.ValidateAsync(_folder, trail.Options() with { From = Start, To = Start.AddHours(3) }, "security/");

        fromS3.IsValid.Should().BeTrue();
        fromS3.Digests.Should().HaveCount(7).And.Equal(fromFolder.Digests);
        fromS3.LogFiles.Should().HaveCount(14).And.Equal(fromFolder.LogFiles);
    }

    [SkippableFact]
    public async Task ValidateDigestChainsAsync_Range_ListsOnlyTheDayFoldersOfTheRange()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        var store = new CloudTrailS3ObjectStore(client, trail.Bucket);
        CloudTrailChainValidationOptions options = trail.Options(signatures: false) with { From = Start, To = Start.AddHours(3), AccountIds = [Account], Regions = ["us-east-1"] };

        CloudTrailChainReport report = await CloudTrailS3Trail.ValidateDigestChainsAsync(store, "security/", options, CancellationToken.None);

        report.IsValid.Should().BeTrue();
        report.Digests.Should().HaveCount(3);
        // AWSLogs/, the organisation, two kinds' region folders; then digest days 03/01-03/02 and log days 03/01-03/02.
        store.ListRequests.Should().Be(4 + 2 + 2, "the four days before the range are never listed");
        // Three digests read, three signatures read, six log files hashed.
        store.GetRequests.Should().Be(3 + 3 + 6);
    }

    [SkippableFact]
    public async Task ValidateDigestChainsAsync_TamperedBucket_ReportsEachClass()
    {
        string modified = "", deleted = "", appended = "";
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync(t =>
        {
            List<string> logs = [.. t.LogJson.Keys.Where(k => k.Contains("/2024/03/01/", StringComparison.Ordinal) && k.Contains("us-east-1", StringComparison.Ordinal))];
            (modified, deleted, appended) = (logs[0], logs[1], logs[2]);
            t.Objects[modified] = SignedTrail.Gzip(System.Text.Encoding.UTF8.GetBytes(t.LogJson[modified].Replace("Alice", "Mallory", StringComparison.Ordinal)));
            t.Objects.Remove(deleted);
            t.Objects[appended] = [.. t.Objects[appended], .. "tail"u8];
        });
        string missing = trail.AddLog(Account, "us-east-1", Start.AddMinutes(40)).Key;
        await Buckets.PutAsync(client, trail.Bucket, missing, trail.Objects[missing]);

        CloudTrailChainReport report = await CloudTrailS3Trail.ValidateDigestChainsAsync(client, trail.Bucket, "security", trail.Options(signatures: false) with { From = Start, To = Start.AddHours(3) });

        report.IsValid.Should().BeFalse();
        report.LogFiles.Where(l => l.Status != CloudTrailChainFileStatus.Valid).Select(l => (l.Key, l.Status)).Should().BeEquivalentTo(new[]
        {
            (modified, CloudTrailChainFileStatus.Modified),
            (deleted, CloudTrailChainFileStatus.Deleted),
            (appended, CloudTrailChainFileStatus.AppendedData),
            (missing, CloudTrailChainFileStatus.Missing),
        });
        report.Digests.Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Valid);
    }

    [SkippableFact]
    public async Task ValidateDigestChainsAsync_DigestSignatureMetadataChanged_ReportsModified()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        string digest = trail.DigestKeys[3];
        await Buckets.PutAsync(client, trail.Bucket, digest, trail.Objects[digest], trail.Signatures[trail.DigestKeys[2]]);

        CloudTrailChainReport report = await CloudTrailS3Trail.ValidateDigestChainsAsync(client, trail.Bucket, "security/", trail.Options(signatures: false) with { From = Start });

        report.Digests.Single(d => d.Key == digest).Should().Be(
            new CloudTrailChainFileResult(digest, CloudTrailObjectKind.Digest, CloudTrailChainFileStatus.Modified, DigestValidationStatus.SignatureInvalid, trail.DigestKeys[4]));
    }

    [SkippableFact]
    public async Task ReadRecordsAsync_Trail_YieldsTheRecordsTheFolderReaderYields()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        trail.WriteTo(_folder);
        var options = new CloudTrailTrailOptions { From = Start, To = Start.AddHours(3), MaxDegreeOfParallelism = 3 };

        List<CloudTrailRecord> fromS3 = await CloudTrailS3Trail.ReadRecordsAsync(client, trail.Bucket, "security/", options).ToListAsync();
        List<CloudTrailRecord> fromFolder = [.. CloudTrailTrail.ReadRecords(Path.Combine(_folder, "security"), options)];

        fromS3.Should().HaveCount(14 * 3, "fourteen log files of three records in the range, no digest or Config file read");
        fromS3.Should().Equal(fromFolder);
        fromS3.Select(r => r.EventId).Should().OnlyHaveUniqueItems();
    }

    [SkippableFact]
    public async Task ReadRecordsAsync_EventTimeOrder_SameAsTheFolder()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        trail.WriteTo(_folder);
        var options = new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime };

        List<CloudTrailRecord> fromS3 = await CloudTrailS3Trail.ReadRecordsAsync(client, trail.Bucket, null, options).ToListAsync();
        List<CloudTrailRecord> fromFolder = [.. CloudTrailTrail.ReadRecords(_folder, options)];

        fromS3.Should().HaveCount(trail.LogJson.Count * 3).And.Equal(fromFolder);
        fromS3.Select(r => r.EventTime).Should().BeInAscendingOrder();
    }

    [SkippableFact]
    public async Task ReadRecordsAsync_Range_ListsOnlyTheDayFoldersOfTheRange()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        var listed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var store = new CloudTrailS3ObjectStore(client, trail.Bucket) { OnList = listed.Enqueue };

        List<CloudTrailRecord> records = await CloudTrailTrail.ReadRecordsAsync(store, "security/", new CloudTrailTrailOptions { From = Start, To = Start.AddHours(3) }).ToListAsync();

        records.Should().HaveCount(14 * 3);
        listed.Where(p => p.Contains("/CloudTrail/", StringComparison.Ordinal) && p.Contains("/20", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(p => p.Contains("/2024/03/01/", StringComparison.Ordinal) || p.Contains("/2024/03/02/", StringComparison.Ordinal) || p.Contains("/2024/02/29/", StringComparison.Ordinal));
        listed.Should().NotContain(p => p.Contains("/2024/02/26/", StringComparison.Ordinal), "the days long before the range are never listed");
        listed.Should().NotContain(p => p.Contains("CloudTrail-Digest", StringComparison.Ordinal), "digests are not read as logs");
        store.GetRequests.Should().Be(14, "one GetObject per log file of the range");
    }

    [SkippableFact]
    public async Task ReadRecordsAsync_CorruptGzipObjectInSkipMode_ReportsItAndReadsTheRest()
    {
        string? corrupt = null;
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync(t =>
        {
            corrupt = t.LogJson.Keys.First(k => k.Contains("/2024/03/01/", StringComparison.Ordinal));
            t.Objects[corrupt] = t.Objects[corrupt][..25];
        });
        var errors = new System.Collections.Concurrent.ConcurrentQueue<CloudTrailTrailError>();
        var options = new CloudTrailTrailOptions
        {
            From = Start,
            To = Start.AddHours(3),
            ReaderOptions = new CloudTrailReaderOptions { InvalidRecordHandling = InvalidRecordHandling.Skip },
            OnInvalidRecord = errors.Enqueue,
        };

        List<CloudTrailRecord> records = await CloudTrailS3Trail.ReadRecordsAsync(client, trail.Bucket, "security/", options).ToListAsync();

        records.Should().HaveCount(13 * 3);
        errors.Should().NotBeEmpty();
    }

    [SkippableFact]
    public async Task ReadRecordsAsync_CancelledWhileReading_Throws()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        using var cancellation = new CancellationTokenSource();
        int read = 0;

        Func<Task> readAll = async () =>
        {
            await foreach (CloudTrailRecord record in CloudTrailS3Trail.ReadRecordsAsync(client, trail.Bucket, "security/", null, cancellation.Token))
            {
                if (++read == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        };

        await readAll.Should().ThrowAsync<OperationCanceledException>();
        read.Should().BeLessThan(trail.LogJson.Count * 3);
    }

    [SkippableFact]
    public async Task ReadEntriesAsync_ResumeFromACheckpoint_YieldsTheRestOnce()
    {
        (AmazonS3Client client, SignedTrail trail) = await TrailAsync();
        List<CloudTrailTrailEntry> all = await CloudTrailS3Trail.ReadEntriesAsync(client, trail.Bucket, "security/").ToListAsync();

        CloudTrailTrailCheckpoint checkpoint = all[10].Checkpoint;
        List<CloudTrailTrailEntry> rest = await CloudTrailS3Trail.ReadEntriesAsync(client, trail.Bucket, "security/", new CloudTrailTrailOptions { ResumeFrom = checkpoint }).ToListAsync();

        rest.Select(e => e.Record.EventId).Should().Equal(all.Skip(11).Select(e => e.Record.EventId));
    }
}
