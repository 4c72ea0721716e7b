using System.Text.Json;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// <c>--verify</c>: runs every benchmark once, outside BenchmarkDotNet, and checks that they all saw the same records
/// (the readers' checksums of what they read agree with a <see cref="JsonDocument"/> walk; the tokenisers' counts with
/// the generator's). Prints what each profile's file holds, so a profile's claims can be checked.
/// </summary>
internal static class Verify
{
    public static int Run()
    {
        var checks = new List<(string Name, long Value, long Expected)>();
        foreach (LogProfile profile in Enum.GetValues<LogProfile>())
        {
            checks.AddRange(ReadLogFile(profile));
        }

        checks.AddRange(SmallGzipFiles());
        checks.AddRange(ParseOneRecord());
#if !CTM_BASELINE
        checks.AddRange(Wrappers());
        checks.AddRange(Trail());
#endif
        foreach ((string name, long value, long expected) in checks)
        {
            Console.WriteLine($"{(value == expected ? "ok  " : "FAIL")} {name}: {value:N0}{(value == expected ? "" : $" (expected {expected:N0})")}");
        }

        return checks.All(c => c.Value == c.Expected) ? 0 : 1;
    }

    private static IEnumerable<(string, long, long)> ReadLogFile(LogProfile profile)
    {
        var b = new ReadLogFileBenchmarks { Profile = profile };
        b.Setup();
        ReadLogFileBenchmarks.Workload data = ReadLogFileBenchmarks.For(profile);
        Stats stats = Stats.Of(data.Json);
        Console.WriteLine($"{profile}: {data.Json.Length:N0} bytes, {data.Records:N0} records, {data.Json.Length / data.Records:N0} bytes/record; distinct: "
            + $"{stats.Arns:N0} caller ARNs, {stats.PrincipalIds:N0} principal IDs (callers and session issuers), {stats.Addresses:N0} source addresses, {stats.SessionDates:N0} session dates; "
            + $"halves of {data.FirstHalf.Length:N0} and {data.SecondHalf.Length:N0} bytes");
        long touched = b.JsonDocument_Parse();
        Console.WriteLine($"info {profile} CloudTrailReader_Filtered: {b.CloudTrailReader_Filtered():N0} (checksum of the records that pass)");
        string p = profile + ".";
        return
        [
            (p + "Utf8JsonReader_TokenScan (records)", b.Utf8JsonReader_TokenScan(), data.Records),
            (p + "Utf8JsonReader_TokenScan_TwoThreads (records)", b.Utf8JsonReader_TokenScan_TwoThreads(), data.Records),
            (p + "Framing_RecordRanges (records)", b.Framing_RecordRanges(), data.Records),
            (p + "JsonDocument_Parse (records)", stats.Records, data.Records),
            (p + "CloudTrailReader_ReadRecords", b.CloudTrailReader_ReadRecords(), touched),
            (p + "CloudTrailReader_ReadRecords_OneCore", b.CloudTrailReader_ReadRecords_OneCore(), touched),
            (p + "CloudTrailReader_ReadRecords_EveryDeferredValueRead", b.CloudTrailReader_ReadRecords_EveryDeferredValueRead(), touched),
            (p + "SystemTextJson_SourceGenPoco", b.SystemTextJson_SourceGenPoco(), touched),
            (p + "SystemTextJson_ReflectionPoco", b.SystemTextJson_ReflectionPoco(), touched),
            (p + "NewtonsoftJson_Poco", b.NewtonsoftJson_Poco(), touched),
            (p + "NewtonsoftJson_JObject", b.NewtonsoftJson_JObject(), touched),
            (p + "CloudTrailReader_ReadRecords_Gzip", b.CloudTrailReader_ReadRecords_Gzip(), touched),
            (p + "CloudTrailReader_ReadRecordsAsync_Gzip", b.CloudTrailReader_ReadRecordsAsync_Gzip().GetAwaiter().GetResult(), touched),
            (p + "CloudTrailReader_TypedOrchestratorParameters (typed)", b.CloudTrailReader_TypedOrchestratorParameters(), stats.OrchestratorCalls),
            (p + "GZipStream_DecompressOnly (bytes)", b.GZipStream_DecompressOnly(), data.Json.LongLength),
        ];
    }

    private static IEnumerable<(string, long, long)> ParseOneRecord()
    {
        var parse = new ParseOneRecordBenchmarks();
        parse.Setup();
        Console.WriteLine($"ParseOneRecord: {ParseOneRecordBenchmarks.RecordCount:N0} records, {ParseOneRecordBenchmarks.JsonBytes:N0} bytes of JSON");
        long touched = parse.SystemTextJson_SourceGenPoco();
        yield return ("ParseOneRecord.CloudTrailRecord_Parse", parse.CloudTrailRecord_Parse(), touched);
        yield return ("ParseOneRecord.SystemTextJson_SourceGenPoco (records touched)", touched > ParseOneRecordBenchmarks.RecordCount ? 1 : 0, 1);
    }

