using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// A whole trail folder: <see cref="FileCount"/> small gzip log files of <see cref="RecordsPerFile"/> records (two
/// accounts of an organisation, two regions, a file every five minutes each, records up to ten minutes old in no
/// order, 1% delivered twice), written from a fixed seed into a temp folder. <see cref="CloudTrailTrail"/> reads it at
/// one and two files at a time, in file and event-time order, with and without de-duplication; the scaling reference is a
/// plain <see cref="Utf8JsonReader"/> tokeniser over the same files on as many threads. Every benchmark reads what a
/// user reads of each record: event name, caller ARN and time. Ratios compare with file order at the same degree.
/// Each file is parsed on one thread (<see cref="CloudTrailReaderOptions.AllowParallelParsing"/> off), and a run at degree
/// N is pinned to N cores (gzip input is decompressed on a background thread, which would otherwise take the second core
/// at degree 1 too), so degree 2 against degree 1 is the trail reader's scaling from one core to two.
/// </summary>
[MemoryDiagnoser]
public class TrailBenchmarks
{
    public const int FileCount = 2000;
    public const int RecordsPerFile = 100;
    private const int TemplateCount = 5000;

    private static readonly CloudTrailReaderOptions OneThreadPerFile = new() { AllowParallelParsing = false };

    private string _folder = "";
    private string[] _files = [];

    [Params(1, 2)]
    public int Degree { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ctm-trail-bench-").FullName;
        _files = Write(_folder);
        CorePinning.PinTo(Degree);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public long Trail_FileOrder() => Touch(new CloudTrailTrailOptions { ReaderOptions = OneThreadPerFile, MaxDegreeOfParallelism = Degree });

    [Benchmark]
    public long Trail_EventTimeOrder() => Touch(new CloudTrailTrailOptions { ReaderOptions = OneThreadPerFile, MaxDegreeOfParallelism = Degree, Order = CloudTrailRecordOrder.EventTime });

    [Benchmark]
    public long Trail_FileOrder_Deduplicate() => Touch(new CloudTrailTrailOptions { ReaderOptions = OneThreadPerFile, MaxDegreeOfParallelism = Degree, Deduplicate = true });

    [Benchmark]
    public long Trail_EventTimeOrder_Deduplicate() => Touch(new CloudTrailTrailOptions { ReaderOptions = OneThreadPerFile, MaxDegreeOfParallelism = Degree, Order = CloudTrailRecordOrder.EventTime, Deduplicate = true });

    [Benchmark]
    public long Utf8JsonReader_Tokenizer()
    {
        long touched = 0;
        Parallel.ForEach(_files, new ParallelOptions { MaxDegreeOfParallelism = Degree }, () => 0L, (path, _, sum) => sum + Tokenize(path), sum => Interlocked.Add(ref touched, sum));
        return touched;
    }

    // One more for every record whose event name, caller ARN and time were read, so every benchmark does the same work a user does.
    private long Touch(CloudTrailTrailOptions options)
    {
        long touched = 0;
        foreach (CloudTrailRecord record in CloudTrailTrail.ReadRecords(_folder, options))
        {
            if (record.EventName is not null && record.UserIdentity?.Arn is not null && record.EventTime is not null)
            {
                touched++;
            }
        }

        return touched;
    }

    // One buffer per thread, grown as needed: a new buffer per file (large object heap) would make this a GC benchmark.
    [ThreadStatic]
    private static byte[]? s_buffer;

    private static long Tokenize(string path)
    {
        byte[] buffer = s_buffer ??= new byte[256 * 1024];
        int length = 0;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            int n;
            while ((n = gzip.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += n;
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                    s_buffer = buffer;
                }
            }
        }

        var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
        long touched = 0;
        int found = 0;
        bool identity = false;
        while (reader.Read())
        {
            // Depth 2 is a record, 3 its members, 4 the members of its userIdentity: the same three values the readers read.
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when reader.CurrentDepth == 2:
                    found = 0;
                    break;
                case JsonTokenType.EndObject when reader.CurrentDepth == 2:
                    touched += found == 3 ? 1 : 0;
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 3:
                    identity = reader.ValueTextEquals("userIdentity"u8);
                    found += (reader.ValueTextEquals("eventName"u8) || reader.ValueTextEquals("eventTime"u8)) ? ReadString(ref reader) : 0;
                    break;
                case JsonTokenType.PropertyName when identity && reader.CurrentDepth == 4 && reader.ValueTextEquals("arn"u8):
                    found += ReadString(ref reader);
                    break;
            }
        }

        return touched;
    }

    private static int ReadString(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.String && reader.GetString() is not null ? 1 : 0;

    private static string[] Write(string folder)
    {
        using JsonDocument generated = JsonDocument.Parse(LogGenerator.Generate(ReadLogFileBenchmarks.Seed, TemplateCount));
        string[] templates = [.. generated.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetRawText())];
        var random = new Random(ReadLogFileBenchmarks.Seed);
        var start = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var paths = new List<string>(FileCount);
        (string Account, string Region)[] places = [("111122223333", "us-east-1"), ("111122223333", "eu-west-1"), ("444455556666", "us-east-1"), ("444455556666", "eu-west-1")];
        string? copy = null;
        for (int i = 0; i < FileCount; i++)
        {
            (string account, string region) = places[i % places.Length];
            DateTimeOffset delivered = start.AddMinutes(5 * (i / places.Length));
            var records = new List<string>(RecordsPerFile);
            for (int r = 0; r < RecordsPerFile; r++)
            {
                JsonObject record = JsonNode.Parse(templates[random.Next(templates.Length)])!.AsObject();
                record["eventTime"] = delivered.AddSeconds(-random.Next(5, 600)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                record["eventID"] = $"{i:x8}-{r:x4}-4000-8000-000000000000";
                records.Add(copy is not null && random.Next(100) == 0 ? copy : record.ToJsonString());
                copy = records[^1];
            }

            string key = $"AWSLogs/o-a1b2c3d4e5/{account}/CloudTrail/{region}/{delivered:yyyy'/'MM'/'dd}/{account}_CloudTrail_{region}_{delivered:yyyyMMdd'T'HHmm'Z'}_{random.NextInt64():x16}.json.gz";
            string path = Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
            {
                gzip.Write(Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(',', records) + "]}"));
            }

            paths.Add(path);
        }

        return [.. paths];
    }
}
