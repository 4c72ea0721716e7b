using System.Text;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Materialize;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Reading;

/// <summary>
/// Framing finds each record's complete range before it is materialised: however the input is cut into reads, records
/// larger than the window, and slices fanned out to helper threads all give what one whole read on one core gives.
/// </summary>
public sealed class FrameFirstTests
{
    private static readonly CloudTrailReaderOptions Sequential = CloudTrailReaderOptions.Default with
    {
        AllowParallelParsing = false,
        InvalidRecordHandling = InvalidRecordHandling.Skip,
    };

    private static readonly CloudTrailReaderOptions Parallel = Sequential with { AllowParallelParsing = true };

    [Fact]
    public void ReadRecords_InputCutAtEveryByte_FramesEveryRecordAsOneWholeRead()
    {
        // Brackets, quotes and backslash runs inside strings, a malformed record, and whitespace between records.
        string tricky = Fixtures.Record(1).Replace("\"bucketName\":\"b1\"", "\"bucketName\":\"}]{[\\\\\\\"\\\\\",\"k\":[{\"x\":\"\\\"}\"}]", StringComparison.Ordinal);
        string malformed = Fixtures.Record(2).Replace("\"eventName\":\"GetObject\"", "\"eventName\" \"GetObject\"", StringComparison.Ordinal);
        byte[] log = Fixtures.Utf8("{\"Records\":[" + Fixtures.Record(0) + ",\n " + tricky + "," + malformed + " , " + Fixtures.Record(3) + "]}");
        byte[] lines = Fixtures.Utf8(Fixtures.Record(0) + "\n" + tricky + "\r\n" + malformed + "\n" + Fixtures.Record(3) + "\n");

        foreach (byte[] input in new[] { log, lines })
        {
            Result whole = Read(new MemoryStream(input), Sequential);
            whole.Records.Should().Equal("id-0", "id-1", "id-3");
            whole.Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
            for (int cut = 1; cut < input.Length; cut++)
            {
                ShouldMatch(Read(new CutStream(input, [cut]), Sequential), whole, $"cut at {cut}");
            }

            ShouldMatch(Read(new CutStream(input, [.. Enumerable.Range(1, input.Length - 1)]), Sequential), whole, "one byte a read");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadRecords_RecordsLargerThanTheWindow_AreFramedWholeAndReadInOrder(bool parallel)
    {
        // Records of 0.6 MB and 1.5 MB, over the 256 KB window, among small ones; one over the limit is skipped.
        string Big(int i, int size) => Fixtures.Record(i).Replace("\"bucketName\":\"b", "\"bucketName\":\"" + new string('x', size) + "\\\"{[", StringComparison.Ordinal);
        string[] records = [Fixtures.Record(0), Big(1, 600_000), Fixtures.Record(2), Big(3, 1_500_000), Big(4, 3_000_000), Fixtures.Record(5)];
        byte[] log = Fixtures.Utf8(Fixtures.LogFile(records));
        CloudTrailReaderOptions options = (parallel ? Parallel : Sequential) with { MaxRecordBytes = 2_000_000 };

        Result result = Read(new CutStream(log, [.. Enumerable.Range(1, log.Length / 100_000).Select(i => i * 100_000 - 7)]), options);

        result.Records.Should().Equal("id-0", "id-1", "id-2", "id-3", "id-5");
        result.Errors.Select(e => (e.ErrorCode, e.RecordIndex)).Should().Equal((CloudTrailErrorCode.RecordTooLarge, 4L));
        result.Errors[0].BytePosition.Should().Be(Encoding.UTF8.GetByteCount(Fixtures.LogFile(records[..4])[..^2]) + 1);
    }

    [Fact]
    public void ReadRecords_WindowEndsInsideARecordParsedUnframed_GivesWhatOneWholeReadGives()
    {
        // On one core a record is parsed straight from the window when enough of it is left: records of 40 KB, one of
        // them malformed near its end, cut by a read ending anywhere in them, run out of window in that parse.
        string Big(int i, int size) => Fixtures.Record(i).Replace("\"bucketName\":\"b", "\"bucketName\":\"" + new string('x', size) + "\\\"{[", StringComparison.Ordinal);
        string malformed = Big(21, 40_000).Replace("\"eventType\":\"AwsApiCall\"", "\"eventType\" \"AwsApiCall\"", StringComparison.Ordinal);
        string[] records = [.. Enumerable.Range(0, 20).Select(i => Fixtures.Record(i)), Big(20, 40_000), malformed, Big(22, 40_000), Fixtures.Record(23)];
        byte[] log = Fixtures.Utf8(Fixtures.LogFile(records));
        int bigStart = Encoding.UTF8.GetByteCount(Fixtures.LogFile(records[..20])[..^2]);

        Result whole = Read(new MemoryStream(log), Sequential);
        whole.Records.Should().Equal(Enumerable.Range(0, 24).Where(i => i != 21).Select(i => $"id-{i}"));
        whole.Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        for (int cut = bigStart; cut < log.Length; cut += 997)
        {
            ShouldMatch(Read(new CutStream(log, [cut]), Sequential), whole, $"cut at {cut}");
        }
    }

    [SkippableFact]
    public void RecordFanOut_WithHelpers_GivesEverySliceBackInFileOrder()
    {
        Skip.If(Environment.ProcessorCount < 2, "Helper threads need a second core to run beside the reading thread.");
        (byte[] buffer, List<(int Start, int Length)> slices) = Slices(2000, "918273645502");
        var state = new ParseState(new StringPool());
        var instances = new HashSet<object>(ReferenceEqualityComparer.Instance);
        using var fanOut = new RecordFanOut(helpers: 2, state.Pool, CloudTrailReaderOptions.DefaultMaxDepth, CloudTrailReaderOptions.DefaultMaxRecordBytes, headersOnly: false);

        // Until a helper took a slice: on a machine busy with other tests the pool may start them after the reading thread
        // is done, and a thread pool starved by blocked tests adds threads only every half second or so (a count of 50
        // attempts, about a second, was once not enough in a full CI run). Every attempt checks every slice either way.
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; instances.Count < 2 && budget.Elapsed < TimeSpan.FromSeconds(60); attempt++)
        {
            StartBatch(fanOut, buffer, bufferBase: 1000, slices, inputHelps: false);
            for (int i = 0; i < slices.Count; i++)
            {
                if (i % 100 == 0)
                {
                    // A slow consumer, slower at each attempt (up to half a second for all slices), so helpers a busy
                    // machine starts late still find slices left; a helper queued for an earlier attempt does no work.
                    Thread.Sleep(Math.Min(attempt, 25));
                }

                SliceResult result = Take(fanOut, state, 1000 + slices[i].Start, out int length);
                length.Should().Be(slices[i].Length);
                result.Ok.Should().BeTrue();
                result.Record!.EventId.Should().Be($"id-{i}");
                instances.Add(result.Record.RecipientAccountId!);
            }

            fanOut.IsActive.Should().BeFalse();
            fanOut.Stop();
        }

        instances.Count.Should().BeGreaterThan(1, "helpers materialise slices with their own state");
    }

    [Fact]
    public void RecordFanOut_HelpedByTheDecompressingThread_HelpsOncePerBatch_AndGivesEverySliceBackInFileOrder()
    {
        // With gzip read ahead, the decompressing thread is the first helper (no thread-pool helper is queued for it):
        // it helps with a batch once, from the back, with its own state.
        (byte[] buffer, List<(int Start, int Length)> slices) = Slices(200, "918273645503");
        // The reading thread's pool already holds the account: a record it materialised would have that instance.
        var pool = new StringPool();
        pool.GetIfRepeated("918273645503"u8, out _);
        string readersInstance = pool.GetIfRepeated("918273645503"u8, out _)!;
        var state = new ParseState(pool);
        using var fanOut = new RecordFanOut(helpers: 1, pool, CloudTrailReaderOptions.DefaultMaxDepth, CloudTrailReaderOptions.DefaultMaxRecordBytes, headersOnly: false);
        fanOut.HelpOnce().Should().BeFalse("no batch runs");
        StartBatch(fanOut, buffer, bufferBase: 0, slices, inputHelps: true);
        bool helped = false, again = true;
        var decompressing = new Thread(() => (helped, again) = (fanOut.HelpOnce(), fanOut.HelpOnce()));
        decompressing.Start();
        decompressing.Join();

        helped.Should().BeTrue();
        again.Should().BeFalse("a batch is helped with once");
        var instances = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < slices.Count; i++)
        {
            fanOut.TryTake(state, slices[i].Start, out SliceResult result, out int length).Should().BeTrue();
            length.Should().Be(slices[i].Length);
            result.Record!.EventId.Should().Be($"id-{i}");
            instances.Add(result.Record.RecipientAccountId!);
        }

        fanOut.IsActive.Should().BeFalse();
        instances.Contains(readersInstance).Should().BeFalse("the helper materialised every slice, with its own state, before the reading thread took one");
        fanOut.Stop();
        fanOut.HelpOnce().Should().BeFalse("the batch has ended");

        // A batch whose first helper went to the thread pool (gzip not read ahead yet) is not the decompressing
        // thread's: two threads would share that helper's state.
        StartBatch(fanOut, buffer, bufferBase: 0, slices, inputHelps: false);
        fanOut.HelpOnce().Should().BeFalse("this batch's first helper is a thread-pool one");
        fanOut.Stop();
    }