    private static IEnumerable<(string, long, long)> SmallGzipFiles()
    {
        foreach (int perFile in new[] { 100, 300 })
        {
            var small = new SmallGzipFilesBenchmarks { RecordsPerFile = perFile };
            small.Setup();
            Console.WriteLine($"SmallGzipFiles({perFile}): {SmallGzipFilesBenchmarks.FileCount} files, {SmallGzipFilesBenchmarks.JsonBytes(perFile):N0} bytes of JSON, {SmallGzipFilesBenchmarks.RecordCount(perFile):N0} records");
            long touched = small.SystemTextJson_SourceGenPoco();
            string p = $"SmallGzipFiles({perFile}).";
            yield return (p + "GZipStream_DecompressOnly (bytes)", small.GZipStream_DecompressOnly(), SmallGzipFilesBenchmarks.JsonBytes(perFile));
            yield return (p + "CloudTrailReader_ReadRecords", small.CloudTrailReader_ReadRecords(), touched);
            yield return (p + "CloudTrailReader_ReadRecords_OneCore", small.CloudTrailReader_ReadRecords_OneCore(), touched);
            yield return (p + "CloudTrailReader_ReadRecords_TwoFilesAtATime", small.CloudTrailReader_ReadRecords_TwoFilesAtATime(), touched);
            yield return (p + "SystemTextJson_SourceGenPoco (records touched)", touched > SmallGzipFilesBenchmarks.RecordCount(perFile) ? 1 : 0, 1);
        }
    }

#if !CTM_BASELINE
    private static IEnumerable<(string, long, long)> Wrappers()
    {
        var wrappers = new WrapperBenchmarks();
        wrappers.Setup();
        return
        [
            ("Wrappers.ReadRecords_JsonLines", wrappers.ReadRecords_JsonLines(), WrapperBenchmarks.RecordCount),
            ("Wrappers.ReadRecords_EventBridgeJsonLines", wrappers.ReadRecords_EventBridgeJsonLines(), WrapperBenchmarks.RecordCount),
            ("Wrappers.ReadRecords_EventBridgeFirehoseGzip", wrappers.ReadRecords_EventBridgeFirehoseGzip(), WrapperBenchmarks.RecordCount),
            ("Wrappers.ReadEntries_EventBridgeFirehoseGzip", wrappers.ReadEntries_EventBridgeFirehoseGzip(), WrapperBenchmarks.RecordCount),
            ("Wrappers.ReadRecords_CloudWatchLogsGzip", wrappers.ReadRecords_CloudWatchLogsGzip(), WrapperBenchmarks.RecordCount),
        ];
    }

    private static List<(string, long, long)> Trail()
    {
        var checks = new List<(string, long, long)>();
        var trail = new TrailBenchmarks();
        trail.Setup();
        try
        {
            foreach (int degree in new[] { 1, 2 })
            {
                trail.Degree = degree;
                long all = trail.Trail_FileOrder();
                long unique = trail.Trail_FileOrder_Deduplicate();
                string p = $"Trail(Degree={degree}).";
                checks.Add((p + "Utf8JsonReader_Tokenizer", trail.Utf8JsonReader_Tokenizer(), all));
                checks.Add((p + "Trail_EventTimeOrder", trail.Trail_EventTimeOrder(), all));
                checks.Add((p + "Trail_FileOrder_Deduplicate (fewer)", unique < all ? 1 : 0, 1));
                checks.Add((p + "Trail_EventTimeOrder_Deduplicate", trail.Trail_EventTimeOrder_Deduplicate(), unique));
            }
        }
        finally
        {
            trail.Cleanup();
        }

        return checks;
    }
#endif

    // What a file holds, read with JsonDocument: distinct caller values (how much pooling can save) and typed-parameter candidates.
    private sealed record Stats(int Records, int Arns, int PrincipalIds, int Addresses, int SessionDates, int OrchestratorCalls)
    {
        public static Stats Of(byte[] json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            HashSet<string> arns = [], principals = [], addresses = [], dates = [];
            int records = 0, orchestrator = 0;
            foreach (JsonElement record in document.RootElement.GetProperty("Records"u8).EnumerateArray())
            {
                records++;
                Add(addresses, record, "sourceIPAddress");
                if (record.TryGetProperty("userIdentity", out JsonElement identity))
                {
                    Add(arns, identity, "arn");
                    Add(principals, identity, "principalId");
                    if (identity.TryGetProperty("sessionContext", out JsonElement context) && context.TryGetProperty("sessionIssuer", out JsonElement issuer))
                    {
                        Add(principals, issuer, "principalId");
                    }

                    if (identity.TryGetProperty("sessionContext", out JsonElement session) && session.TryGetProperty("attributes", out JsonElement attributes))
                    {
                        Add(dates, attributes, "creationDate");
                    }
                }

                if (record.GetProperty("eventSource").GetString() == "migrationhub-orchestrator.amazonaws.com"
                    && record.TryGetProperty("requestParameters", out JsonElement parameters) && parameters.ValueKind == JsonValueKind.Object)
                {
                    orchestrator++;
                }
            }

            return new Stats(records, arns.Count, principals.Count, addresses.Count, dates.Count, orchestrator);
        }

        private static void Add(HashSet<string> set, JsonElement element, string name)
        {
            if (element.TryGetProperty(name, out JsonElement value) && value.GetString() is { } text)
            {
                set.Add(text);
            }
        }
    }
}
