using static CloudTrailModel.Tests.Trails.TrailFolder;

namespace CloudTrailModel.Tests.Trails;

/// <summary>The trail reader on generated trail folders: what is read, in which order, with which filters, errors and progress.</summary>
public sealed class CloudTrailTrailTests : IClassFixture<CloudTrailTrailTests.Fixture>
{
    private readonly TrailFolder _trail;

    public CloudTrailTrailTests(Fixture fixture) => _trail = fixture.Trail;

    [Fact]
    public void ReadRecords_FileOrder_YieldsEveryLogRecordFileByFileInKeyTimeOrder()
    {
        List<string> expected = _trail.InReadingOrder().SelectMany(f => f.Records.Select(r => r.Id + r.Name)).ToList();

        List<string> actual = CloudTrailTrail.ReadRecords(_trail.Root, new CloudTrailTrailOptions { MaxDegreeOfParallelism = 1 })
            .Select(r => r.EventId + r.EventName).ToList();

        actual.Should().Equal(expected);
        actual.Should().NotContain(id => id.Contains("Insight", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadEntries_FileOrder_NamesEachRecordsFile()
    {
        var expected = _trail.InReadingOrder().SelectMany(f => f.Records.Select(r => (f.Key, r.Id))).ToList();

        var actual = CloudTrailTrail.ReadEntries(_trail.Root).Select(e => (e.Key.Key, e.Record.EventId!)).ToList();

        actual.Should().Equal(expected);
    }

    [Theory]
    [InlineData(CloudTrailRecordOrder.File, false)]
    [InlineData(CloudTrailRecordOrder.File, true)]
    [InlineData(CloudTrailRecordOrder.EventTime, false)]
    [InlineData(CloudTrailRecordOrder.EventTime, true)]
    public async Task ReadRecordsAsync_AnyDegreeOfParallelism_GivesTheSameRecordsInTheSameOrder(CloudTrailRecordOrder order, bool deduplicate)
    {
        var options = new CloudTrailTrailOptions { Order = order, Deduplicate = deduplicate };

        List<string> sequential = await Ids(CloudTrailTrail.ReadRecordsAsync(_trail.Root, options with { MaxDegreeOfParallelism = 1 }));
        List<string> two = await Ids(CloudTrailTrail.ReadRecordsAsync(_trail.Root, options with { MaxDegreeOfParallelism = 2 }));
        List<string> eight = await Ids(CloudTrailTrail.ReadRecordsAsync(_trail.Root, options with { MaxDegreeOfParallelism = 8 }));

        sequential.Should().NotBeEmpty();
        two.Should().Equal(sequential);
        eight.Should().Equal(sequential);
    }

    [Fact]
    public void ReadEntries_EventTimeOrder_SortsEveryRecordOnTimeAndYieldsLateOnesAtOnce()
    {
        var all = _trail.Logs.SelectMany(f => f.Records).ToList();

        var entries = CloudTrailTrail.ReadEntries(_trail.Root, new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime, MaxDegreeOfParallelism = 2 }).ToList();

        entries.Select(e => e.Record.EventId + e.Record.EventName).Should().BeEquivalentTo(all.Select(r => r.Id + r.Name));
        entries.Where(e => e.IsLate).Select(e => e.Record.EventName).Should().OnlyContain(n => n == "Late").And.HaveCount(all.Count(r => r.Name == "Late"));
        entries.Where(e => !e.IsLate).Select(e => e.Record.EventTime!.Value).Should().BeInAscendingOrder();
    }

    [Fact]
    public void ReadRecords_EventTimeOrderWithWideWindow_HasNoLateRecordsAndIsFullySorted()
    {
        var progress = new List<CloudTrailTrailProgress>();
        var options = new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime, LatenessWindow = TimeSpan.FromHours(1), Progress = new SyncProgress(progress) };

        var records = CloudTrailTrail.ReadRecords(_trail.Root, options).ToList();

        records.Select(r => r.EventTime!.Value).Should().BeInAscendingOrder();
        records.Should().HaveCount(_trail.Logs.Sum(f => f.Records.Count));
        progress[^1].LateRecords.Should().Be(0);
    }

    [Fact]
    public void ReadRecords_EventTimeOrder_TiesKeepFileOrder()
    {
        using var trail = new TrailFolder();
        var at = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(5), "b", [new(at, "b1"), new(at, "b2")]);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(5), "a", [new(at, "a1"), new(at.AddSeconds(-1), "a0")]);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(4), "z", [new(at, "z1")]);

        var ids = CloudTrailTrail.ReadRecords(trail.Root, new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime }).Select(r => r.EventId).ToList();

        ids.Should().Equal("a0", "z1", "a1", "b1", "b2");
    }

    [Fact]
    public void ReadRecords_Deduplicate_DropsLaterCopiesAndCountsThem()
    {
        var progress = new List<CloudTrailTrailProgress>();
        int copies = _trail.Logs.Sum(f => f.Records.Count(r => r.Name == "Copy"));
        copies.Should().BePositive("the generated trail holds copies");

        var records = CloudTrailTrail.ReadRecords(_trail.Root, new CloudTrailTrailOptions { Deduplicate = true, Progress = new SyncProgress(progress) }).ToList();

        records.Select(r => r.EventId).Should().OnlyHaveUniqueItems();
        records.Should().NotContain(r => r.EventName == "Copy");
        records.Should().HaveCount(_trail.Logs.Sum(f => f.Records.Count) - copies);
        progress[^1].DuplicateRecords.Should().Be(copies);
    }

    [Fact]
    public void ReadRecords_DeduplicateCopyDeliveredAfterTheWindow_IsYielded()
    {
        using var trail = new TrailFolder();
        var at = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(5), "a", [new(at, "same"), new(at, "twice"), new(at, "twice")]);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(40), "b", [new(at, "same")]);

        var ids = CloudTrailTrail.ReadRecords(trail.Root, new CloudTrailTrailOptions { Deduplicate = true }).Select(r => r.EventId).ToList();

        ids.Should().Equal("same", "twice", "same");
    }

    [Fact]
    public void ReadRecords_AccountRegionAndOrganizationFilters_ReadOnlyThoseFiles()
    {
        var options = new CloudTrailTrailOptions { AccountIds = ["222222222222", "333333333333"], Regions = ["eu-west-1"] };

        var keys = CloudTrailTrail.ReadEntries(_trail.Root, options).Select(e => e.Key).ToList();

        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(k => (k.AccountId == "222222222222" || k.AccountId == "333333333333") && k.Region == "eu-west-1");
        keys.Select(k => k.AccountId).Distinct().Should().HaveCount(2);

        var organization = CloudTrailTrail.ReadEntries(_trail.Root, new CloudTrailTrailOptions { OrganizationIds = ["o-exampleorg1"] }).Select(e => e.Key).ToList();
        organization.Should().OnlyContain(k => k.OrganizationId == "o-exampleorg1");
        organization.Select(k => k.AccountId).Distinct().Should().BeEquivalentTo("111111111111", "222222222222");
    }

    [Fact]
    public void ReadRecords_FromTo_YieldsRecordsInRangeFromFilesDeliveredWithinTheWindow()
    {
        var from = new DateTimeOffset(2025, 3, 30, 23, 30, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2025, 3, 31, 0, 20, 0, TimeSpan.Zero);
        var expected = _trail.Logs
            .Where(f => f.Delivered >= from.AddMinutes(-1) && f.Delivered <= to + CloudTrailTrailOptions.DefaultLatenessWindow)
            .SelectMany(f => f.Records).Where(r => r.Time >= from && r.Time < to).Select(r => r.Id + r.Name).ToList();

        var actual = CloudTrailTrail.ReadRecords(_trail.Root, new CloudTrailTrailOptions { From = from, To = to }).ToList();

        actual.Select(r => r.EventId + r.EventName).Should().BeEquivalentTo(expected);
        actual.Should().OnlyContain(r => r.EventTime >= from && r.EventTime < to);
        expected.Should().NotBeEmpty();
    }

    [Fact]
    public void ReadRecords_IncludeInsights_ReadsInsightsFilesToo()
    {
        var names = CloudTrailTrail.ReadRecords(_trail.Root, new CloudTrailTrailOptions { IncludeInsights = true }).Select(r => r.EventName).ToList();

        names.Count(n => n == "Insight").Should().Be(6);
        names.Should().HaveCount(_trail.Logs.Sum(f => f.Records.Count) + 6);
    }

    [Fact]
    public void ReadRecords_Progress_CountsFilesBytesRecordsAndIgnoredObjects()
    {
        var progress = new List<CloudTrailTrailProgress>();

        int count = CloudTrailTrail.ReadRecords(_trail.Root, new CloudTrailTrailOptions { Progress = new SyncProgress(progress) }).Count();

        CloudTrailTrailProgress last = progress[^1];
        last.FilesTotal.Should().Be(_trail.Logs.Count);
        last.FilesDone.Should().Be(_trail.Logs.Count);
        last.BytesDone.Should().Be(last.BytesTotal).And.Be(_trail.Logs.Sum(f => new FileInfo(Path.Combine(_trail.Root, f.Key)).Length));
        last.Records.Should().Be(count);
        last.Errors.Should().Be(0);
        // The two stray objects in a log day folder; digest, Insights and Config folders and other stray files are never listed.
        last.ObjectsIgnored.Should().Be(2);
        progress.Select(p => p.FilesDone).Should().BeInAscendingOrder();
        progress[0].FilesDone.Should().Be(0);
    }

    [Fact]
    public void ReadRecords_FolderInsideTheTrail_ReadsThatPart()
    {
        string folder = Path.Combine(_trail.Root, "AWSLogs", "o-exampleorg1", "222222222222", "CloudTrail", "us-east-1");
        var expected = _trail.InReadingOrder().Where(f => f.Key.Contains("/222222222222/CloudTrail/us-east-1/", StringComparison.Ordinal)).SelectMany(f => f.Records.Select(r => r.Id)).ToList();

        var actual = CloudTrailTrail.ReadRecords(folder).Select(r => r.EventId).ToList();

        actual.Should().Equal(expected);
        expected.Should().NotBeEmpty();
    }

    [Fact]
    public void ReadRecords_MissingFolder_ThrowsDirectoryNotFound()
    {
        Action read = () => CloudTrailTrail.ReadRecords(Path.Combine(_trail.Root, "missing"));

        read.Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public async Task ReadRecordsAsync_Cancelled_StopsWithOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        int read = 0;

        Func<Task> run = async () =>
        {
            await foreach (CloudTrailRecord record in CloudTrailTrail.ReadRecordsAsync(_trail.Root, new CloudTrailTrailOptions { MaxDegreeOfParallelism = 2 }, cancellation.Token))
            {
                if (++read == 10)
                {
                    await cancellation.CancelAsync();
                }
            }
        };

        await run.Should().ThrowAsync<OperationCanceledException>();
        read.Should().Be(10);
    }

    [Fact]
    public async Task ReadRecordsAsync_Store_ReadsWhatTheFolderReads()
    {
        var store = new Internal.FolderObjectStore(_trail.Root);
        var options = new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime };

        List<string> fromStore = await Ids(CloudTrailTrail.ReadRecordsAsync(store, "", options));
        List<string> fromOrganizationPrefix = await Ids(CloudTrailTrail.ReadRecordsAsync(store, "AWSLogs/o-exampleorg1", options));

        fromStore.Should().Equal(CloudTrailTrail.ReadRecords(_trail.Root, options).Select(r => r.EventId + r.EventName));
        fromOrganizationPrefix.Should().BeEquivalentTo(_trail.Logs.Where(f => f.Key.Contains("o-exampleorg1", StringComparison.Ordinal)).SelectMany(f => f.Records).Select(r => r.Id + r.Name));
    }

    [Fact]
    public async Task ReadRecordsAsync_StoreOfTheInterfaceContractOnly_ReadsTheSameRecordsListingOnlyTheRangesDays()
    {
        MemoryObjectStore store = MemoryObjectStore.FromFolder(_trail.Root);
        var options = new CloudTrailTrailOptions
        {
            From = new DateTimeOffset(2025, 3, 31, 0, 10, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2025, 3, 31, 0, 50, 0, TimeSpan.Zero),
            Deduplicate = true,
            MaxDegreeOfParallelism = 3,
        };

        List<string> fromStore = await Ids(CloudTrailTrail.ReadRecordsAsync(store, "", options));

        fromStore.Should().NotBeEmpty().And.Equal(CloudTrailTrail.ReadRecords(_trail.Root, options).Select(r => r.EventId + r.EventName));
        store.Listed.Where(l => l.StartsWith("objects:", StringComparison.Ordinal)).Should().OnlyContain(l => l.EndsWith("/2025/03/31/", StringComparison.Ordinal));
        store.Listed.Should().NotContain(l => l.Contains("Digest", StringComparison.Ordinal) || l.Contains("Config", StringComparison.Ordinal));
    }

    private static async Task<List<string>> Ids(IAsyncEnumerable<CloudTrailRecord> records)
    {
        var ids = new List<string>();
        await foreach (CloudTrailRecord record in records)
        {
            ids.Add(record.EventId + record.EventName);
        }

        return ids;
    }

    public sealed class Fixture : IDisposable
    {
        public TrailFolder Trail { get; } = Generate(seed: 20);

        public void Dispose() => Trail.Dispose();
    }
}
