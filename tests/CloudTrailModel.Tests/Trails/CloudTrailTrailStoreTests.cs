using System.Text;

namespace CloudTrailModel.Tests.Trails;

/// <summary>How the trail reader uses a store: which folders it lists, and that no object stays open or is read once enumeration has ended.</summary>
public sealed class CloudTrailTrailStoreTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadRecordsAsync_BigUnrelatedFolderTree_IsNotWalked()
    {
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        AddLog(objects, "", "top", 2);
        AddLog(objects, "team/logs/", "prefixed", 3);
        AddLog(objects, "a/b/c/", "deep", 4);
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                for (int k = 0; k < 6; k++)
                {
                    objects[$"data/d{i}/e{j}/f{k}/g/h/part-0.parquet"] = [1];
                }
            }
        }

        var store = new MemoryObjectStore(objects);

        List<string> ids = await Ids(CloudTrailTrail.ReadRecordsAsync(store, ""));
        List<string> deep = await Ids(CloudTrailTrail.ReadRecordsAsync(new MemoryObjectStore(objects), "a/"));

        ids.Should().BeEquivalentTo(["top0", "top1", "prefixed0", "prefixed1", "prefixed2"], "AWSLogs/ folders up to two folders below the prefix are read");
        deep.Should().BeEquivalentTo(["deep0", "deep1", "deep2", "deep3"], "a deeper trail is read from a prefix nearer to it");
        List<string> listings = store.Listed.Where(l => l.StartsWith("prefixes:data/", StringComparison.Ordinal)).ToList();
        listings.Should().BeEquivalentTo(["prefixes:data/", .. Enumerable.Range(0, 6).Select(i => $"prefixes:data/d{i}/")], "the 300 folders below data/dN/ are not listed");
        store.Listed.Should().HaveCountLessThan(40);
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 3)]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    public async Task ReadRecordsAsync_EndedEarly_ClosesEveryObjectBeforeEnumerationEnds(bool cancel, int degree)
    {
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        AddLog(objects, "", "big", 400, plain: true, minute: 5);
        AddLog(objects, "", "small1", 3, plain: true, minute: 10);
        AddLog(objects, "", "small2", 3, plain: true, minute: 15);
        var store = new SlowObjectStore(new MemoryObjectStore(objects));
        using var cancellation = new CancellationTokenSource();
        int read = 0;

        try
        {
            await foreach (CloudTrailRecord record in CloudTrailTrail.ReadRecordsAsync(store, "", new CloudTrailTrailOptions { MaxDegreeOfParallelism = degree }, cancellation.Token))
            {
                read++;
                if (!cancel)
                {
                    break;
                }

                await cancellation.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (cancel)
        {
            // Expected: the read was cancelled.
        }

        int opened = store.Opened;
        int closed = store.Closed;
        long reads = store.Reads;
        await Task.Delay(300);

        read.Should().Be(1);
        opened.Should().BePositive();
        closed.Should().Be(opened, "every object opened is closed when the enumeration has ended");
        store.Reads.Should().Be(reads, "nothing reads on after the enumeration has ended");
        store.Opened.Should().Be(opened);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ReadRecordsAsync_ConsumerWaits_FilesAreReadAheadUpToFourPerDegree(int degree)
    {
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 0; i < 30; i++)
        {
            AddLog(objects, "", "file" + i, 2, minute: 5 + i);
        }

        var store = new SlowObjectStore(new MemoryObjectStore(objects));
        int bound = degree * 4;
        await using IAsyncEnumerator<CloudTrailRecord> records = CloudTrailTrail.ReadRecordsAsync(store, "", new CloudTrailTrailOptions { MaxDegreeOfParallelism = degree }).GetAsyncEnumerator();
        (await records.MoveNextAsync()).Should().BeTrue();

        // The consumer holds the first record: the workers go on without it, to the bound and no further.
        SpinWait.SpinUntil(() => store.Opened >= bound, TimeSpan.FromSeconds(30)).Should().BeTrue("files are read ahead without waiting for the consumer");
        await Task.Delay(300);
        store.Opened.Should().Be(bound, "no more than four files per degree are read ahead of the consumer");

        var ids = new List<string> { records.Current.EventId! };
        while (await records.MoveNextAsync())
        {
            ids.Add(records.Current.EventId!);
        }

        ids.Should().Equal(Enumerable.Range(0, 30).SelectMany(i => new[] { $"file{i}0", $"file{i}1" }), "records come in file order");
        store.Opened.Should().Be(30);
    }

    private static void AddLog(Dictionary<string, byte[]> objects, string prefix, string name, int records, bool plain = false, int minute = 5)
    {
        string key = TrailFolder.Key("111111111111", "us-east-1", At.AddMinutes(minute), name, prefix: prefix);
        string json = "{\"Records\":[" + string.Join(',', Enumerable.Range(0, records).Select(i => TrailFolder.RecordJson(new(At, name + i), "111111111111", "us-east-1"))) + "]}";
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        objects[key] = plain ? bytes : TrailFolder.Gzip(bytes);
    }

    private static async Task<List<string>> Ids(IAsyncEnumerable<CloudTrailRecord> records)
    {
        var ids = new List<string>();
        await foreach (CloudTrailRecord record in records)
        {
            ids.Add(record.EventId!);
        }

        return ids;
    }

    /// <summary>A store whose streams read a little at a time, slowly, ignoring cancellation, and take a while to close, counting opens, reads and closes.</summary>
    private sealed class SlowObjectStore(ICloudTrailObjectStore inner) : ICloudTrailObjectStore
    {
        private int _opened;
        private int _closed;
        private long _reads;

        public int Opened => Volatile.Read(ref _opened);

        public int Closed => Volatile.Read(ref _closed);

        public long Reads => Interlocked.Read(ref _reads);

        public IAsyncEnumerable<string> ListPrefixesAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListPrefixesAsync(prefix, cancellationToken);

        public IAsyncEnumerable<CloudTrailObjectInfo> ListObjectsAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListObjectsAsync(prefix, cancellationToken);

        public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
        {
            Stream stream = await inner.OpenReadAsync(key, cancellationToken);
            Interlocked.Increment(ref _opened);
            return new SlowStream(stream, this);
        }

        private sealed class SlowStream(Stream inner, SlowObjectStore store) : Stream
        {
            private int _disposed;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                Thread.Sleep(1);
                Interlocked.Increment(ref store._reads);
                return inner.Read(buffer, offset, Math.Min(count, 512));
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Delay(1, CancellationToken.None);
                Interlocked.Increment(ref store._reads);
                return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 512)], CancellationToken.None);
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override async ValueTask DisposeAsync()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    await Task.Delay(100, CancellationToken.None);
                    await inner.DisposeAsync();
                    Interlocked.Increment(ref store._closed);
                }

                await base.DisposeAsync();
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    Thread.Sleep(100);
                    inner.Dispose();
                    Interlocked.Increment(ref store._closed);
                }

                base.Dispose(disposing);
            }
        }
    }
}
