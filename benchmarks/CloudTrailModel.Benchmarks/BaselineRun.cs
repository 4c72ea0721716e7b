using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// <c>--baseline &lt;dir&gt;</c>: the same benchmarks built twice in one BenchmarkDotNet run, once against the working
/// tree (job <c>current</c>) and once against the library DLLs of another commit that <c>benchmarks/baseline.sh</c>
/// built into <c>dir</c> (job named after that commit), so both appear in one table measured under the same load.
/// Only the classes whose API that commit has are run.
/// </summary>
internal static class BaselineRun
{
    // The jobs BenchmarkDotNet's --job accepts; taken from the arguments here so each becomes the base of both jobs.
    private static readonly Dictionary<string, Job> Jobs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = Job.Default,
        ["dry"] = Job.Dry,
        ["short"] = Job.ShortRun,
        ["medium"] = Job.MediumRun,
        ["long"] = Job.LongRun,
        ["verylong"] = Job.VeryLongRun,
    };

    public static bool TryTake(string[] args, out string[] rest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? baselineDir)
    {
        int at = Array.IndexOf(args, "--baseline");
        baselineDir = at >= 0 && at + 1 < args.Length ? args[at + 1] : Environment.GetEnvironmentVariable("CTM_BASELINE_DIR");
        rest = at >= 0 ? [.. args[..at], .. args[Math.Min(at + 2, args.Length)..]] : args;
        return !string.IsNullOrEmpty(baselineDir);
    }

    /// <summary>
    /// The full path of a folder <c>benchmarks/baseline.sh</c> built and the commit it holds (or the folder's name); false,
    /// said on standard error, when it holds no library.
    /// </summary>
    public static bool TryOpen(string baselineDir, out string dir, out string label)
    {
        dir = Path.GetFullPath(baselineDir);
        label = "";
        if (!File.Exists(Path.Combine(dir, "CloudTrailModel.dll")))
        {
            Console.Error.WriteLine($"{dir} holds no CloudTrailModel.dll: build it with benchmarks/baseline.sh <commit>.");
            return false;
        }

        string commitFile = Path.Combine(dir, "commit");
        label = File.Exists(commitFile) ? File.ReadAllText(commitFile).Trim() : new DirectoryInfo(dir).Name;
        return true;
    }

    public static int Run(string baselineDir, string[] args)
    {
        if (!TryOpen(baselineDir, out string dir, out string label))
        {
            return 2;
        }

        Job job = Job.Default;
        int at = Array.FindIndex(args, a => a is "--job" or "-j");
        if (at >= 0 && at + 1 < args.Length)
        {
            if (!Jobs.TryGetValue(args[at + 1], out job!))
            {
                Console.Error.WriteLine($"Unknown job {args[at + 1]}: one of {string.Join(", ", Jobs.Keys)}.");
                return 2;
            }

            args = [.. args[..at], .. args[(at + 2)..]];
        }

        // The build against the baseline keeps its own obj and bin (Directory.Build.props), so the two builds never mix.
        var config = BenchmarkConfig.Create("vs-" + label)
            .AddJob(job.WithId("current"))
            .AddJob(job.WithArguments([new MsBuildArgument($"/p:CtmBaselineDir={dir}")]).WithId(label));
        BenchmarkSwitcher.FromTypes([typeof(ReadLogFileBenchmarks), typeof(SmallGzipFilesBenchmarks), typeof(ParseOneRecordBenchmarks)]).Run(args, config);
        return 0;
    }
}
