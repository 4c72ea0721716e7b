using System.IO.Compression;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// What a trail mostly delivers: many small <c>.json.gz</c> files (CloudTrail writes one per account and region about
/// every five minutes). Each operation reads <see cref="FileCount"/> files of <see cref="RecordsPerFile"/> records
/// (100: about 160 KB of JSON, 30 KB of gzip each; 300: about 480 KB, a file whose size decides whether other threads
/// join) one after another, so a reader's fixed costs (its buffers, thread
/// hand-offs, start and end) count as they do for such a trail. The files are consecutive slices of one generated
/// trail, so, as in a real one, the same organisation's accounts, roles, users and hosts recur from file to file
/// while each file's records differ. Baseline: decompression alone.
/// </summary>
[MemoryDiagnoser]
public class SmallGzipFilesBenchmarks
{
    public const int FileCount = 100;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (byte[][] Files, long JsonBytes)> Data = new();

    private static readonly CloudTrailReaderOptions OneCore = new() { AllowParallelParsing = false };

    private readonly byte[] _buffer = new byte[81920];
    private readonly byte[] _secondBuffer = new byte[81920];
    private byte[][] _files = [];

    /// <summary>Records in each file.</summary>
    [Params(100, 300)]
    public int RecordsPerFile { get; set; } = 100;

    /// <summary>Bytes of uncompressed JSON each operation reads.</summary>
    public static long JsonBytes(int recordsPerFile) => For(recordsPerFile).JsonBytes;

    /// <summary>Records each operation reads.</summary>
    public static int RecordCount(int recordsPerFile) => FileCount * recordsPerFile;

    [GlobalSetup]
    public void Setup() => _files = For(RecordsPerFile).Files;

    [Benchmark(Baseline = true)]
    public long GZipStream_DecompressOnly() => Decompress(_files, _buffer);

    // The host's own two-core scaling in the same run: the files' two halves decompressed on two threads at once.
    [Benchmark]
    public long GZipStream_DecompressOnly_TwoThreads()
    {
        int half = _files.Length / 2;
        Task<long> other = Task.Run(() => Decompress(_files.AsSpan(half), _secondBuffer));
        return Decompress(_files.AsSpan(0, half), _buffer) + other.GetAwaiter().GetResult();
    }

    // The readers return the checksum of what a user reads of each record (ReadLogFileBenchmarks.Touched).
    [Benchmark]
    public long CloudTrailReader_ReadRecords() => Read(CloudTrailReaderOptions.Default);

    [Benchmark]
    public long CloudTrailReader_ReadRecords_OneCore() => Read(OneCore);

    // What a user reading a folder with Parallel.ForEach does: two threads each read files in turn, one reader on one
    // core per file, against decompression on two threads above.
    [Benchmark]
    public long CloudTrailReader_ReadRecords_TwoFilesAtATime()
    {
        int half = _files.Length / 2;
        Task<long> other = Task.Run(() => Read(_files.AsSpan(half), OneCore));
        return Read(_files.AsSpan(0, half), OneCore) + other.GetAwaiter().GetResult();
    }

    [Benchmark]
    public long SystemTextJson_SourceGenPoco()
    {
        long touched = 0;
        foreach (byte[] file in _files)
        {
            using var gzip = new GZipStream(new MemoryStream(file, writable: false), CompressionMode.Decompress);
            foreach (PocoRecord<JsonElement> record in JsonSerializer.Deserialize(gzip, PocoJsonContext.Default.PocoLogJsonElement)!.Records!)
            {
                touched += ReadLogFileBenchmarks.Touched(record.EventName, record.UserIdentity?.Arn, record.EventTime);
            }
        }

        return touched;
    }

    private long Read(CloudTrailReaderOptions options) => Read(_files, options);

    private static long Read(ReadOnlySpan<byte[]> files, CloudTrailReaderOptions options)
    {
        long touched = 0;
        foreach (byte[] file in files)
        {
            foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(file, writable: false), options))
            {
                touched += ReadLogFileBenchmarks.Touched(record.EventName, record.UserIdentity?.Arn, record.EventTime);
            }
        }

        return touched;
    }

    private static long Decompress(ReadOnlySpan<byte[]> files, byte[] buffer)
    {
        long total = 0;
        foreach (byte[] file in files)
        {
            using var gzip = new GZipStream(new MemoryStream(file, writable: false), CompressionMode.Decompress);
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                total += read;
            }
        }

        return total;
    }

    private static (byte[][] Files, long JsonBytes) For(int recordsPerFile) => Data.GetOrAdd(recordsPerFile, CreateData);

    private static (byte[][] Files, long JsonBytes) CreateData(int recordsPerFile)
    {
        var files = new byte[FileCount][];
        long jsonBytes = 0;
        using JsonDocument trail = JsonDocument.Parse(LogGenerator.Generate(ReadLogFileBenchmarks.Seed, FileCount * recordsPerFile));
        string[] records = [.. trail.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetRawText())];
        for (int i = 0; i < FileCount; i++)
        {
            byte[] json = System.Text.Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", records.Skip(i * recordsPerFile).Take(recordsPerFile)) + "]}");
            jsonBytes += json.Length;
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(json);
            }

            files[i] = compressed.ToArray();
        }

        return (files, jsonBytes);
    }
}
