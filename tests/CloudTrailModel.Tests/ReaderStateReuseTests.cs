using System.Runtime.CompilerServices;
using System.Text;
using CloudTrailModel.Benchmarks;
using CloudTrailModel.Internal;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>Tests that empty or inspect the process-wide cache of reader states run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReaderStateCacheTests
{
    public const string Name = "Reader state cache";

    /// <summary>Empties the cache as readers would: every kept state is rented and never handed back, so the next reader starts afresh.</summary>
    public static void TakeKeptStates()
    {
        for (int i = 0; i < ParseStateCache.Slots; i++)
        {
            ParseStateCache.Rent();
        }
    }
}

/// <summary>
/// A reader reuses the string pool and shared-object tables a finished reader leaves (<see cref="ParseStateCache"/>):
/// records must come out the same as from a reader that starts afresh, whatever was read before, on however many
/// threads, and the cache must hold neither records nor input, nor let crafted values slow the readers after them.
/// </summary>
[Collection(ReaderStateCacheTests.Name)]
public sealed class ReaderStateReuseTests
{
    private static readonly CloudTrailReaderOptions Sequential = CloudTrailReaderOptions.Default with { AllowParallelParsing = false };

    // Different files of a realistic mix (identity kinds, sessions, TLS details, resources, errors): 700 records are
    // about 1.1 MB, so with parallel parsing allowed other threads join from the start (decompressing gzip, parsing).
    private const int RecordsPerFile = 700;
    private static readonly byte[][] Files = [.. Enumerable.Range(0, 6).Select(i => LogGenerator.Generate(7100 + i, RecordsPerFile))];

    private static List<string> Read(byte[] input, CloudTrailReaderOptions options) =>
        [.. CloudTrailReader.ReadRecords(new MemoryStream(input), options).Select(Fixtures.Json)];

    private static void TakeKeptStates() => ReaderStateCacheTests.TakeKeptStates();

    // What a reader that starts afresh gives for each file.
    private static List<string>[] Fresh(CloudTrailReaderOptions options) =>
        [.. Files.Select(file =>
        {
            TakeKeptStates();
            return Read(file, options);
        })];

    public static TheoryData<bool, bool> Paths => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReadersThatFollowOneAnother_GiveWhatAFreshReaderGives(bool gzip, bool parallel)
    {
        CloudTrailReaderOptions options = parallel ? CloudTrailReaderOptions.Default : Sequential;
        List<string>[] expected = Fresh(options);
        expected.SelectMany(e => e).Should().HaveCount(Files.Length * RecordsPerFile);

        TakeKeptStates();
        foreach (int i in new[] { 0, 1, 2, 3, 4, 5, 3, 1, 5, 0 })
        {
            byte[] input = gzip ? Fixtures.Gzip(Files[i]) : Files[i];
            Read(input, options).Should().Equal(expected[i], "file {0} read after others gives the records a fresh reader gives", i);
        }
    }

