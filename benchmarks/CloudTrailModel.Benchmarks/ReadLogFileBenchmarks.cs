using System.IO.Compression;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json.Linq;
using NJ = Newtonsoft.Json;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// Reading one whole CloudTrail log file from memory, generated from a fixed seed in two <see cref="LogProfile"/>s: a
/// ~20 MB file of a three-account trail (callers repeat a lot) and a 20,000-record organisation trail (few repeats).
/// Our reader against what a user would otherwise write. Every reader reads what a user reads of each record (event
/// name, caller ARN, event time) and returns a checksum of those values, so <c>--verify</c> can check that every
/// benchmark saw the same records; the tokenisers return record counts and the gunzip-only one bytes.
/// </summary>
[MemoryDiagnoser]
public class ReadLogFileBenchmarks
{
    public const int Seed = 20240514;
    public const long TargetBytes = 20_000_000;
    public const int OrganizationRecords = 20_000;

    // Lazy and static so the host process, which computes the MB/s and records/s columns, sees the same
    // sizes as the benchmark process without running a setup: the generator is deterministic.
    private static readonly Lazy<Workload> AccountData = new(() => Workload.Create(LogProfile.Account));
    private static readonly Lazy<Workload> OrganizationData = new(() => Workload.Create(LogProfile.Organization));

    private static readonly NJ.JsonSerializer NewtonsoftSerializer = NJ.JsonSerializer.CreateDefault();

    // The same binding rules as the source-generated context, through reflection.
    private static readonly JsonSerializerOptions ReflectionOptions = new(PocoJsonContext.Default.Options)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static readonly CloudTrailReaderOptions OneCore = new() { AllowParallelParsing = false };

    private readonly byte[] _buffer = new byte[81920];
    private Workload _data = null!;

    [Params(LogProfile.Account, LogProfile.Organization)]
    public LogProfile Profile { get; set; }

    /// <summary>The generated file of <paramref name="profile"/>, the same in every process.</summary>
    public static Workload For(LogProfile profile) => (profile == LogProfile.Organization ? OrganizationData : AccountData).Value;

    [GlobalSetup]
    public void Setup() => _data = For(Profile);

    // The floor: every token read, nothing materialised.
    [Benchmark(Baseline = true)]
    public int Utf8JsonReader_TokenScan() => TokenScan(_data.Json, recordDepth: 2);

    // The same scan over the file's two halves (split at a record boundary) on two threads: how much a second core gives
    // on this machine in this run, so a reader's two-core figures can be told from a busy host.
    [Benchmark]
    public int Utf8JsonReader_TokenScan_TwoThreads()
    {
        Task<int> second = Task.Run(() => TokenScan(_data.SecondHalf, recordDepth: 1));
        return TokenScan(_data.FirstHalf, recordDepth: 1) + second.GetAwaiter().GetResult();
    }

    // Framing alone: the reader's structural scan finds every record's byte range and nothing else is read.
    [Benchmark]
    public int Framing_RecordRanges() => FramingScan.CountRecords(_data.Json);

    [Benchmark]
    public long CloudTrailReader_ReadRecords() => Touch(CloudTrailReader.ReadRecords(new MemoryStream(_data.Json, writable: false)));

