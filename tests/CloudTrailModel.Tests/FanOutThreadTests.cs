using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// On a machine with more than one core, a window's records are materialised on helper threads too, each with its own
/// parse state; told apart here by the instances of a repeated value, which each state's string pool makes one of. These
/// tests count instances, so they run alone with states of their own (<see cref="ReaderStateCacheTests"/>).
/// </summary>
[Collection(ReaderStateCacheTests.Name)]
public sealed class FanOutThreadTests
{
    private static readonly CloudTrailReaderOptions Parallel = CloudTrailReaderOptions.Default with { AllowParallelParsing = true };
    private static readonly CloudTrailReaderOptions Sequential = CloudTrailReaderOptions.Default with { AllowParallelParsing = false };

    [SkippableTheory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false, true)]
    [InlineData(false, false, true, true)]
    public void ReadRecords_OnAMultiCoreMachine_MaterialisesRecordsOnMoreThanOneThread(bool filtered, bool eventVersionLast, bool jsonLines = false, bool gzip = false)
    {
        Skip.If(Environment.ProcessorCount < 2, "Parallel parsing is used only when the machine has more than one core.");

        // Every read below starts from the states this test's reads leave: a kept state full of other tests' values
        // would start afresh in the middle of a read and give a repeated value a second instance on one thread.
        ReaderStateCacheTests.TakeKeptStates();
        string[] input = Enumerable.Range(0, 3000).Select(i => Fixtures.Record(i).Replace("111122223333", "918273645501", StringComparison.Ordinal)).ToArray();
        if (eventVersionLast)
        {
            // Records need not start with eventVersion (only real CloudTrail files promise that).
            input = input.Select(r => "{" + r["{\"eventVersion\":\"1.08\",".Length..^1] + ",\"eventVersion\":\"1.08\"}").ToArray();
            input[0].Should().StartWith("{\"userIdentity\"");
        }

        byte[] log = Fixtures.Utf8(jsonLines ? string.Join("\n", input) : Fixtures.LogFile(input));
        if (gzip)
        {
            // Plain and gzip input share one hand-off.
            log = Fixtures.Gzip(log);
        }

        int Instances(CloudTrailReaderOptions options, int pause = 1) => FanOutThreadTests.Instances(log, 3000, options, pause);

        // A filter that passes every record: headers are read on helpers, records on the reading thread.
        CloudTrailReaderOptions Filtered(CloudTrailReaderOptions o) => filtered ? o with { Filter = h => h.RecipientAccountId == "918273645501" } : o;
        Instances(Filtered(Sequential)).Should().Be(1, "one thread, one pool");
        if (filtered)
        {
            Instances(Filtered(Parallel)).Should().Be(1, "with a filter, records are materialised on the reading thread");
            return;
        }

        // Until a helper took records: a machine busy with other tests may leave the helpers no time in one read, and a
        // thread pool starved by blocked tests adds threads only every half second or so (five reads were once not
        // enough in a full CI run). A slower consumer at each read; every read checks every record either way.
        int most = 0;
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; most < 2 && budget.Elapsed < TimeSpan.FromSeconds(60); attempt++)
        {
            most = Math.Max(most, Instances(Parallel, Math.Min(attempt, 25)));
        }

        most.Should().BeGreaterThan(1, "the windows' records are fanned out to helper threads");
    }

    [SkippableTheory]
    [InlineData(false, 450, false)]
    [InlineData(true, 450, false)]
    [InlineData(false, 1300, true)]
    [InlineData(true, 1300, true)]
    public void ReadRecords_OfASmallInput_OnAMultiCoreMachine_MaterialisesEveryRecordOnTheReadingThread(bool gzip, int count, bool sized)
    {
        Skip.If(Environment.ProcessorCount < 2, "Parallel parsing is used only when the machine has more than one core.");
        ReaderStateCacheTests.TakeKeptStates();

        // Waking another core would cost more than it saves: an input of unknown size within the reader's first window
        // (about 200 KB), or one whose size is known up front (a file, a buffer; for gzip from its trailer) below 1 MB.
        Log(count, gzip: false).Length.Should().BeInRange(sized ? 300_000 : 150_000, sized ? 1_000_000 : 250_000);
        byte[] log = Log(count, gzip);

        // A consumer slower at each read, so helpers would have found records left to take.
        foreach (int pause in new[] { 1, 5, 25 })
        {
            Instances(sized ? new MemoryStream(log) : new UnsizedStream(log), count, Parallel, pause).Should().Be(1, "a small input is read on the reading thread alone (pause {0} ms)", pause);
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadRecords_OfAnInputKnownToBeLarge_HandsRecordsOfItsFirstWindowToHelpers(bool gzip)
    {
        Skip.If(Environment.ProcessorCount < 2, "Parallel parsing is used only when the machine has more than one core.");
        ReaderStateCacheTests.TakeKeptStates();

        // Over 1 MB, known up front (for gzip from its trailer; large enough that decompression runs a full channel ahead
        // and helps): helpers take records from the start, so the first 400 records (about 180 KB, within the first
        // window) are not all the reading thread's. Retried as the fan-out test above: a busy machine may start helpers late.
        const int Count = 6000;
        byte[] log = Log(Count, gzip);
        int most = 0;
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; most < 2 && budget.Elapsed < TimeSpan.FromSeconds(60); attempt++)
        {
            most = Math.Max(most, Instances(new MemoryStream(log), Count, Parallel, Math.Min(attempt, 25), firstRecords: 400));
        }

        most.Should().BeGreaterThan(1, "records of the first window are fanned out to helper threads");
    }

    private static byte[] Log(int count, bool gzip)
    {
        byte[] log = Fixtures.Utf8(Fixtures.LogFile([.. Enumerable.Range(0, count).Select(i => Fixtures.Record(i).Replace("111122223333", "918273645501", StringComparison.Ordinal))]));
        return gzip ? Fixtures.Gzip(log) : log;
    }

    // Each thread materialises with its own state, whose string pool gives each repeated value one instance: more than
    // one instance of a repeated value shows that more than one thread materialised records.
    private static int Instances(byte[] log, int count, CloudTrailReaderOptions options, int pause) => Instances(new MemoryStream(log), count, options, pause);

    // Counted over the first firstRecords records (all of them when 0).
    private static int Instances(Stream input, int count, CloudTrailReaderOptions options, int pause, int firstRecords = 0)
    {
        var records = new List<CloudTrailRecord>();
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(input, options))
        {
            if (records.Count % 100 == 0)
            {
                // A slow consumer, so helpers a busy machine starts late still find records left in the window.
                Thread.Sleep(pause);
            }

            records.Add(record);
        }

        records.Select(r => r.EventId).Should().Equal(Enumerable.Range(0, count).Select(i => $"id-{i}"));
        return records.Take(firstRecords > 0 ? firstRecords : count).Select(r => r.RecipientAccountId!).Distinct(ReferenceEqualityComparer.Instance).Count();
    }
}
