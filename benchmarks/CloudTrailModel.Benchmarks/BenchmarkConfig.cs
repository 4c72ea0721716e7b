using System.Runtime.InteropServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Metrology;

namespace CloudTrailModel.Benchmarks;

/// <summary>The one configuration every benchmark runs with; jobs come from the command line (<c>--job short</c>).</summary>
public static class BenchmarkConfig
{
    /// <summary>Results go to <c>benchmarks/results/&lt;machine&gt;[-&lt;suffix&gt;]</c>: a comparison run keeps its own folder.</summary>
    public static ManualConfig Create(string? suffix = null)
    {
        // DefaultConfig already exports GitHub markdown (committed), csv and html (ignored by results/.gitignore).
        return ManualConfig.Create(DefaultConfig.Instance)
            .WithArtifactsPath(ResultsFolder(suffix))
            // BenchmarkDotNet's two minutes are too few for a build on a 2-core machine that others share.
            .WithBuildTimeout(TimeSpan.FromMinutes(15))
            .AddColumn(ThroughputColumn.MegabytesPerSecond, ThroughputColumn.RecordsPerSecond, ThroughputColumn.AllocatedPerRecord)
            .WithSummaryStyle(SummaryStyle.Default.WithSizeUnit(SizeUnit.KB).WithTimeUnit(Perfolizer.Horology.TimeUnit.Millisecond));
    }

    /// <summary>
    /// <c>benchmarks/results/&lt;os&gt;-&lt;arch&gt;-&lt;cores&gt;core[-&lt;suffix&gt;]</c>: results are per machine and
    /// never compared across machines.
    /// </summary>
    internal static string ResultsFolder(string? suffix)
    {
        string os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other";
        string machine = $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}-{Environment.ProcessorCount}core";
        return Path.Combine(FindRepoRoot(), "benchmarks", "results", suffix is null ? machine : machine + "-" + suffix);
    }

    internal static string FindRepoRoot()
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
