using System.Text;
using System.Text.Json;
using CloudTrailModel.Serialization;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// Parsing on a second core (<see cref="CloudTrailReaderOptions.AllowParallelParsing"/>) must give exactly what
/// the single-core path gives: the same records in the same order, and the same errors at the same indexes and
/// offsets, whatever the input holds and however the stream delivers it.
/// </summary>
public sealed class ParallelParsingTests
{
    private static readonly CloudTrailReaderOptions Parallel = CloudTrailReaderOptions.Default with { AllowParallelParsing = true };
    private static readonly CloudTrailReaderOptions Sequential = CloudTrailReaderOptions.Default with { AllowParallelParsing = false };

    /// <summary>A log file of a few megabytes with every kind of trouble, spread so that some lands in each half of a window.</summary>
    private static byte[] HazardLog(int count, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                // Now and then a missing comma, which costs no record.
                sb.Append(random.Next(400) == 0 ? "\n" : random.Next(3) == 0 ? ",\n  " : ",");
            }

            string record = (random.Next(60)) switch
            {
                // Looks like a record boundary to a byte scan, but sits inside a record.
                0 => Fixtures.Record(i).Replace("\"requestParameters\":{", "\"requestParameters\":{\"items\":[1,{\"eventVersion\":\"9.99\",\"x\":[{}]}],", StringComparison.Ordinal),
                1 => Fixtures.Record(i).Replace("\"bucketName\":\"b", "\"bucketName\":\"},{\\\"eventVersion\\\":\\\"b", StringComparison.Ordinal),
                2 => Fixtures.Record(i).Replace("\"eventName\":\"GetObject\"", "\"eventName:\"GetObject\"", StringComparison.Ordinal), // malformed
                3 => "42",
                4 => Fixtures.Record(i).Replace("\"bucketName\":\"b", "\"bucketName\":\"" + new string('x', 3000), StringComparison.Ordinal), // over the limit below
                5 => Fixtures.Record(i).Replace("\"requestParameters\":{", "\"requestParameters\":{\"deep\":" + new string('[', 80) + new string(']', 80) + ",", StringComparison.Ordinal),
                6 => "{\"notCloudTrail\":true}",
                7 => "{\"eventVersion\":\"1.08\",\"eventSource\":\"aws:s3\",\"s3\":{}}",
                _ => Fixtures.Record(i, $"2024-03-{1 + random.Next(28):00}T{random.Next(24):00}:00:00Z"),
            };
            sb.Append(record);
        }

        sb.Append("]}");
        byte[] bytes = Encoding.UTF8.GetBytes(sb.ToString());

        // One record with invalid UTF-8 inside a raw subtree.
        int bucket = bytes.AsSpan(bytes.Length / 2).IndexOf("\"bucketName\":\"b"u8);
        bytes[(bytes.Length / 2) + bucket + 15] = 0xFF;
        return bytes;
    }

    /// <summary>The same trouble as JSON Lines, plus lines a record chain must not swallow: a whole log file, an object whose first member is not a record member.</summary>
    private static byte[] HazardLines(int count, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            string line = random.Next(60) switch
            {
                0 => Fixtures.Record(i).Replace("\"requestParameters\":{", "\"requestParameters\":{\"items\":[1,{\"eventVersion\":\"9.99\"}]} , \"x\":{", StringComparison.Ordinal),
                1 => Fixtures.Record(i).Replace("\"eventName\":\"GetObject\"", "\"eventName:\"GetObject\"", StringComparison.Ordinal),
                2 => "42",
                3 => Fixtures.Record(i).Replace("\"bucketName\":\"b", "\"bucketName\":\"" + new string('x', 3000), StringComparison.Ordinal),
                4 => Fixtures.LogFile(Fixtures.Record(i), Fixtures.Record(i + 1)),
                5 => "{\"notCloudTrail\":true}",
                6 => "{\"note\":\"first\"," + Fixtures.Record(i)[1..],
                7 => "{\"eventVersion\":\"1.08\",\"eventSource\":\"aws:s3\",\"s3\":{}}",
                _ => Fixtures.Record(i, $"2024-03-{1 + random.Next(28):00}T{random.Next(24):00}:00:00Z"),
            };
            sb.Append(line).Append(random.Next(10) switch { 0 => "\r\n", 1 => "\n\n", 2 => " ", _ => "\n" });
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static CloudTrailReaderOptions SkipMode(CloudTrailReaderOptions options, List<CloudTrailRecordError> errors) =>
        options with { InvalidRecordHandling = InvalidRecordHandling.Skip, OnInvalidRecord = errors.Add, MaxRecordBytes = 2048 };

    private static string Json(CloudTrailRecord record) => JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);

    private static (List<string> Records, List<CloudTrailRecordError> Errors) Read(Func<Stream> open, CloudTrailReaderOptions options)
    {
        var errors = new List<CloudTrailRecordError>();
        List<string> records = CloudTrailReader.ReadRecords(open(), SkipMode(options, errors)).Select(Json).ToList();
        return (records, errors);
    }

    /// <summary>The same records in the same order, and the same errors (index, offset, code) as the one-core read.</summary>
    private static void ShouldMatch((List<string> Records, List<CloudTrailRecordError> Errors) actual, (List<string> Records, List<CloudTrailRecordError> Errors) expected)
    {
        actual.Records.Should().Equal(expected.Records);
        actual.Errors.Should().Equal(expected.Errors);
    }

    private static async Task<(List<string> Records, List<CloudTrailRecordError> Errors)> ReadAsync(Func<Stream> open, CloudTrailReaderOptions options)
    {
        var errors = new List<CloudTrailRecordError>();
        var records = new List<string>();
        await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(open(), SkipMode(options, errors)))
        {
            records.Add(Json(record));
        }

        return (records, errors);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadRecords_InParallel_GivesTheSameRecordsAndErrorsAsOneCore(int seed)
    {
        byte[] log = HazardLog(6000, seed);

        var sequential = Read(() => new MemoryStream(log), Sequential);
        var parallel = Read(() => new MemoryStream(log), Parallel);

        sequential.Errors.Should().NotBeEmpty().And.Contain(e => e.ErrorCode == CloudTrailErrorCode.RecordTooLarge)
            .And.Contain(e => e.ErrorCode == CloudTrailErrorCode.NotAnObject).And.Contain(e => e.ErrorCode == CloudTrailErrorCode.InvalidJson);
        ShouldMatch(parallel, sequential);
    }

    [Theory]
    [InlineData(81)]
    [InlineData(82)]
    public void ReadRecords_JsonLines_InParallel_GivesTheSameRecordsAndErrorsAsOneCore(int seed)
    {
        byte[] lines = HazardLines(6000, seed);

        var sequential = Read(() => new MemoryStream(lines), Sequential);
        var parallel = Read(() => new ChunkedStream(lines, seed), Parallel);
        var filteredSequential = Read(() => new MemoryStream(lines), Sequential with { Filter = h => h.EventTime is { Day: 5 } });
        var filteredParallel = Read(() => new MemoryStream(lines), Parallel with { Filter = h => h.EventTime is { Day: 5 } });

        sequential.Errors.Should().Contain(e => e.ErrorCode == CloudTrailErrorCode.NotCloudTrail).And.Contain(e => e.ErrorCode == CloudTrailErrorCode.InvalidJson);
        sequential.Records.Should().HaveCountGreaterThan(5500, "log-file lines are streamed record by record");
        ShouldMatch(parallel, sequential);
        filteredSequential.Records.Should().NotBeEmpty();
        ShouldMatch(filteredParallel, filteredSequential);
    }

    [Fact]
    public void ReadRecords_TopLevelObjectsAfterALogFile_AreNotTakenForArrayElements()
    {
        // A log file as the first line, then lines wrongly separated by commas, some of them log files: records of
        // the array may be parsed ahead past its end, but a top-level object is a record only if a record member
        // comes first, so a log-file line after the array must still be streamed record by record.
        // Over 1 MB, so helpers take records from the start (the array's included).
        const int Lines = 2000;
        var lines = new List<string> { Fixtures.LogFile(Enumerable.Range(0, 400).Select(i => Fixtures.Record(i)).ToArray()) };
        for (int i = 0; i < Lines; i++)
        {
            lines.Add(i % 7 == 0 ? Fixtures.LogFile(Fixtures.Record(1000 + i), Fixtures.Record(2000 + i)) : Fixtures.Record(1000 + i));
        }

        byte[] input = Fixtures.Utf8(lines[0] + "\n" + string.Join(",\n", lines.Skip(1)));

        var sequential = Read(() => new MemoryStream(input), Sequential);
        var parallel = Read(() => new MemoryStream(input), Parallel);

        input.Length.Should().BeGreaterThan(1024 * 1024);
        sequential.Records.Should().HaveCount(400 + Lines + (Lines / 7) + 1);
        ShouldMatch(parallel, sequential);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void ReadRecords_InParallel_FromAStreamOfRandomChunks_GivesTheSameResult(int seed)
    {
        byte[] log = HazardLog(4000, seed);

        var sequential = Read(() => new MemoryStream(log), Sequential);
        var parallel = Read(() => new ChunkedStream(log, seed), Parallel);

        ShouldMatch(parallel, sequential);
    }

    [Fact]
    public void ReadRecords_InParallel_FromGzip_GivesTheSameResult()
    {
        byte[] log = HazardLog(4000, 21);
        byte[] gzip = Fixtures.Gzip(log);

        var sequential = Read(() => new MemoryStream(log), Sequential);
        var parallel = Read(() => new MemoryStream(gzip), Parallel);

        ShouldMatch(parallel, sequential);
    }

    [Fact]
    public async Task ReadRecordsAsync_InParallel_GivesTheSameResult()
    {
        byte[] log = HazardLog(4000, 31);

        var sequential = Read(() => new MemoryStream(log), Sequential);
        var parallel = await ReadAsync(() => new ChunkedStream(log, 31), Parallel);

        ShouldMatch(parallel, sequential);
    }

    [Fact]
    public void ReadRecords_InParallel_InThrowMode_ThrowsAtTheSameRecordAfterTheSameRecords()
    {
        byte[] log = HazardLog(3000, 41);

        (List<string> Records, CloudTrailParseException? Error) ReadThrowing(CloudTrailReaderOptions options)
        {
            var records = new List<string>();
            try
            {
                foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(log), options))
                {
                    records.Add(Json(record));
                }
            }
            catch (CloudTrailParseException ex)
            {
                return (records, ex);
            }

            return (records, null);
        }

        var sequential = ReadThrowing(Sequential);
        var parallel = ReadThrowing(Parallel);

        sequential.Error.Should().NotBeNull();
        parallel.Records.Should().Equal(sequential.Records);
        parallel.Error!.Error.Should().Be(sequential.Error!.Error);
    }

    [Fact]
    public async Task ReadRecords_ManyReadersOnTheThreadPool_EachGetTheSameResult()
    {
        byte[] log = HazardLog(3000, 71);
        var expected = Read(() => new MemoryStream(log), Sequential);

        // Sync readers block on their second-core work; on a busy pool that work runs inline instead of starving.
        var reads = Enumerable.Range(0, 3 * Environment.ProcessorCount).Select(i => i % 2 == 0
            ? Task.Run(() => Read(() => new MemoryStream(log), Parallel))
            : Task.Run(() => ReadAsync(() => new ChunkedStream(log, i), Parallel)));
        var results = await Task.WhenAll(reads);

        foreach (var result in results)
        {
            ShouldMatch(result, expected);
        }
    }

    [Fact]
    public void ReadRecords_WhenStoppedEarly_ReleasesTheReaderWhileTheSecondCoreWorks()
    {
        byte[] log = HazardLog(4000, 51);

        // Breaking out of the loop disposes the reader, possibly while the second core is mid-window.
        for (int take = 1; take < 400; take += 37)
        {
            CloudTrailReader.ReadRecords(new MemoryStream(log), SkipMode(Parallel, [])).Take(take).Count().Should().Be(take);
        }
    }

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public void ReadRecords_WithFilter_InParallel_GivesTheSameResultAndCallsTheFilterOnceOnTheReadingThread(int seed)
    {
        byte[] log = HazardLog(6000, seed);

        (List<string> Records, List<CloudTrailRecordError> Errors, int Calls, HashSet<int> Threads) ReadFiltered(Func<Stream> open, CloudTrailReaderOptions options)
        {
            int calls = 0;
            var threads = new HashSet<int>();
            var filtered = options with
            {
                Filter = header =>
                {
                    calls++;
                    threads.Add(Environment.CurrentManagedThreadId);
                    return header.EventTime is { Day: 3 or 17 } || header.EventSource == "aws:s3";
                },
            };
            var (records, errors) = Read(open, filtered);
            return (records, errors, calls, threads);
        }

        var sequential = ReadFiltered(() => new MemoryStream(log), Sequential);
        var parallel = ReadFiltered(() => new ChunkedStream(log, seed), Parallel);

        sequential.Records.Should().NotBeEmpty();
        sequential.Calls.Should().BeGreaterThan(sequential.Records.Count * 5);
        ShouldMatch((parallel.Records, parallel.Errors), (sequential.Records, sequential.Errors));
        parallel.Calls.Should().Be(sequential.Calls, "the filter sees each record once, whichever core read its header");
        parallel.Threads.Should().Equal([Environment.CurrentManagedThreadId]);
    }

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    [InlineData(73)]
    public void ReadRecords_FromGzip_InParallel_GivesTheSameRecordsAndErrorsAsOneCore(int seed)
    {
        byte[] log = HazardLog(6000, seed);
        byte[] gzip = Fixtures.Gzip(log);

        var sequential = Read(() => new MemoryStream(log), Sequential);

        ShouldMatch(Read(() => new MemoryStream(gzip), Parallel), sequential);
        ShouldMatch(Read(() => new ChunkedStream(gzip, seed), Parallel), sequential);
        ShouldMatch(Read(() => new MemoryStream(gzip), Sequential), sequential);
    }

    [Fact]
    public void ReadRecords_JsonLinesFromGzip_InParallel_GivesTheSameRecordsAndErrorsAsOneCore()
    {
        byte[] lines = HazardLines(6000, 74);

        var sequential = Read(() => new MemoryStream(lines), Sequential);
        var parallel = Read(() => new ChunkedStream(Fixtures.Gzip(lines), 74), Parallel);

        ShouldMatch(parallel, sequential);
    }

    [Fact]
    public async Task ReadRecordsAsync_FromGzip_InParallel_GivesTheSameResult()
    {
        byte[] log = HazardLog(6000, 75);

        var sequential = Read(() => new MemoryStream(log), Sequential);
        var parallel = await ReadAsync(() => new ChunkedStream(Fixtures.Gzip(log), 75), Parallel);

        ShouldMatch(parallel, sequential);
    }

    [Fact]
    public void ReadRecords_FromGzip_WithFilter_InParallel_CallsTheFilterOnceOnTheReadingThread()
    {
        byte[] log = HazardLog(6000, 76);

        (List<string> Records, List<CloudTrailRecordError> Errors, int Calls, HashSet<int> Threads) ReadFiltered(Func<Stream> open, CloudTrailReaderOptions options)
        {
            int calls = 0;
            var threads = new HashSet<int>();
            var (records, errors) = Read(open, options with
            {
                Filter = header =>
                {
                    calls++;
                    threads.Add(Environment.CurrentManagedThreadId);
                    return header.EventTime is { Day: 5 or 9 };
                },
            });
            return (records, errors, calls, threads);
        }

        var sequential = ReadFiltered(() => new MemoryStream(log), Sequential);
        var parallel = ReadFiltered(() => new MemoryStream(Fixtures.Gzip(log)), Parallel);

        sequential.Records.Should().NotBeEmpty();
        ShouldMatch((parallel.Records, parallel.Errors), (sequential.Records, sequential.Errors));
        parallel.Calls.Should().Be(sequential.Calls);
        parallel.Threads.Should().Equal([Environment.CurrentManagedThreadId]);
    }

    [Fact]
    public void ReadRecords_FromGzip_WhenStoppedEarly_ReleasesTheReaderWhileTheDecompressingThreadParses()
    {
        byte[] gzip = Fixtures.Gzip(HazardLog(6000, 77));

        for (int take = 1; take < 2000; take += 97)
        {
            CloudTrailReader.ReadRecords(new MemoryStream(gzip), SkipMode(Parallel, [])).Take(take).Count().Should().Be(take);
        }
    }

    /// <summary>Returns the data in reads of random small sizes, so windows and refills fall anywhere.</summary>
    private sealed class ChunkedStream(byte[] data, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, data.Length - _position), 1 + _random.Next(_random.Next(2) == 0 ? 100 : 300_000));
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