    // The same read, then every value a record keeps as UTF-8 until first read is read: the strings (IDs, keys,
    // session ARNs, error messages, resource ARNs) and the raw values' RawJson wrappers. What deferring them saves is
    // only saved for values nobody reads.
    [Benchmark]
    public long CloudTrailReader_ReadRecords_EveryDeferredValueRead()
    {
        long touched = 0;
        long characters = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_data.Json, writable: false)))
        {
            touched += Touched(record);
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

        return characters > 0 ? touched : -1;
    }

    // The same read kept on one core (AllowParallelParsing = false), for machines where other work has the other cores.
    [Benchmark]
    public long CloudTrailReader_ReadRecords_OneCore() => Touch(CloudTrailReader.ReadRecords(new MemoryStream(_data.Json, writable: false), OneCore));

    [Benchmark]
    public long JsonDocument_Parse()
    {
        using JsonDocument document = JsonDocument.Parse(_data.Json);
        long touched = 0;
        foreach (JsonElement record in document.RootElement.GetProperty("Records").EnumerateArray())
        {
            string? arn = record.TryGetProperty("userIdentity", out JsonElement identity) && identity.TryGetProperty("arn", out JsonElement a) ? a.GetString() : null;
            DateTimeOffset? time = record.TryGetProperty("eventTime", out JsonElement t) ? t.GetDateTimeOffset() : null;
            touched += Touched(record.TryGetProperty("eventName", out JsonElement name) ? name.GetString() : null, arn, time);
        }

        return touched;
    }

    [Benchmark]
    public long SystemTextJson_SourceGenPoco() => Touch(JsonSerializer.Deserialize(_data.Json, PocoJsonContext.Default.PocoLogJsonElement)!.Records!);

    [Benchmark]
    public long SystemTextJson_ReflectionPoco() => Touch(JsonSerializer.Deserialize<PocoLog<JsonElement>>(_data.Json, ReflectionOptions)!.Records!);

    [Benchmark]
    public long NewtonsoftJson_JObject()
    {
        using var text = new StreamReader(new MemoryStream(_data.Json, writable: false));
        using var reader = new NJ.JsonTextReader(text) { DateParseHandling = NJ.DateParseHandling.DateTimeOffset };
        long touched = 0;
        foreach (JToken record in (JArray)JObject.Load(reader)["Records"]!)
        {
            touched += Touched((string?)record["eventName"], (string?)record["userIdentity"]?["arn"], (DateTimeOffset?)record["eventTime"]);
        }

        return touched;
    }

    // About 1% of the generated records are CloudTrail LookupEvents calls: rejected records are never materialised.
    [Benchmark]
    public long CloudTrailReader_Filtered()
    {
        var options = new CloudTrailReaderOptions { Filter = static h => h.EventName == "LookupEvents" };
        return Touch(CloudTrailReader.ReadRecords(new MemoryStream(_data.Json, writable: false), options));
    }

    // Full read plus typed request parameters for every Migration Hub Orchestrator record; returns the typed count.
    [Benchmark]
    public int CloudTrailReader_TypedOrchestratorParameters()
    {
        int typed = 0;
        long touched = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(_data.Json, writable: false)))
        {
            touched += Touched(record);
            if (record.EventSource == "migrationhub-orchestrator.amazonaws.com" && record.GetRequestParameters() is not null)
            {
                typed++;
            }
        }

        return touched > 0 ? typed : -1;
    }

    [Benchmark]
    public long NewtonsoftJson_Poco()
    {
        using var text = new StreamReader(new MemoryStream(_data.Json, writable: false));
        using var reader = new NJ.JsonTextReader(text) { DateParseHandling = NJ.DateParseHandling.DateTimeOffset };
        return Touch(NewtonsoftSerializer.Deserialize<PocoLog<JToken>>(reader)!.Records!);
    }

    [Benchmark]
    public long CloudTrailReader_ReadRecords_Gzip() => Touch(CloudTrailReader.ReadRecords(new MemoryStream(_data.Gzip, writable: false)));

    // The same read through ReadRecordsAsync (await foreach), as a service reading from S3 or a queue would.
    [Benchmark]
    public async Task<long> CloudTrailReader_ReadRecordsAsync_Gzip()
    {
        long touched = 0;
        await foreach (CloudTrailRecord record in CloudTrailReader.ReadRecordsAsync(new MemoryStream(_data.Gzip, writable: false)))
        {
            touched += Touched(record);
        }

        return touched;
    }

    [Benchmark]
    public long GZipStream_DecompressOnly()
    {
        using var gzip = new GZipStream(new MemoryStream(_data.Gzip, writable: false), CompressionMode.Decompress);
        long total = 0;
        int read;
        while ((read = gzip.Read(_buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    // One per record plus the lengths of its event name and caller ARN and its event time's second of the day: any
    // reader that skipped a value, or saw another record, gives another sum.
    internal static long Touched(string? eventName, string? arn, DateTimeOffset? time) =>
        1 + (eventName?.Length ?? 0) + (arn?.Length ?? 0) + (time is { } t ? (long)t.UtcDateTime.TimeOfDay.TotalSeconds : 0);

    private static long Touched(CloudTrailRecord record) => Touched(record.EventName, record.UserIdentity?.Arn, record.EventTime);

    internal static long Touch(IEnumerable<CloudTrailRecord> records)
    {
        long touched = 0;
        foreach (CloudTrailRecord record in records)
        {
            touched += Touched(record);
        }

        return touched;
    }

    private static long Touch<TJson>(List<PocoRecord<TJson>> records)
    {
        long touched = 0;
        foreach (PocoRecord<TJson> record in records)
        {
            touched += Touched(record.EventName, record.UserIdentity?.Arn, record.EventTime);
        }

        return touched;
    }

    // Counts the objects at recordDepth (2 in a log file, 1 in a bare array of records), reading every token.
    private static int TokenScan(byte[] json, int recordDepth)
    {
        var reader = new Utf8JsonReader(json);
        int records = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == recordDepth)
            {
                records++;
            }
        }

        return records;
    }

    /// <summary>One generated log file: its JSON, its gzip, its record count and its records split in two arrays.</summary>
    public sealed class Workload
    {
        private Workload(LogProfile profile, byte[] json, int records)
        {
            Profile = profile;
            Json = json;
            Records = records;
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(json);
            }

            Gzip = compressed.ToArray();
            (FirstHalf, SecondHalf) = Split(json);
        }

        public LogProfile Profile { get; }

        /// <summary>The log file, <c>{"Records":[...]}</c>.</summary>
        public byte[] Json { get; }

        public byte[] Gzip { get; }

        public int Records { get; }

        /// <summary>The records before the middle of the file, as a JSON array.</summary>
        public byte[] FirstHalf { get; }

        /// <summary>The records from the middle of the file on, as a JSON array.</summary>
        public byte[] SecondHalf { get; }

        public static Workload Create(LogProfile profile)
        {
            if (profile == LogProfile.Organization)
            {
                return new Workload(profile, LogGenerator.Generate(Seed, OrganizationRecords, profile), OrganizationRecords);
            }

            byte[] json = LogGenerator.GenerateBytes(Seed, TargetBytes, out int records);
            return new Workload(profile, json, records);
        }

        // Both halves are copied out at the record boundary nearest the middle, so each thread scans a whole JSON value.
        private static (byte[] First, byte[] Second) Split(byte[] json)
        {
            var reader = new Utf8JsonReader(json);
            long first = -1, middle = -1, end = -1;
            while (reader.Read())
            {
                if (reader.CurrentDepth != 2)
                {
                    continue;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    first = first < 0 ? reader.TokenStartIndex : first;
                    middle = middle < 0 && reader.TokenStartIndex >= json.Length / 2 ? reader.TokenStartIndex : middle;
                }
                else if (reader.TokenType == JsonTokenType.EndObject)
                {
                    end = reader.BytesConsumed;
                }
            }

            int firstEnd = json.AsSpan(0, (int)middle).LastIndexOf((byte)',');
            return (Slice((int)first, firstEnd), Slice((int)middle, (int)end));

            byte[] Slice(int start, int stop) => [(byte)'[', .. json.AsSpan(start, stop - start), (byte)']'];
        }
    }
}
