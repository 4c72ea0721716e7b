// Runs every benchmark class in this assembly; choose with BenchmarkDotNet's own arguments, nothing to edit:
//   quick (the 20 MB file only; under 2 minutes on 2 cores; noisier):
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --filter '*ReadLogFile*' --job short --warmupCount 1
//   full (BenchmarkDotNet's default job; about 10 minutes):
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --filter '*'
//   list them / check every benchmark sees the same records:
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --list flat
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --verify
// Results (GitHub markdown, committed; logs/csv/html, ignored) go to benchmarks/results/<os>-<arch>-<N>core/.
using BenchmarkDotNet.Running;
using CloudTrailModel.Benchmarks;

if (args is ["--verify"])
{
    var b = new ReadLogFileBenchmarks();
    b.Setup();
    Console.WriteLine($"{ReadLogFileBenchmarks.JsonBytes:N0} bytes, {ReadLogFileBenchmarks.RecordCount:N0} records, {ReadLogFileBenchmarks.JsonBytes / ReadLogFileBenchmarks.RecordCount:N0} bytes/record");
    (string Name, long Value, long Expected)[] checks =
    [
        ("Utf8JsonReader_TokenScan", b.Utf8JsonReader_TokenScan(), ReadLogFileBenchmarks.RecordCount),
        ("CloudTrailReader_ReadRecords", b.CloudTrailReader_ReadRecords(), ReadLogFileBenchmarks.RecordCount),
        ("CloudTrailReader_ReadRecords_OneCore", b.CloudTrailReader_ReadRecords_OneCore(), ReadLogFileBenchmarks.RecordCount),
        ("CloudTrailReader_ReadRecords_EveryDeferredValueRead", b.CloudTrailReader_ReadRecords_EveryDeferredValueRead(), ReadLogFileBenchmarks.RecordCount),
        ("JsonDocument_Parse", b.JsonDocument_Parse(), ReadLogFileBenchmarks.RecordCount),
        ("SystemTextJson_SourceGenPoco", b.SystemTextJson_SourceGenPoco(), ReadLogFileBenchmarks.RecordCount),
        ("NewtonsoftJson_Poco", b.NewtonsoftJson_Poco(), ReadLogFileBenchmarks.RecordCount),
        ("SystemTextJson_ReflectionPoco", b.SystemTextJson_ReflectionPoco(), ReadLogFileBenchmarks.RecordCount),
        ("NewtonsoftJson_JObject", b.NewtonsoftJson_JObject(), ReadLogFileBenchmarks.RecordCount),
        ("CloudTrailReader_ReadRecords_Gzip", b.CloudTrailReader_ReadRecords_Gzip(), ReadLogFileBenchmarks.RecordCount),
        ("CloudTrailReader_ReadRecordsAsync_Gzip", b.CloudTrailReader_ReadRecordsAsync_Gzip().GetAwaiter().GetResult(), ReadLogFileBenchmarks.RecordCount),
        ("GZipStream_DecompressOnly (bytes)", b.GZipStream_DecompressOnly(), ReadLogFileBenchmarks.JsonBytes),
    ];
    var small = new SmallGzipFilesBenchmarks();
    small.Setup();
    Console.WriteLine($"small files: {SmallGzipFilesBenchmarks.FileCount} files, {SmallGzipFilesBenchmarks.JsonBytes:N0} bytes of JSON, {SmallGzipFilesBenchmarks.RecordCount:N0} records");
    checks =
    [
        .. checks,
        ("SmallGzipFiles.GZipStream_DecompressOnly (bytes)", small.GZipStream_DecompressOnly(), SmallGzipFilesBenchmarks.JsonBytes),
        ("SmallGzipFiles.CloudTrailReader_ReadRecords", small.CloudTrailReader_ReadRecords(), SmallGzipFilesBenchmarks.RecordCount),
        ("SmallGzipFiles.SystemTextJson_SourceGenPoco", small.SystemTextJson_SourceGenPoco(), SmallGzipFilesBenchmarks.RecordCount),
    ];
    var wrappers = new WrapperBenchmarks();
    wrappers.Setup();
    checks =
    [
        .. checks,
        ("Wrappers.ReadRecords_JsonLines", wrappers.ReadRecords_JsonLines(), WrapperBenchmarks.RecordCount),
        ("Wrappers.ReadRecords_EventBridgeJsonLines", wrappers.ReadRecords_EventBridgeJsonLines(), WrapperBenchmarks.RecordCount),
        ("Wrappers.ReadRecords_EventBridgeFirehoseGzip", wrappers.ReadRecords_EventBridgeFirehoseGzip(), WrapperBenchmarks.RecordCount),
        ("Wrappers.ReadEntries_EventBridgeFirehoseGzip", wrappers.ReadEntries_EventBridgeFirehoseGzip(), WrapperBenchmarks.RecordCount),
        ("Wrappers.ReadRecords_CloudWatchLogsGzip", wrappers.ReadRecords_CloudWatchLogsGzip(), WrapperBenchmarks.RecordCount),
    ];
    Console.WriteLine($"info CloudTrailReader_Filtered: {b.CloudTrailReader_Filtered():N0} records pass the filter ({100.0 * b.CloudTrailReader_Filtered() / ReadLogFileBenchmarks.RecordCount:F1}%)");
    Console.WriteLine($"info CloudTrailReader_TypedOrchestratorParameters: {b.CloudTrailReader_TypedOrchestratorParameters():N0} typed parameter objects");
    foreach ((string name, long value, long expected) in checks)
    {
        Console.WriteLine($"{(value == expected ? "ok  " : "FAIL")} {name}: {value:N0}");
    }

    return checks.All(c => c.Value == c.Expected) ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
