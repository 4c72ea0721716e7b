using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Framing;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;
using static CloudTrailModel.Tests.Wrappers.WrapperFixtures;

namespace CloudTrailModel.Tests.Wrappers;

/// <summary>
/// Large wrapper documents read in small chunks: a document's end is found by a scan that resumes after each chunk, and
/// what must be scanned from a document's start (telling its kind) runs again only once the input held for it has
/// doubled (<see cref="RescanGate"/>), so the work is linear in its size, not quadratic (one scan per chunk).
/// </summary>
public sealed class WrapperScanTests
{
    private const int Chunk = 4096;

    // Doubling from one chunk to a few megabytes: a scan per doubling (and per buffer growth), plus the one that completes it.
    private const int MaxScansPerDocument = 30;

    [Fact]
    public void Framer_LookupEventsPageInSmallChunks_ReadsEveryRecord()
    {
        (string page, int count) = Sized(2 << 20, n => LookupPage("next", Enumerable.Range(0, n).ToArray()));

        Result result = Read(WrapperFixtures.Utf8(page));

        result.Records.Should().Equal(Ids(count));
        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Framer_DataMessagesBackToBackInSmallChunks_ReadsEveryRecord()
    {
        (string message, int count) = Sized(1 << 20, n => DataMessage(Enumerable.Range(0, n).ToArray()));

        Result result = Read(WrapperFixtures.Utf8(message + message + "\n" + message));

        result.Records.Should().Equal([.. Ids(count), .. Ids(count), .. Ids(count)]);
        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Framer_ArrayElementWithALargeMemberBeforeItsKind_IsToldAndRead()
    {
        // The kind of an element of a bare array shows only after the padding: telling it must not rescan per chunk either.
        string padded = "{\"padding\":\"" + new string('p', 2 << 20) + "\",\"detail-type\":\"" + ApiCall + "\",\"detail\":" + Record(0) + "}";

        Result result = Read(WrapperFixtures.Utf8("[" + padded + "," + Event(Record(1), n: 1) + "]"), CloudTrailReaderOptions.Default with { MaxRecordBytes = 8 << 20 });

        result.Records.Should().Equal("id-0", "id-1");
        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Framer_TopLevelObjectWithALargeMemberBeforeItsKind_IsToldAndRead()
    {
        string padded = "{\"padding\":\"" + new string('p', 2 << 20) + "\",\"Events\":[" + LookupEvent(Record(0), 0) + "]}";

        Result result = Read(WrapperFixtures.Utf8(padded), CloudTrailReaderOptions.Default with { MaxRecordBytes = 8 << 20 });

        result.Records.Should().Equal("id-0");
        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void ReadRecords_20MBLookupEventsPageThrough4KBChunks_ReadsEveryRecord()
    {
        (string page, int count) = Sized(20 << 20, n => LookupPage(null, Enumerable.Range(0, n).ToArray()));
        var options = CloudTrailReaderOptions.Default with { MaxRecordBytes = 16 << 20 };

        Result result = Read(WrapperFixtures.Utf8(page), options);

        result.Records.Should().HaveCount(count).And.Equal(Ids(count));
        CloudTrailReader.ReadRecords(new ChunkStream(WrapperFixtures.Utf8(page), Chunk), options).Count().Should().Be(count);
    }

    [Fact]
    public void Framer_PageLargerThanTheLimitInSmallChunks_IsRecordTooLargeAndTheNextPageIsRead()
    {
        // The doubling never waits past the limit: the page over it is reported once the limit's worth of input is held.
        (string big, int _) = Sized(3 << 20, n => LookupPage(null, Enumerable.Range(0, n).ToArray()));
        var options = CloudTrailReaderOptions.Default with { MaxRecordBytes = 1 << 20 };

        Result result = Read(WrapperFixtures.Utf8(big + "\n" + LookupPage(null, 7)), options);

        result.Errors.Select(e => (e.ErrorCode, e.BytePosition)).Should().Equal((CloudTrailErrorCode.RecordTooLarge, 0L));
        result.Records.Should().Equal("id-7");
    }

    [Theory]
    [InlineData(2 << 20, 8 << 20)]
    [InlineData(20 << 20, 16 << 20)]
    public void RescanGate_DocumentHeldInSmallChunks_IsScannedABoundedNumberOfTimes(int documentBytes, int limit)
    {
        // The framer's use: each chunk that arrives, a scan from the document's start unless the gate says wait (at the limit it reports the document too large).
        var gate = new RescanGate();
        int scans = 0;
        for (int held = Chunk; held < Math.Min(documentBytes, limit); held += Chunk)
        {
            if (!gate.ShouldWait(offset: 10, held, limit, inputEnded: false, windowFull: false))
            {
                scans++;
                gate.RanOut(offset: 10, held);
            }
        }

        scans.Should().BeLessThan(MaxScansPerDocument, "a 4 KB chunk must not start a scan of the whole document over");
        gate.ShouldWait(offset: 10, documentBytes, limit, inputEnded: true, windowFull: false).Should().BeFalse("at the end of the input the scan runs");
        gate.ShouldWait(offset: 10, Chunk, limit, inputEnded: false, windowFull: true).Should().BeFalse("a full window cannot wait for more");
        gate.ShouldWait(offset: 11, Chunk, limit, inputEnded: false, windowFull: false).Should().BeFalse("another document is scanned at once");
    }

    [Fact]
    public void PayloadSizes_HugeLimits_NeverOverflowOrPassTheLargestArray()
    {
        long unlimited = long.MaxValue;

        // Decoded data over 512 MiB made the first size (fourfold) overflow int.
        WrapperDocument.FirstPayloadSize(600_000_000, unlimited).Should().Be(Array.MaxLength);
        WrapperDocument.FirstPayloadSize(int.MaxValue, unlimited).Should().Be(Array.MaxLength);
        WrapperDocument.FirstPayloadSize(1000, unlimited).Should().Be(4096);
        WrapperDocument.FirstPayloadSize(10_000, unlimited).Should().Be(40_000);
        WrapperDocument.FirstPayloadSize(10_000, 99).Should().Be(100, "one byte past the limit tells a payload over it");
        WrapperDocument.FirstPayloadSize(10_000, -1).Should().Be(0, "no budget left");

        // Growing past 1 GiB must stop at the largest array, one byte past the largest payload.
        WrapperDocument.GrownPayloadSize(1_500_000_000, unlimited).Should().Be(Array.MaxLength);
        WrapperDocument.GrownPayloadSize(Array.MaxLength - 1, unlimited).Should().Be(Array.MaxLength);
        WrapperDocument.GrownPayloadSize(1 << 20, unlimited).Should().Be(2 << 20);
        WrapperDocument.GrownPayloadSize(1 << 20, (1 << 20) + 10).Should().Be((1 << 20) + 11);
        WrapperDocument.MaxPayloadLimit.Should().Be(Array.MaxLength - 1);
    }

    [Fact]
    public void ReadRecords_LambdaEventWithTheLargestMaxRecordBytes_ReadsWithinTheDecompressedBudget()
    {
        string input = AwsLogs(DataMessage(0, 1, 2));
        long dataQuote = OffsetOf(input, "\"H4sI");

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(input, CloudTrailReaderOptions.Default with { MaxRecordBytes = int.MaxValue });
        (List<CloudTrailRecord> over, List<CloudTrailRecordError> overErrors) = ReadSkip(
            input, CloudTrailReaderOptions.Default with { MaxRecordBytes = int.MaxValue, MaxDecompressedBytes = input.Length + 100 });

        records.Select(r => r.EventId).Should().Equal("id-0", "id-1", "id-2");
        errors.Should().BeEmpty();
        over.Should().BeEmpty();
        overErrors.Select(e => (e.ErrorCode, e.BytePosition)).Should().Equal((CloudTrailErrorCode.DecompressedSizeExceeded, dataQuote));
    }

    private static IEnumerable<string> Ids(int count) => Enumerable.Range(0, count).Select(i => $"id-{i}");

    /// <summary>The document <paramref name="make"/> gives for the fewest records that reach <paramref name="bytes"/>.</summary>
    private static (string Document, int Count) Sized(int bytes, Func<int, string> make)
    {
        int perRecord = make(2).Length - make(1).Length;
        int count = (bytes / perRecord) + 1;
        return (make(count), count);
    }

    private static Result Read(byte[] input, CloudTrailReaderOptions? options = null)
    {
        using var framer = new RecordFramer(new ChunkStream(input, Chunk), options ?? CloudTrailReaderOptions.Default, ownsSource: true);
        var records = new List<string>();
        var errors = new List<CloudTrailRecordError>();
        while (true)
        {
            switch (framer.Step())
            {
                case StepResult.Record:
                    records.Add(framer.Record!.EventId!);
                    break;
                case StepResult.Error:
                    errors.Add(framer.Error);
                    break;
                case StepResult.NeedMore:
                    framer.Fill();
                    break;
                default:
                    return new Result(records, errors);
            }
        }
    }

    private sealed record Result(List<string> Records, List<CloudTrailRecordError> Errors);

    /// <summary>Hands the data out at most <c>chunk</c> bytes a read, as a socket or a slow stream does.</summary>
    private sealed class ChunkStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, data.Length - _position), chunk);
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
