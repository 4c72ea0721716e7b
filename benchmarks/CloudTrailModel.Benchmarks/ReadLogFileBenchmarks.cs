using System.IO.Compression;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json.Linq;
using NJ = Newtonsoft.Json;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// Reading one whole CloudTrail log file (~20 MB of compact JSON, generated from a fixed seed) from memory:
/// our reader against what a user would otherwise write. Every benchmark returns the record count it saw
/// (the gunzip-only one returns bytes), and <c>--verify</c> checks them against each other.
/// </summary>
[MemoryDiagnoser]
public class ReadLogFileBenchmarks
{
    public const int Seed = 20240514;
    public const long TargetBytes = 20_000_000;

    // Lazy and static so the host process, which computes the MB/s and records/s columns, sees the same
    // sizes as the benchmark process without running a setup: the generator is deterministic.
    private static readonly Lazy<(byte[] Json, byte[] Gzip, int Records)> Data = new(CreateData);

    private static readonly NJ.JsonSerializer NewtonsoftSerializer = NJ.JsonSerializer.CreateDefault();

    // The same binding rules as the source-generated context, through reflection.
    private static readonly JsonSerializerOptions ReflectionOptions = new(PocoJsonContext.Default.Options)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static readonly CloudTrailReaderOptions OneCore = new() { AllowParallelParsing = false };

    private readonly byte[] _buffer = new byte[81920];
    private byte[] _json = [];
    private byte[] _gzip = [];

    /// <summary>Bytes of uncompressed JSON each operation reads.</summary>
    public static long JsonBytes => Data.Value.Json.LongLength;

    /// <summary>Records each operation reads.</summary>
    public static int RecordCount => Data.Value.Records;

    [GlobalSetup]
    public void Setup() => (_json, _gzip, _) = Data.Value;

    // The floor: every token read, nothing materialised.
    [Benchmark(Baseline = true)]
    public int Utf8JsonReader_TokenScan()
    {
        var reader = new Utf8JsonReader(_json);
        int records = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
            {
                records++;
            }
        }

        return records;
    }

    [Benchmark]
    public int CloudTrailReader_ReadRecords()
    {
        int records = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_json, writable: false)))
        {
            records++;
        }

        return records;
    }

    // The same read, then every value a record keeps as UTF-8 until first read is read: the strings (IDs, keys,
    // session ARNs, error messages, resource ARNs) and the raw values' RawJson wrappers. What deferring them saves is
    // only saved for values nobody reads.
    [Benchmark]
    public int CloudTrailReader_ReadRecords_EveryDeferredValueRead()
    {
        int records = 0;
        long characters = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_json, writable: false)))
        {
            records++;
            characters += (record.EventId?.Length ?? 0) + (record.RequestId?.Length ?? 0) + (record.ErrorMessage?.Length ?? 0) + (record.SharedEventId?.Length ?? 0);
            characters += (record.RequestParameters?.Utf8.Length ?? 0) + (record.ResponseElements?.Utf8.Length ?? 0) + (record.AdditionalEventData?.Utf8.Length ?? 0);
            if (record.UserIdentity is { } identity)
            {
                characters += (identity.PrincipalId?.Length ?? 0) + (identity.Arn?.Length ?? 0) + (identity.AccessKeyId?.Length ?? 0) + (identity.CredentialId?.Length ?? 0);
            }

            foreach (CloudTrailResource resource in record.Resources ?? [])
            {
                characters += resource.Arn?.Length ?? 0;
            }
        }

        return characters > 0 ? records : -1;
    }

    // The same read kept on one core (AllowParallelParsing = false), for machines where other work has the other cores.
    [Benchmark]
    public int CloudTrailReader_ReadRecords_OneCore()
    {
        int records = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_json, writable: false), OneCore))
        {
            records++;
        }

        return records;
    }

    [Benchmark]
    public int JsonDocument_Parse()
    {
        using JsonDocument document = JsonDocument.Parse(_json);
        int records = 0;
        foreach (JsonElement record in document.RootElement.GetProperty("Records").EnumerateArray())
        {
            if (record.ValueKind == JsonValueKind.Object)
            {
                records++;
            }
        }

        return records;
    }

    [Benchmark]
    public int SystemTextJson_SourceGenPoco() =>
        JsonSerializer.Deserialize(_json, PocoJsonContext.Default.PocoLogJsonElement)!.Records!.Count;

    [Benchmark]
    public int SystemTextJson_ReflectionPoco() =>
        JsonSerializer.Deserialize<PocoLog<JsonElement>>(_json, ReflectionOptions)!.Records!.Count;

    [Benchmark]
    public int NewtonsoftJson_JObject()
    {
        using var text = new StreamReader(new MemoryStream(_json, writable: false));
        using var reader = new NJ.JsonTextReader(text);
        return ((JArray)JObject.Load(reader)["Records"]!).Count;
    }

    // About 1% of the generated records are CloudTrail LookupEvents calls: rejected records are never materialised.
    [Benchmark]
    public int CloudTrailReader_Filtered()
    {
        int records = 0;
        var options = new CloudTrailReaderOptions { Filter = static h => h.EventName == "LookupEvents" };
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_json, writable: false), options))
        {
            records++;
        }

        return records;
    }

    // Full read plus typed request parameters for every Migration Hub Orchestrator record.
    [Benchmark]
    public int CloudTrailReader_TypedOrchestratorParameters()
    {
        int typed = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_json, writable: false)))
        {
            if (record.EventSource == "migrationhub-orchestrator.amazonaws.com" && record.GetRequestParameters() is not null)
            {
                typed++;
            }
        }

        return typed;
    }

    [Benchmark]
    public int NewtonsoftJson_Poco()
    {
        using var text = new StreamReader(new MemoryStream(_json, writable: false));
        using var reader = new NJ.JsonTextReader(text);
        return NewtonsoftSerializer.Deserialize<PocoLog<JToken>>(reader)!.Records!.Count;
    }

    [Benchmark]
    public int CloudTrailReader_ReadRecords_Gzip()
    {
        int records = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_gzip, writable: false)))
        {
            records++;
        }

        return records;
    }

    // The same read through ReadRecordsAsync (await foreach), as a service reading from S3 or a queue would.
    [Benchmark]
    public async Task<int> CloudTrailReader_ReadRecordsAsync_Gzip()
    {
        int records = 0;
        await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(_gzip, writable: false)))
        {
            records++;
        }

        return records;
    }

    [Benchmark]
    public long GZipStream_DecompressOnly()
    {
        using var gzip = new GZipStream(new MemoryStream(_gzip, writable: false), CompressionMode.Decompress);
        long total = 0;
        int read;
        while ((read = gzip.Read(_buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static (byte[] Json, byte[] Gzip, int Records) CreateData()
    {
        byte[] json = LogGenerator.GenerateBytes(Seed, TargetBytes, out int records);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return (json, compressed.ToArray(), records);
    }
}