    [Fact]
    public void RecordFanOut_ReadingThreadReadsOnUntilTheBatchIsFramed_ThenTakesTheSlicesFromWhereItIs()
    {
        // The reading thread does not wait for the helper that frames the batch: it reads records itself meanwhile, and
        // once the batch is framed takes the slices from its own position on; at an offset no slice starts at (it
        // resynchronised after a bad record), the batch ends.
        (byte[] buffer, List<(int Start, int Length)> slices) = Slices(100, "918273645504");
        var state = new ParseState(new StringPool());
        using var fanOut = new RecordFanOut(helpers: 1, state.Pool, CloudTrailReaderOptions.DefaultMaxDepth, CloudTrailReaderOptions.DefaultMaxRecordBytes, headersOnly: false);
        StartBatch(fanOut, buffer, bufferBase: 500, slices, inputHelps: true);

        fanOut.TryTake(state, 500 + slices[0].Start, out _, out _).Should().BeFalse("no helper has framed the batch yet");
        fanOut.IsActive.Should().BeTrue();
        var decompressing = new Thread(() => fanOut.HelpOnce());
        decompressing.Start();
        decompressing.Join();

        for (int i = 10; i < 60; i++)
        {
            fanOut.TryTake(state, 500 + slices[i].Start, out SliceResult result, out int length).Should().BeTrue();
            length.Should().Be(slices[i].Length);
            result.Record!.EventId.Should().Be($"id-{i}");
        }

        fanOut.TryTake(state, 500 + slices[60].Start + 1, out _, out _).Should().BeFalse();
        fanOut.IsActive.Should().BeFalse("no slice starts where the reading thread is");
    }

