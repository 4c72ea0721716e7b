using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// Records parsed one at a time, as a Lambda function handed one EventBridge event's <c>detail</c> parses it: 2,000
/// records of the account profile, each its own UTF-8 array, with <see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>,
/// and (the baseline) with System.Text.Json into source-generated POCOs. Each reads the event name, the caller's ARN
/// and the time, as <see cref="ReadLogFileBenchmarks"/> does.
/// </summary>
[MemoryDiagnoser]
public class ParseOneRecordBenchmarks
{
    public const int Records = 2_000;

    private static readonly Lazy<byte[][]> Data = new(Create);

    private byte[][] _records = null!;

    /// <summary>Bytes of JSON each operation parses.</summary>
    public static long JsonBytes => Data.Value.Sum(record => (long)record.Length);

    /// <summary>Records each operation parses.</summary>
    public static int RecordCount => Records;

    [GlobalSetup]
    public void Setup() => _records = Data.Value;

    [Benchmark(Baseline = true)]
    public long SystemTextJson_SourceGenPoco()
    {
        long touched = 0;
        foreach (byte[] json in _records)
        {
            PocoRecord<JsonElement> record = JsonSerializer.Deserialize(json, PocoJsonContext.Default.PocoRecordJsonElement)!;
            touched += ReadLogFileBenchmarks.Touched(record.EventName, record.UserIdentity?.Arn, record.EventTime);
        }

        return touched;
    }

    [Benchmark]
    public long CloudTrailRecord_Parse()
    {
        long touched = 0;
        foreach (byte[] json in _records)
        {
            CloudTrailRecord record = CloudTrailRecord.Parse(json);
            touched += ReadLogFileBenchmarks.Touched(record.EventName, record.UserIdentity?.Arn, record.EventTime);
        }

        return touched;
    }

    private static byte[][] Create()
    {
        using JsonDocument log = JsonDocument.Parse(ReadLogFileBenchmarks.For(LogProfile.Account).Json);
        return [.. log.RootElement.GetProperty("Records").EnumerateArray().Take(Records).Select(record => JsonMarshal.GetRawUtf8Value(record).ToArray())];
    }
}
