using System.Runtime.InteropServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Metrology;

namespace CloudTrailModel.Benchmarks;

/// <summary>The one configuration every benchmark runs with; jobs come from the command line (<c>--job short</c>).</summary>
public static class BenchmarkConfig
{
    public static IConfig Create()
    {
        // Results are per machine and never compared across machines: <os>-<arch>-<cores>core.
        string os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other";
        string machine = $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}-{Environment.ProcessorCount}core";
        // DefaultConfig already exports GitHub markdown (committed), csv and html (ignored by results/.gitignore).
        return ManualConfig.Create(DefaultConfig.Instance)
            .WithArtifactsPath(Path.Combine(FindRepoRoot(), "benchmarks", "results", machine))
            .AddColumn(ThroughputColumn.MegabytesPerSecond, ThroughputColumn.RecordsPerSecond, ThroughputColumn.AllocatedPerRecord)
            .WithSummaryStyle(SummaryStyle.Default.WithSizeUnit(SizeUnit.KB).WithTimeUnit(Perfolizer.Horology.TimeUnit.Millisecond));
    }

    private static string FindRepoRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CloudTrailModel.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
