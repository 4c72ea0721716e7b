using System.Text;

namespace CloudTrailModel.Tests.Trails;

/// <summary>Resuming from every checkpoint of a run yields exactly the rest of the run, in every order and mode.</summary>
public sealed class CloudTrailTrailCheckpointTests
{
    [Theory]
    [InlineData(CloudTrailRecordOrder.File, false, 1)]
    [InlineData(CloudTrailRecordOrder.File, true, 2)]
    [InlineData(CloudTrailRecordOrder.EventTime, false, 1)]
    [InlineData(CloudTrailRecordOrder.EventTime, false, 2)]
    [InlineData(CloudTrailRecordOrder.EventTime, true, 1)]
    [InlineData(CloudTrailRecordOrder.EventTime, true, 2)]
    public void ReadEntries_ResumeFromEveryCheckpoint_YieldsExactlyTheRest(CloudTrailRecordOrder order, bool deduplicate, int degree)
    {
        using TrailFolder trail = TrailFolder.Generate(seed: 7, hours: 1, recordsPerFile: 4);
        var options = new CloudTrailTrailOptions { Order = order, Deduplicate = deduplicate, MaxDegreeOfParallelism = degree, LatenessWindow = TimeSpan.FromMinutes(12) };
        var run = CloudTrailTrail.ReadEntries(trail.Root, options).Select(e => (Id: Id(e), Checkpoint: e.Checkpoint.ToString())).ToList();
        run.Should().HaveCountGreaterThan(50);

        for (int i = 0; i < run.Count; i++)
        {
            var resumed = CloudTrailTrail.ReadEntries(trail.Root, options with { ResumeFrom = CloudTrailTrailCheckpoint.Parse(run[i].Checkpoint) }).Select(Id).ToList();

            resumed.Should().Equal(run.Skip(i + 1).Select(e => e.Id), "resuming after record {0} of {1}", i, run.Count);
        }
    }