    [Fact]
    public void RecordFanOut_Framed_SaysHowManySlicesTheHelperFramed_SoTheFramerDoesNotStartABatchPerRecord()
    {
        // The framer starts no batch after one that framed fewer than 32 records, until a refill stops it: JSON Lines
        // whose records start with another member than a record marker frame none, and would otherwise start a batch
        // (a thread-pool item) after every record a helper had time to frame (2,761 per read of 3,000 such records).
        string[] records = [.. Enumerable.Range(0, 100).Select(i => "{\"note\":1," + Fixtures.Record(i)[1..])];
        byte[] notMarked = Fixtures.Utf8(string.Join("\n", records));
        (byte[] array, List<(int Start, int Length)> slices) = Slices(100, "918273645505");
        using var fanOut = new RecordFanOut(helpers: 1, new StringPool(), CloudTrailReaderOptions.DefaultMaxDepth, CloudTrailReaderOptions.DefaultMaxRecordBytes, headersOnly: false);
        foreach ((byte[] buffer, bool lines, int expected) in new[] { (notMarked, true, 0), (array, false, 100) })
        {
            fanOut.Begin(buffer, bufferBase: 0, from: 0, end: buffer.Length, lines);
            fanOut.Start(inputHelps: true);
            fanOut.Framed.Should().Be(-1, "no helper has framed the batch yet");
            var decompressing = new Thread(() => fanOut.HelpOnce());
            decompressing.Start();
            decompressing.Join();

            fanOut.Framed.Should().Be(expected);
            fanOut.IsActive.Should().Be(expected > 0);
            fanOut.Stop();
            fanOut.Framed.Should().Be(-1, "a stopped batch (the window may move) says nothing of the next");
        }
    }

    [Fact]
    public void RecordFanOut_HelperCountsFirstSightingsInTheReadingThreadsTable()
    {
        // A value the reading thread has seen once is pooled on the helper's first sighting, as one thread reading every
        // record would pool it: with a table of its own, the helper's first record would get a string of its own and only
        // the next ones the pooled instance (the caller's account is the record's first member to hold the account).
        (byte[] buffer, List<(int Start, int Length)> slices) = Slices(50, "918273645506");
        var state = new ParseState(new StringPool());
        state.Pool.GetIfRepeated("918273645506"u8, out _).Should().BeNull("the reading thread's first sighting");
        using var fanOut = new RecordFanOut(helpers: 1, state.Pool, CloudTrailReaderOptions.DefaultMaxDepth, CloudTrailReaderOptions.DefaultMaxRecordBytes, headersOnly: false);
        StartBatch(fanOut, buffer, bufferBase: 0, slices, inputHelps: true);
        var decompressing = new Thread(() => fanOut.HelpOnce());
        decompressing.Start();
        decompressing.Join();

        var instances = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < slices.Count; i++)
        {
            fanOut.TryTake(state, slices[i].Start, out SliceResult result, out _).Should().BeTrue();
            instances.Add(result.Record!.UserIdentity!.AccountId!);
        }

