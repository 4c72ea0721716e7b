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
    [InlineData("{\"v\":2,\"order\":0,\"window\":0,\"dedup\":false,\"read\":0}")]
    [InlineData("{\"v\":1,\"order\":5,\"window\":0,\"dedup\":false,\"read\":0}")]
    [InlineData("{\"v\":1,\"order\":0,\"window\":0,\"dedup\":false,\"read\":-1}")]
    [InlineData("{\"v\":1,\"order\":0,\"window\":0,\"dedup\":false,\"read\":0,\"next\":5}")]
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

    private static string Id(CloudTrailTrailEntry entry) => new StringBuilder(entry.Key.Key).Append('#').Append(entry.Record.EventId).Append(entry.Record.EventName).ToString();
}
