using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// MB/s (10^6 bytes of uncompressed JSON per second), records/s and bytes allocated per record, computed from the
/// mean time and the sizes a benchmark class publishes in its static <c>JsonBytes</c> and <c>RecordCount</c>.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    public static readonly IColumn MegabytesPerSecond = new ThroughputColumn("MB/s", "Megabytes (10^6 bytes) of uncompressed JSON per second, from the mean", Kind.Bytes);
    public static readonly IColumn RecordsPerSecond = new ThroughputColumn("records/s", "Records per second, from the mean", Kind.Records);
    public static readonly IColumn AllocatedPerRecord = new ThroughputColumn("B alloc/record", "Managed bytes allocated per record", Kind.Allocated);

    private readonly Kind _kind;

    private ThroughputColumn(string name, string legend, Kind kind)
    {
        ColumnName = name;
        Legend = legend;
        _kind = kind;
    }

    private enum Kind
    {
        Bytes,
        Records,
        Allocated,
    }

    public string Id => nameof(ThroughputColumn) + "." + _kind;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)_kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report is null || !TryGetSizes(benchmarkCase, out long bytes, out int records))
        {
            return "-";
        }

        if (_kind == Kind.Allocated)
        {
            long? allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return allocated is null || records == 0 ? "-" : (allocated.Value / (double)records).ToString("N0", CultureInfo.InvariantCulture);
        }

        double? meanNs = report.ResultStatistics?.Mean;
        if (meanNs is null or <= 0)
        {
            return "-";
        }

        if (_kind == Kind.Bytes && bytes == 0)
        {
            return "-";
        }

        double seconds = meanNs.Value / 1e9;
        return _kind == Kind.Bytes
            ? (bytes / 1e6 / seconds).ToString("N1", CultureInfo.InvariantCulture)
            : (records / seconds).ToString("N0", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;

    private static bool TryGetSizes(BenchmarkCase benchmarkCase, out long bytes, out int records)
    {
        // Each benchmark class publishes its workload statically (deterministic, so the host process can compute it
        // without the benchmark's setup), per profile where it has several.
        Type type = benchmarkCase.Descriptor.Type;
        bytes = 0;
        records = 0;
        if (type == typeof(ReadLogFileBenchmarks))
        {
            var profile = (LogProfile)benchmarkCase.Parameters[nameof(ReadLogFileBenchmarks.Profile)];
            ReadLogFileBenchmarks.Workload workload = ReadLogFileBenchmarks.For(profile);
            bytes = workload.Json.LongLength;
            records = workload.Records;
            return true;
        }

        if (type == typeof(SmallGzipFilesBenchmarks))
        {
            int perFile = (int)benchmarkCase.Parameters[nameof(SmallGzipFilesBenchmarks.RecordsPerFile)];
            bytes = SmallGzipFilesBenchmarks.JsonBytes(perFile);
            records = SmallGzipFilesBenchmarks.RecordCount(perFile);
            return true;
        }

        if (type == typeof(ParseOneRecordBenchmarks))
        {
            bytes = ParseOneRecordBenchmarks.JsonBytes;
            records = ParseOneRecordBenchmarks.RecordCount;
            return true;
        }

#if !CTM_BASELINE
        if (type == typeof(TrailBenchmarks))
        {
            // Its files are written at setup, so only the record count is known here: no MB/s.
            records = TrailBenchmarks.FileCount * TrailBenchmarks.RecordsPerFile;
            return true;
        }
#endif

        return false;
    }
}