        instances.Should().HaveCount(1, "the helper made every record, each with its pool's instance from the first on");
    }

    [Fact]
    public void RecordFanOut_MalformedSlice_IsNotOkAndTheRestStillComeInOrder()
    {
        string[] records = [.. Enumerable.Range(0, 100).Select(i => i == 37 ? Fixtures.Record(i).Replace(":\"GetObject\"", " \"GetObject\"", StringComparison.Ordinal) : Fixtures.Record(i))];
        byte[] buffer = Fixtures.Utf8(string.Concat(records));
        var state = new ParseState(new StringPool());
        using var fanOut = new RecordFanOut(helpers: 1, state.Pool, CloudTrailReaderOptions.DefaultMaxDepth, CloudTrailReaderOptions.DefaultMaxRecordBytes, headersOnly: false);
        fanOut.Begin(buffer, bufferBase: 0, from: 0, end: buffer.Length, lines: true);
        fanOut.Start(inputHelps: false);
        var taken = new List<string?>();
        long at = 0;
        foreach (string record in records)
        {
            SliceResult result = Take(fanOut, state, at, out int length);
            length.Should().Be(Encoding.UTF8.GetByteCount(record));
            taken.Add(result.Ok ? result.Record!.EventId : null);
            at += length;
        }

        fanOut.IsActive.Should().BeFalse();
        taken.Should().Equal(Enumerable.Range(0, 100).Select(i => i == 37 ? null : $"id-{i}"));
    }

    /// <summary>An array of <paramref name="count"/> records whose account is <paramref name="account"/>, and each record's slice.</summary>
    private static (byte[] Buffer, List<(int Start, int Length)> Slices) Slices(int count, string account)
    {
        var text = new StringBuilder();
        var slices = new List<(int Start, int Length)>();
        for (int i = 0; i < count; i++)
        {
            string record = Fixtures.Record(i).Replace("111122223333", account, StringComparison.Ordinal);
            slices.Add((Encoding.UTF8.GetByteCount(text.ToString()), Encoding.UTF8.GetByteCount(record)));
            text.Append(record).Append(",\n");
        }

        return (Fixtures.Utf8(text.ToString()), slices);
    }

    private static void StartBatch(RecordFanOut fanOut, byte[] buffer, long bufferBase, List<(int Start, int Length)> slices, bool inputHelps)
    {
        fanOut.Begin(buffer, bufferBase, from: slices[0].Start, end: buffer.Length, lines: false);
        fanOut.Start(inputHelps);
    }

    /// <summary>The slice at <paramref name="offset"/> from the fan-out, once a helper has framed the batch.</summary>
    private static SliceResult Take(RecordFanOut fanOut, ParseState state, long offset, out int length)
    {
        var budget = System.Diagnostics.Stopwatch.StartNew();
        SliceResult result;
        while (!fanOut.TryTake(state, offset, out result, out length))
        {
            fanOut.IsActive.Should().BeTrue("the batch is not framed yet, or no slice starts at the offset");
            budget.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "a helper frames the batch");
            Thread.Yield();
        }

        return result;
    }

    private static Result Read(Stream stream, CloudTrailReaderOptions options)
    {
        var errors = new List<CloudTrailRecordError>();
        List<string> records = [.. CloudTrailReader.ReadRecords(stream, options with { OnInvalidRecord = errors.Add }).Select(r => r.EventId!)];
        return new Result(records, errors);
    }

    private static void ShouldMatch(Result actual, Result expected, string because)
    {
        actual.Records.Should().Equal(expected.Records, because);
        actual.Errors.Should().Equal(expected.Errors, because);
    }

    private sealed record Result(List<string> Records, List<CloudTrailRecordError> Errors);

    /// <summary>Hands the data out in the pieces the cuts make: one read ends at each cut.</summary>
    private sealed class CutStream(byte[] data, int[] cuts) : Stream
    {
        private int _position;
        private int _cut;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_cut < cuts.Length && cuts[_cut] <= _position)
            {
                _cut++;
            }

            int stop = _cut < cuts.Length ? cuts[_cut] : data.Length;
            int n = Math.Min(buffer.Length, stop - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
