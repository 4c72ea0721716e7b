using System.Text;

namespace CloudTrailModel.Tests.Trails;

/// <summary>Bad files among good ones: Skip mode reports each error with its file's key and reads on; Throw mode stops at the first.</summary>
public sealed class CloudTrailTrailErrorTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TrailFolder _trail = new();
    private readonly string _badRecordKey;
    private readonly string _corruptKey;

    public CloudTrailTrailErrorTests()
    {
        _trail.WriteLog("111111111111", "us-east-1", At.AddMinutes(5), "good1", [new(At, "g1"), new(At, "g2")]);
        _badRecordKey = TrailFolder.Key("111111111111", "us-east-1", At.AddMinutes(10), "badrecord");
        string json = "{\"Records\":[" + TrailFolder.RecordJson(new(At, "b1"), "111111111111", "us-east-1") + ",{\"eventVersion\":\"1.09\",\"eventTime\":[}," + TrailFolder.RecordJson(new(At, "b3"), "111111111111", "us-east-1") + "]}";
        _trail.WriteRaw(_badRecordKey, TrailFolder.Gzip(Encoding.UTF8.GetBytes(json)));
        _corruptKey = TrailFolder.Key("111111111111", "us-east-1", At.AddMinutes(15), "corrupt");
        byte[] corrupt = TrailFolder.Gzip(Encoding.UTF8.GetBytes("{\"Records\":[" + TrailFolder.RecordJson(new(At, "c1"), "111111111111", "us-east-1") + "]}"));
        corrupt.AsSpan(12, 20).Fill(0xFF);
        _trail.WriteRaw(_corruptKey, corrupt);
        _trail.WriteRaw(TrailFolder.Key("111111111111", "us-east-1", At.AddMinutes(20), "empty"), []);
        _trail.WriteLog("111111111111", "us-east-1", At.AddMinutes(25), "good2", [new(At.AddMinutes(20), "g3")]);
    }

    public void Dispose() => _trail.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ReadRecords_SkipMode_ReportsErrorsWithKeysAndReadsOn(int degree)
    {
        var errors = new List<CloudTrailTrailError>();
        var readerErrors = new List<CloudTrailRecordError>();
        var progress = new List<CloudTrailTrailProgress>();
        var options = new CloudTrailTrailOptions
        {
            MaxDegreeOfParallelism = degree,
            ReaderOptions = new CloudTrailReaderOptions { InvalidRecordHandling = InvalidRecordHandling.Skip, OnInvalidRecord = readerErrors.Add },
            OnInvalidRecord = errors.Add,
            Progress = new SyncProgress(progress),
        };

        var ids = CloudTrailTrail.ReadRecords(_trail.Root, options).Select(r => r.EventId).ToList();

        ids.Should().Equal("g1", "g2", "b1", "b3", "g3");
        errors.Select(e => e.Key.Key).Should().Contain(_badRecordKey).And.Contain(_corruptKey);
        errors.Should().Contain(e => e.Key.Key == _badRecordKey && e.Error.RecordIndex == 1 && e.Error.ErrorCode == CloudTrailErrorCode.InvalidJson);
        errors.Should().Contain(e => e.Key.Key == _corruptKey && e.Error.ErrorCode == CloudTrailErrorCode.InvalidCompressedData);
        errors.Should().Contain(e => e.Key.UniqueId == "empty" && e.Error.ErrorCode == CloudTrailErrorCode.EmptyInput);
        readerErrors.Should().Equal(errors.Select(e => e.Error));
        progress[^1].Errors.Should().Be(errors.Count);
        progress[^1].FilesDone.Should().Be(5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ReadRecords_ThrowMode_StopsAtTheFirstBadRecordWithItsKey(int degree)
    {
        var ids = new List<string?>();

        Action read = () =>
        {
            foreach (CloudTrailRecord record in CloudTrailTrail.ReadRecords(_trail.Root, new CloudTrailTrailOptions { MaxDegreeOfParallelism = degree }))
            {
                ids.Add(record.EventId);
            }
        };

        read.Should().Throw<CloudTrailParseException>().Which.Data["CloudTrailObjectKey"].Should().Be(_badRecordKey);
        ids.Should().Equal("g1", "g2", "b1");
    }

    [Fact]
    public void CloudTrailReaderReadRecords_Folder_ThrowsArgumentExceptionNamingTheTrailReader()
    {
        Action read = () => _ = CloudTrailReader.ReadRecords(_trail.Root).ToList();

        read.Should().Throw<ArgumentException>().WithMessage("*CloudTrailTrail.ReadRecords*");
    }

    [Fact]
    public void ReadRecords_UnreadableSubfolder_IsSkippedWithoutUnauthorizedAccess()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Folder permissions are ACLs there, not modes.
        }

        string locked = Path.Combine(_trail.Root, "AWSLogs", "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var options = new CloudTrailTrailOptions { ReaderOptions = new CloudTrailReaderOptions { InvalidRecordHandling = InvalidRecordHandling.Skip } };

            CloudTrailTrail.ReadRecords(_trail.Root, options).Select(r => r.EventId).Should().Equal("g1", "g2", "b1", "b3", "g3");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
