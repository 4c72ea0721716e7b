using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// The same generated records read from wrappers: JSON Lines of records (the baseline: the plain path), EventBridge
/// events one per line, EventBridge events back to back in gzip (as Kinesis Data Firehose writes them to S3), and
/// CloudWatch Logs <c>DATA_MESSAGE</c>s of 100 log events back to back in gzip. The plain log-file hot path is
/// <see cref="ReadLogFileBenchmarks"/> (run it before and after a reader change).
/// </summary>
[MemoryDiagnoser]
public class WrapperBenchmarks
{
    public const int Seed = 20240514;
    public const int Records = 20_000;

    private static readonly Lazy<Inputs> Data = new(CreateData);

    private Inputs _inputs = null!;

    /// <summary>Bytes of the records' JSON each operation reads (without the wrappers).</summary>
    public static long JsonBytes => Data.Value.JsonBytes;

    /// <summary>Records each operation reads.</summary>
    public static int RecordCount => Records;

    [GlobalSetup]
    public void Setup() => _inputs = Data.Value;

    [Benchmark(Baseline = true)]
    public int ReadRecords_JsonLines() => Count(_inputs.JsonLines);

    [Benchmark]
    public int ReadRecords_EventBridgeJsonLines() => Count(_inputs.EventBridgeLines);

    [Benchmark]
    public int ReadRecords_EventBridgeFirehoseGzip() => Count(_inputs.EventBridgeFirehoseGzip);

    [Benchmark]
    public int ReadEntries_EventBridgeFirehoseGzip()
    {
        int records = 0;
        foreach (CloudTrailEntry entry in CloudTrailReader.ReadEntries(new MemoryStream(_inputs.EventBridgeFirehoseGzip, writable: false)))
        {
            records += entry.Wrapper is null ? 0 : 1;
        }

        return records;
    }

    [Benchmark]
    public int ReadRecords_CloudWatchLogsGzip() => Count(_inputs.CloudWatchLogsGzip);

    private static int Count(byte[] input)
    {
        int records = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(input, writable: false)))
        {
            records++;
        }

        return records;
    }

    private static Inputs CreateData()
    {
        using JsonDocument log = JsonDocument.Parse(LogGenerator.Generate(Seed, Records));
        List<string> records = log.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetRawText()).ToList();
        string Event(string record, int i) =>
            "{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + "\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.s3\","
            + "\"account\":\"111122223333\",\"time\":\"2024-05-14T12:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + record + "}";

        var logs = new StringBuilder();
        for (int start = 0; start < records.Count; start += 100)
        {
            logs.Append("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111122223333\",\"logGroup\":\"aws-cloudtrail-logs\",\"logStream\":\"111122223333_CloudTrail_us-east-1\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[");
            logs.AppendJoin(',', records.Skip(start).Take(100).Select((r, i) => "{\"id\":\"" + (start + i) + "\",\"timestamp\":1715688000000,\"message\":" + JsonSerializer.Serialize(r) + "}"));
            logs.Append("]}");
        }

        return new Inputs(
            Encoding.UTF8.GetByteCount(string.Concat(records)),
            Encoding.UTF8.GetBytes(string.Join('\n', records)),
            Encoding.UTF8.GetBytes(string.Join('\n', records.Select(Event))),
            Gzip(Encoding.UTF8.GetBytes(string.Concat(records.Select(Event)))),
            Gzip(Encoding.UTF8.GetBytes(logs.ToString())));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private sealed record Inputs(long JsonBytes, byte[] JsonLines, byte[] EventBridgeLines, byte[] EventBridgeFirehoseGzip, byte[] CloudWatchLogsGzip);
}