    [Fact]
    public void ReadersOnManyThreads_GiveWhatAFreshReaderGives()
    {
        List<string>[] expected = Fresh(CloudTrailReaderOptions.Default);
        byte[][] gzipped = [.. Files.Select(Fixtures.Gzip)];
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();

        System.Threading.Tasks.Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 6 }, n =>
        {
            int i = n % Files.Length;
            CloudTrailReaderOptions options = n % 3 == 0 ? Sequential : CloudTrailReaderOptions.Default;
            List<string> records = Read(n % 2 == 0 ? gzipped[i] : Files[i], options);
            if (!records.SequenceEqual(expected[i]))
            {
                mismatches.Add($"read {n} (file {i})");
            }
        });

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public async Task AsyncReaders_AndReadersStoppedEarly_LeaveTheNextReaderRight()
    {
        List<string>[] expected = Fresh(CloudTrailReaderOptions.Default);

        foreach (int i in new[] { 0, 1, 2 })
        {
            // Stopped after a few records, in the middle of a file decompressed and parsed on two threads.
            CloudTrailReader.ReadRecords(new MemoryStream(Fixtures.Gzip(Files[i])), CloudTrailReaderOptions.Default).Take(7).Select(Fixtures.Json)
                .Should().Equal(expected[i].Take(7));

            var records = new List<string>();
            await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(Fixtures.Gzip(Files[i + 3])), CloudTrailReaderOptions.Default))
            {
                records.Add(Fixtures.Json(record));
            }

            records.Should().Equal(expected[i + 3]);
            Read(Files[i + 1], CloudTrailReaderOptions.Default).Should().Equal(expected[i + 1]);
        }
    }

    [Fact]
    public void AReaderWhoseInputFails_LeavesTheNextReaderRight()
    {
        List<string>[] expected = Fresh(CloudTrailReaderOptions.Default);

        // Cut in the middle of a record, with a bad record before it: the reader reports both and ends.
        byte[] bad = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Files[0]).Replace("\"eventName\":", "\"eventName\"", StringComparison.Ordinal));
        Fixtures.ReadSkip(Fixtures.Gzip(bad[..(bad.Length / 2)])).Errors.Should().NotBeEmpty();

        Read(Files[1], CloudTrailReaderOptions.Default).Should().Equal(expected[1]);
        Read(Fixtures.Gzip(Files[2]), CloudTrailReaderOptions.Default).Should().Equal(expected[2]);
    }

    [Fact]
    public void AFinishedRead_LeavesNoRecordNorInputReachable()
    {
        WeakReference[] records = ReadAndForget();

        // Whatever the cache keeps is held here, so only what it references stays alive through the collection.
        ParseState[] kept = [.. Enumerable.Range(0, 8).Select(_ => ParseStateCache.Rent())];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        records.Should().NotBeEmpty();
        records.Count(r => r.IsAlive).Should().Be(0, "the states kept for the next reader hold no record or input of this one");
        GC.KeepAlive(kept);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] ReadAndForget()
    {
        byte[] input = [.. Files[0]];
        var refs = new List<WeakReference> { new(input) };
        refs.AddRange(CloudTrailReader.ReadRecords(new MemoryStream(input), CloudTrailReaderOptions.Default).Select(r => new WeakReference(r)));
        refs.AddRange(CloudTrailReader.ReadRecords(new MemoryStream(Fixtures.Gzip(Files[1])), CloudTrailReaderOptions.Default).Select(r => new WeakReference(r)));

        // Stopped inside a record's materialisation cannot be arranged from outside; stopped between records can.
        refs.AddRange(CloudTrailReader.ReadRecords(new MemoryStream(Files[2]), Sequential).Take(3).Select(r => new WeakReference(r)));
        return [.. refs];
    }

    [SkippableFact]
    public void TheNextReadersThread_GetsTheStateTheLastReadersThreadUsed_NotAHelpersState()
    {
        // Helpers have states of their own on a machine with more than one core only.
        Skip.If(Environment.ProcessorCount < 2, "Parallel parsing is used only when the machine has more than one core.");
        byte[] log = Fixtures.Utf8(Fixtures.LogFile([.. Enumerable.Range(0, 3000).Select(i => Fixtures.Record(i))]));
        CloudTrailReaderOptions parallel = CloudTrailReaderOptions.Default with { AllowParallelParsing = true };

        // Each state's pool gives a repeated value one instance. The second record is read on the reader's own thread
        // (helpers take records from the back of a window), so its account ID is the instance of that thread's pool.
        List<CloudTrailRecord> ReadSlowly(int pause)
        {
            var records = new List<CloudTrailRecord>();
            foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(log), parallel))
            {
                if (records.Count % 100 == 50)
                {
                    // A slow consumer, so helpers a busy machine starts late still find records left in the window.
                    Thread.Sleep(pause);
                }

                records.Add(record);
            }

            return records;
        }

        TakeKeptStates();
        string? readingThreads = null;
        int helped = 0;
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; helped < 3 && budget.Elapsed < TimeSpan.FromSeconds(60); attempt++)
        {
            List<CloudTrailRecord> records = ReadSlowly(Math.Min(attempt, 25));
            records.Should().HaveCount(3000);
            string account = records[1].RecipientAccountId!;
            if (readingThreads is not null)
            {
                account.Should().BeSameAs(readingThreads, "read {0}: the reader's thread got the state the last reader's thread had (its tables are in that core's cache), not a helper's", attempt);
            }

            readingThreads = account;
            if (records.Select(r => r.RecipientAccountId!).Distinct(ReferenceEqualityComparer.Instance).Count() > 1)
            {
                helped++;
            }
        }

        helped.Should().Be(3, "helpers had states of their own in three reads");
    }

    [Fact]
    public void AStateIsKeptForTheNextReader_EvenWithAFullPool_WhichItsNextReaderEmpties()
    {
        // A new state whose reader asks for more values than a pool holds: the last ones are not pooled.
        TakeKeptStates();
        ParseState state = ParseStateCache.Rent();
        for (int i = 0; i < StringPool.MaxEntries + 1000; i++)
        {
            state.Pool.Get(Encoding.UTF8.GetBytes($"value-{i}"));
        }

        state.Pool.Get("late-value"u8).Should().NotBeSameAs(state.Pool.Get("late-value"u8), "a full pool pools nothing new for the reader that filled it");
        ParseStateCache.Return(state);
        ParseState next = ParseStateCache.Rent();
        next.Should().BeSameAs(state, "a full pool is kept: its tables are reused rather than made anew");

        // Its next reader has the room a new pool would give it: the earlier readers' values make way for its own.
        string first = next.Pool.Get("late-value"u8);
        next.Pool.Get("late-value"u8).Should().BeSameAs(first, "the next reader pools its own values in the kept pool");
    }

    [Fact]
    public void AKeptState_OutlivesAFullCollection_ForTheNextReader()
    {
        // A service reading a file now and then, with full collections between: its readers keep what the last learnt.
        TakeKeptStates();
        ParseState state = ParseStateCache.Rent();
        state.Pool.Get("kept-value"u8);
        ParseStateCache.Return(state);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        ParseState next = ParseStateCache.Rent();
        next.Should().BeSameAs(state, "a state used within the last minute is kept through full collections");
        ParseStateCache.Return(next);
    }

    [Fact]
    public void AKeptState_UnusedForLongerThanItIsKept_OrWhenMemoryIsShort_IsLetGo()
    {
        TakeKeptStates();
        ParseState state = ParseStateCache.Rent();
        ParseStateCache.Return(state);
        ParseStateCache.Trim(Environment.TickCount64, memoryLoadHigh: false);
        ParseState kept = ParseStateCache.Rent();
        kept.Should().BeSameAs(state, "a state handed back just now is kept");

        ParseStateCache.Return(kept);
        ParseStateCache.Trim(Environment.TickCount64 + (long)ParseStateCache.KeepUnused.TotalMilliseconds + 1000, memoryLoadHigh: false);
        ParseStateCache.Rent().Should().NotBeSameAs(state, "a state unused for longer than the cache keeps one is let go");

        ParseState another = ParseStateCache.Rent();
        ParseStateCache.Return(another);
        ParseStateCache.Trim(Environment.TickCount64, memoryLoadHigh: true);
        ParseStateCache.Rent().Should().NotBeSameAs(another, "when memory is short every kept state is let go");
    }

    [Fact]
    public void AFullCollectionCallback_RunsAfterEachFullCollection_UntilItSaysStop()
    {
        // The first asks to be called again until its third call, so it does not outlive the test.
        int calls = 0, stopping = 0;
        FullCollectionCallback.Register(() => Interlocked.Increment(ref calls) < 3);
        FullCollectionCallback.Register(() =>
        {
            Interlocked.Increment(ref stopping);
            return false;
        });

        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Volatile.Read(ref calls).Should().Be(3, "the callback runs after each full collection while it asks to");
        Volatile.Read(ref stopping).Should().Be(1, "a callback that returns false is not called again");
    }

    [Fact]
    public void AStateHandedBackTwice_GoesToOneReaderOnly()
    {
        TakeKeptStates();
        ParseState state = ParseStateCache.Rent();
        ParseStateCache.Return(state);
        ParseStateCache.Return(state);

        ParseState first = ParseStateCache.Rent();
        ParseState second = ParseStateCache.Rent();
        first.Should().BeSameAs(state);
        second.Should().NotBeSameAs(state, "one state read by two readers at once would mix their values");
    }

    [Fact]
    public void AThread_RentsTheStateItHandedBack_BeforeStatesOtherThreadsHandedBack()
    {
        // Two threads reading files in turn, as a Parallel.ForEach over files does: the other thread hands its state back
        // first, so it sits in the first slot.
        TakeKeptStates();
        ParseState mine = ParseStateCache.Rent();
        ParseState? theirs = null;
        var other = new Thread(() =>
        {
            theirs = ParseStateCache.Rent();
            ParseStateCache.Return(theirs);
        });
        other.Start();
        other.Join();
        ParseStateCache.Return(mine);

        ParseStateCache.Rent().Should().BeSameAs(mine, "a thread's own state has its tables in that thread's cache");
        ParseStateCache.Rent().Should().BeSameAs(theirs, "without one of its own, a thread takes any kept state");
    }

    [Fact]
    public void AReaderGivenAKeptPool_StillPoolsItsOwnValues_WhenThePoolFills()
    {
        // A kept pool three quarters full (values of earlier readers)...
        TakeKeptStates();
        ParseState state = ParseStateCache.Rent();
        int earlierCount = StringPool.MaxEntries * 3 / 4, agents = StringPool.MaxEntries / 2;
        string[] earlier = [.. Enumerable.Range(0, earlierCount).Select(i => state.Pool.Get(Encoding.UTF8.GetBytes($"earlier-{i}")))];

        Enumerable.Range(0, earlierCount).Count(i => !ReferenceEquals(state.Pool.Get(Encoding.UTF8.GetBytes($"earlier-{i}")), earlier[i]))
            .Should().Be(0, "the pool holds all the earlier values");
        ParseStateCache.Return(state);

        // ... then a file whose own repeated user agents (half a pool), with those, are more than a pool holds, and after
        // them one user agent in 100 records: a fresh reader pools it, and so must this one.
        var json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < (agents * 2) + 100; i++)
        {
            string agent = i < agents * 2 ? $"agent-{i / 2}" : "late-agent";
            json.Append(i == 0 ? "" : ",").Append($$"""{"eventVersion":"1.08","eventTime":"2024-05-14T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","userAgent":"{{agent}}"}""");
        }

        byte[] log = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        List<CloudTrailRecord> records = [.. CloudTrailReader.ReadRecords(new MemoryStream(log), Sequential)];

        records.Should().HaveCount((agents * 2) + 100);
        records.Skip(agents * 2).Should().AllSatisfy(r => r.UserAgent.Should().Be("late-agent"));
        records.Skip(agents * 2).Select(r => r.UserAgent).Distinct(ReferenceEqualityComparer.Instance).Count()
            .Should().BeLessThan(3, "the value is pooled from its second sighting on, as by a reader that started afresh");
        records.Take(agents * 2).Select(r => r.UserAgent).Should().Equal(Enumerable.Range(0, agents * 2).Select(i => $"agent-{i / 2}"));
    }

    [Fact]
    public void APoolOfLongValues_IsFullByItsBytes_BeforeItsCount()
    {
        // 500-byte values: the byte budget, not the number of values, bounds what the pool holds.
        var pool = new StringPool();
        int fits = StringPool.MaxBytes / 500;
        fits.Should().BeLessThan(StringPool.MaxEntries);
        string[] values = [.. Enumerable.Range(0, fits + 100).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('v', 494))];
        string[] first = [.. values.Select(v => pool.Get(Encoding.UTF8.GetBytes(v)))];

        pool.Get(Encoding.UTF8.GetBytes(values[0])).Should().BeSameAs(first[0], "values within the budget are pooled");
        pool.Get(Encoding.UTF8.GetBytes(values[fits - 1])).Should().BeSameAs(first[fits - 1]);
        pool.Get(Encoding.UTF8.GetBytes(values[^1])).Should().Be(values[^1]).And.NotBeSameAs(first[^1], "past the budget nothing new is pooled");
    }

    public static TheoryData<string> NumberedValues => new()
    {
        "{0}", "1234567{0:D5}", "arn:aws:iam::123456789012:role/role-{0}", "i-0abc{0:x8}", "10.0.{1}.{2}", "agent-{0}",
    };

    [Theory]
    [MemberData(nameof(NumberedValues))]
    public void ValuesThatDifferInTheirLastBytes_AreAllPooled(string format)
    {
        // Numbered ARNs, account and instance IDs, addresses: values alike but for their last bytes, which a hash that
        // mixed those bytes into its high bits only filed in a few entries (then most were never pooled).
        string[] values = [.. Enumerable.Range(0, 3000).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i, i / 256, i % 256))];
        values.Distinct().Should().HaveCount(3000);
        var pool = new StringPool();
        string[] first = [.. values.Select(v => pool.Get(Encoding.UTF8.GetBytes(v)))];
        string[] second = [.. values.Select(v => pool.Get(Encoding.UTF8.GetBytes(v)))];

        second.Should().Equal(values);
        Enumerable.Range(0, 3000).Count(i => !ReferenceEquals(first[i], second[i])).Should().Be(0, "every value is pooled when first met");
    }

    [Fact]
    public void ValuesCraftedToCollide_AreAllReadRight_AndCostABoundedLookup()
    {
        // 200 values filed under the same entry of the largest table (8192 entries, so of every smaller one too).
        // The pool says the hash it files a value under (its entry is the hash masked by the table's size, or a later one).
        var hashes = new StringPool();
        int HashOf(ReadOnlySpan<byte> value)
        {
            _ = hashes.GetIfRepeated(value, out int hash);
            return hash;
        }

        var colliding = new List<byte[]>();
        int target = HashOf("v0"u8) & 8191;
        for (int n = 0; colliding.Count < 200; n++)
        {
            byte[] value = Encoding.UTF8.GetBytes($"v{n}");
            if ((HashOf(value) & 8191) == target)
            {
                colliding.Add(value);
            }
        }

        var pool = new StringPool();
        string[] first = [.. colliding.Select(v => pool.Get(v))];
        string[] second = [.. colliding.Select(v => pool.Get(v))];

        first.Select(s => Encoding.UTF8.GetBytes(s)).Should().BeEquivalentTo(colliding, o => o.WithStrictOrdering());
        second.Should().Equal(first);
        ReferenceEquals(second[0], first[0]).Should().BeTrue("the first values are pooled");
        Enumerable.Range(100, 100).Count(i => ReferenceEquals(second[i], first[i])).Should().Be(0, "a lookup stops after a bounded number of entries, so values beyond them are not pooled");
        colliding.Select(v => pool.GetIfRepeated(v, out _) ?? Encoding.UTF8.GetString(v)).Should().Equal(first);
    }
}