    [Fact]
    public void ReadEntries_ResumeAfterNewFilesArrived_LosesAndRepeatsNothing()
    {
        using var trail = new TrailFolder();
        var at = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(5), "a", [new(at.AddMinutes(1), "a1"), new(at, "a0")]);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(10), "b", [new(at.AddMinutes(6), "b1"), new(at.AddMinutes(2), "b0")]);
        var options = new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime, Deduplicate = true };
        var first = CloudTrailTrail.ReadEntries(trail.Root, options).ToList();
        CloudTrailTrailCheckpoint last = first[^1].Checkpoint;

        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(15), "c", [new(at.AddMinutes(11), "c1"), new(at.AddMinutes(6), "b1"), new(at.AddMinutes(3), "c0")]);
        var second = CloudTrailTrail.ReadEntries(trail.Root, options with { ResumeFrom = last }).ToList();

        first.Select(e => e.Record.EventId).Should().Equal("a0", "a1", "b0", "b1");
        second.Select(e => e.Record.EventId).Should().Equal("c0", "c1");
        second[0].IsLate.Should().BeTrue("c0 is older than the last record already yielded");
    }

    [Theory]
    [InlineData(CloudTrailRecordOrder.File, false, 1)]
    [InlineData(CloudTrailRecordOrder.File, true, 2)]
    [InlineData(CloudTrailRecordOrder.EventTime, false, 2)]
    [InlineData(CloudTrailRecordOrder.EventTime, true, 1)]
    public void ReadEntries_ResumeFromEveryCheckpointWhileFilesArriveLate_LosesAndRepeatsNothing(CloudTrailRecordOrder order, bool deduplicate, int degree)
    {
        List<Delivery> deliveries = Deliveries(seed: 11);
        DateTimeOffset start = deliveries.Min(d => d.Keyed).AddMinutes(-5);
        using TrailFolder first = Write(deliveries, start.AddMinutes(40));
        using TrailFolder second = Write(deliveries, start.AddMinutes(55));
        using TrailFolder third = Write(deliveries, start.AddMinutes(120));
        DateTimeOffset lastKeyedFirst = deliveries.Where(d => d.Appears <= start.AddMinutes(40)).Max(d => d.Keyed);
        deliveries.Count(d => d.Appears > start.AddMinutes(40) && d.Appears <= start.AddMinutes(55) && d.Keyed < lastKeyedFirst)
            .Should().BePositive("files keyed before the first run's last file arrive after it");
        var options = new CloudTrailTrailOptions { Order = order, Deduplicate = deduplicate, MaxDegreeOfParallelism = degree };
        var run = CloudTrailTrail.ReadEntries(first.Root, options).ToList();
        List<string> all = CloudTrailTrail.ReadEntries(second.Root, options).Select(Id).Order(StringComparer.Ordinal).ToList();
        List<string> allThird = CloudTrailTrail.ReadEntries(third.Root, options).Select(Id).Order(StringComparer.Ordinal).ToList();
        run.Should().HaveCountGreaterThan(30);

        for (int i = 0; i < run.Count; i++)
        {
            var before = run.Take(i + 1).ToList();
            var resumed = CloudTrailTrail.ReadEntries(second.Root, options with { ResumeFrom = CloudTrailTrailCheckpoint.Parse(run[i].Checkpoint.ToString()) }).ToList();

            before.Concat(resumed).Select(Id).Order(StringComparer.Ordinal).Should().Equal(all, "resuming after record {0} of {1} with files arrived late", i, run.Count);
            if (order == CloudTrailRecordOrder.EventTime)
            {
                before.Concat(resumed).Where(e => !e.IsLate).Select(e => e.Record.EventTime!.Value).Should().BeInAscendingOrder("records of late files are ordered among those waiting or flagged late");
            }

            // And again from checkpoints of the resumed run, some made while a late file was read, after more files arrived.
            for (int j = i % 5; j < resumed.Count; j += 9)
            {
                var again = CloudTrailTrail.ReadEntries(third.Root, options with { ResumeFrom = CloudTrailTrailCheckpoint.Parse(resumed[j].Checkpoint.ToString()) }).ToList();

                before.Concat(resumed.Take(j + 1)).Concat(again).Select(Id).Order(StringComparer.Ordinal).Should().Equal(allThird, "resuming after record {0} of the run resumed after record {1}", j, i);
            }
        }
    }

    [Fact]
    public void ReadEntries_FileArrivedLaterThanTheWindow_IsNotReadOnResume()
    {
        using var trail = new TrailFolder();
        var at = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        for (int minute = 5; minute <= 60; minute += 5)
        {
            trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(minute), $"a{minute:D2}", [new(at.AddMinutes(minute - 2), $"a{minute:D2}")]);
        }

        var options = new CloudTrailTrailOptions { LatenessWindow = TimeSpan.FromMinutes(15) };
        CloudTrailTrailCheckpoint last = CloudTrailTrail.ReadEntries(trail.Root, options).Last().Checkpoint;
        trail.WriteLog("222222222222", "us-east-1", at.AddMinutes(47), "within", [new(at.AddMinutes(45), "within")]);
        trail.WriteLog("222222222222", "us-east-1", at.AddMinutes(30), "tooLate", [new(at.AddMinutes(28), "tooLate")]);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(65), "a65", [new(at.AddMinutes(63), "a65")]);

        var resumed = CloudTrailTrail.ReadEntries(trail.Root, options with { ResumeFrom = last }).Select(e => e.Record.EventId).ToList();

        resumed.Should().Equal(["within", "a65"], "a file keyed 15 minutes or less before the last file read is read; one keyed 30 minutes before is taken for read");
    }

    [Fact]
    public void ToString_Parse_RoundTrips()
    {
        using var trail = new TrailFolder();
        var at = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(5), "a", [new(at, "a0"), new(at, "a1")], prefix: "odd \"prefix\"|,/");
        var options = new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime };
        CloudTrailTrailCheckpoint checkpoint = CloudTrailTrail.ReadEntries(trail.Root, options).First().Checkpoint;

        string text = checkpoint.ToString();
        CloudTrailTrailCheckpoint.TryParse(text, out CloudTrailTrailCheckpoint? parsed).Should().BeTrue();

        parsed!.ToString().Should().Be(text);
        CloudTrailTrail.ReadEntries(trail.Root, options with { ResumeFrom = parsed }).Select(e => e.Record.EventId).Should().Equal("a1");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("{\"v\":1,\"order\":0,\"window\":0,\"dedup\":false,\"read\":0}")]
    [InlineData("{\"v\":3,\"order\":0,\"window\":0,\"dedup\":false,\"sel\":\"a\",\"read\":0}")]
    [InlineData("{\"v\":2,\"order\":0,\"window\":0,\"dedup\":false,\"read\":0}")]
    [InlineData("{\"v\":2,\"order\":5,\"window\":0,\"dedup\":false,\"sel\":\"a\",\"read\":0}")]
    [InlineData("{\"v\":2,\"order\":0,\"window\":0,\"dedup\":false,\"sel\":\"a\",\"read\":-1}")]
    [InlineData("{\"v\":2,\"order\":0,\"window\":0,\"dedup\":false,\"sel\":\"a\",\"read\":0,\"next\":5}")]
    [InlineData("{\"v\":2,\"order\":0,\"window\":0,\"dedup\":false,\"sel\":\"a\",\"read\":0,\"seen\":\"AAAA\"}")]
    [InlineData("{\"v\":2,\"order\":0,\"window\":0,\"dedup\":false,\"sel\":\"a\",\"read\":0,\"seen\":\"not base64!\"}")]
    [InlineData("{\"v\":2,\"order\":0,\"window\":0,\"dedup\":false,\"sel\":\"a\",\"read\":0,\"late\":\"k\",\"lateRead\":-1}")]
    [InlineData("not json")]
    public void TryParse_NotACheckpoint_ReturnsFalse(string text)
    {
        CloudTrailTrailCheckpoint.TryParse(text, out CloudTrailTrailCheckpoint? parsed).Should().BeFalse();
        parsed.Should().BeNull();
        Action parse = () => CloudTrailTrailCheckpoint.Parse(text);
        parse.Should().Throw<FormatException>();
    }

    [Fact]
    public void ReadEntries_CheckpointOfOtherOptions_Throws()
    {
        using var trail = new TrailFolder();
        var at = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(5), "a", [new(at, "a0"), new(at, "a1")]);
        CloudTrailTrailCheckpoint checkpoint = CloudTrailTrail.ReadEntries(trail.Root).First().Checkpoint;

        Action read = () => _ = CloudTrailTrail.ReadEntries(trail.Root, new CloudTrailTrailOptions { Order = CloudTrailRecordOrder.EventTime, ResumeFrom = checkpoint }).ToList();

        read.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("From")]
    [InlineData("To")]
    [InlineData("AccountIds")]
    [InlineData("Regions")]
    [InlineData("OrganizationIds")]
    [InlineData("IncludeInsights")]
    [InlineData("Prefix")]
    public async Task ReadEntriesAsync_CheckpointOfOtherSelection_ThrowsArgumentException(string changed)
    {
        using var trail = new TrailFolder();
        var at = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        trail.WriteLog("111111111111", "us-east-1", at.AddMinutes(5), "a", [new(at, "a0"), new(at, "a1"), new(at, "a2")], org: "o-exampleorg1");
        trail.WriteLog("222222222222", "eu-west-1", at.AddMinutes(6), "b", [new(at, "b0")], org: "o-exampleorg1");
        var store = new Internal.FolderObjectStore(trail.Root);
        var options = new CloudTrailTrailOptions
        {
            From = at.AddHours(-1),
            To = at.AddHours(1),
            AccountIds = ["111111111111", "222222222222"],
            Regions = ["us-east-1", "eu-west-1"],
            OrganizationIds = ["o-exampleorg1"],
        };
        CloudTrailTrailCheckpoint checkpoint = (await CloudTrailTrail.ReadEntriesAsync(store, "AWSLogs/", options).FirstAsync()).Checkpoint;
        CloudTrailTrailOptions other = changed switch
        {
            "From" => options with { From = at.AddHours(-2) },
            "To" => options with { To = null },
            "AccountIds" => options with { AccountIds = ["111111111111"] },
            "Regions" => options with { Regions = null },
            "OrganizationIds" => options with { OrganizationIds = null },
            "IncludeInsights" => options with { IncludeInsights = true },
            _ => options,
        };
        string prefix = changed == "Prefix" ? "AWSLogs/o-exampleorg1/" : "AWSLogs/";

        Func<Task> resume = async () => await CloudTrailTrail.ReadEntriesAsync(store, prefix, other with { ResumeFrom = checkpoint }).ToListAsync();
        Func<Task> same = async () => await CloudTrailTrail.ReadEntriesAsync(store, "AWSLogs", options with
        {
            AccountIds = ["222222222222", "111111111111"],
            MaxDegreeOfParallelism = 3,
            ResumeFrom = checkpoint,
        }).ToListAsync();

        (await resume.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("checkpoint");
        await same.Should().NotThrowAsync("the same selection in another order, and another degree of parallelism, may resume");
    }

    // Log files of two accounts and two regions every five minutes, two records each; about one in four appears in the
    // folder up to twelve minutes after its key time (after files keyed later). Copies only between files that appear on time.
    private static List<Delivery> Deliveries(int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var deliveries = new List<Delivery>();
        int next = 0;
        foreach (string account in (string[])["111111111111", "222222222222"])
        {
            foreach (string region in (string[])["us-east-1", "eu-west-1"])
            {
                TrailFolder.TrailRecord? copyable = null;
                for (int slot = 1; slot <= 16; slot++)
                {
                    DateTimeOffset keyed = start.AddMinutes((slot * 5) + random.Next(0, 3));
                    bool delayed = random.Next(4) == 0;
                    var records = new List<TrailFolder.TrailRecord>();
                    for (int i = 0; i < 2; i++)
                    {
                        bool late = random.Next(10) == 0;
                        records.Add(new(keyed.AddSeconds(-(late ? random.Next(20 * 60, 30 * 60) : random.Next(5, 8 * 60))), $"{next++:x8}-0000-4000-8000-000000000000", late ? "Late" : "GetObject"));
                    }

                    if (!delayed && copyable is not null && keyed - copyable.Time <= TimeSpan.FromMinutes(12) && random.Next(3) == 0)
                    {
                        records.Insert(random.Next(records.Count + 1), copyable with { Name = "Copy" });
                    }

                    copyable = delayed ? null : records.FirstOrDefault(r => r.Name == "GetObject");
                    deliveries.Add(new Delivery(account, region, keyed, $"u{random.Next():x8}", records, delayed ? keyed.AddMinutes(random.Next(1, 13)) : keyed));
                }
            }
        }

        return deliveries;
    }

    private static TrailFolder Write(List<Delivery> deliveries, DateTimeOffset until)
    {
        var trail = new TrailFolder();
        foreach (Delivery delivery in deliveries.Where(d => d.Appears <= until))
        {
            trail.WriteLog(delivery.Account, delivery.Region, delivery.Keyed, delivery.Unique, delivery.Records);
        }

        return trail;
    }

    private sealed record Delivery(string Account, string Region, DateTimeOffset Keyed, string Unique, IReadOnlyList<TrailFolder.TrailRecord> Records, DateTimeOffset Appears);

    private static string Id(CloudTrailTrailEntry entry) => new StringBuilder(entry.Key.Key).Append('#').Append(entry.Record.EventId).Append(entry.Record.EventName).ToString();
}
