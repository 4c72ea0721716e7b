// Runs every benchmark class in this assembly; choose with BenchmarkDotNet's own arguments, nothing to edit:
//   quick (~4 min on 2 cores):
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --filter '*' --job short
//   full (BenchmarkDotNet's default job; much longer):
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
        ("Utf8JsonReaderScan", b.Utf8JsonReaderScan(), ReadLogFileBenchmarks.RecordCount),
        ("CloudTrailReaderRecords", b.CloudTrailReaderRecords(), ReadLogFileBenchmarks.RecordCount),
        ("JsonDocumentWalk", b.JsonDocumentWalk(), ReadLogFileBenchmarks.RecordCount),
        ("SystemTextJsonPoco", b.SystemTextJsonPoco(), ReadLogFileBenchmarks.RecordCount),
        ("NewtonsoftPoco", b.NewtonsoftPoco(), ReadLogFileBenchmarks.RecordCount),
        ("CloudTrailReaderGzip", b.CloudTrailReaderGzip(), ReadLogFileBenchmarks.RecordCount),
        ("GzipOnly (bytes)", b.GzipOnly(), ReadLogFileBenchmarks.JsonBytes),
    ];
    foreach ((string name, long value, long expected) in checks)
    {
        Console.WriteLine($"{(value == expected ? "ok  " : "FAIL")} {name}: {value:N0}");
    }

    return checks.All(c => c.Value == c.Expected) ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
