using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// <c>--paired &lt;dir&gt; [--rounds N]</c>: the working tree's library and another commit's (built into <c>dir</c> by
/// <c>benchmarks/baseline.sh</c>) read the same file in turn in one process, round after round in random order, so a
/// change of load on a shared host falls on both alike. BenchmarkDotNet's <c>--baseline</c> runs its two jobs minutes
/// apart, and on a shared VM the host has changed between them by more than the change being measured. For each
/// profile, one and two cores, plain and gzip, it prints the median of the per-round time ratios (current / baseline)
/// with a 95% bootstrap interval, beside the same ratio for the working tree's library against a second copy of itself
/// loaded the same way (how far the method itself strays in this run), and each library's allocation per record. Each
/// library runs in its own <see cref="AssemblyLoadContext"/>, with its own process-wide caches.
/// </summary>
internal static class PairedRun
{
    private const int WarmupRounds = 8;

    public static bool TryTake(string[] args, out string? baselineDir, out int rounds)
    {
        baselineDir = null;
        rounds = 30;
        int at = Array.IndexOf(args, "--paired");
        if (at < 0)
        {
            return false;
        }

        baselineDir = at + 1 < args.Length ? args[at + 1] : null;
        int r = Array.IndexOf(args, "--rounds");
        if (r >= 0 && r + 1 < args.Length)
        {
            rounds = int.Parse(args[r + 1], CultureInfo.InvariantCulture);
        }

        return true;
    }

    public static int Run(string? baselineDir, int rounds)
    {
        if (baselineDir is null || rounds < 5)
        {
            Console.Error.WriteLine("usage: --paired <dir built by benchmarks/baseline.sh> [--rounds N (at least 5; 30 by default)]");
            return 2;
        }

        if (!BaselineRun.TryOpen(baselineDir, out string dir, out string label))
        {
            return 2;
        }

        var current = (Reader)ReadOnce;
        Reader copy = Load(Path.GetDirectoryName(typeof(CloudTrailRecord).Assembly.Location)!, "copy");
        Reader baseline = Load(dir, label);
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Paired reads, current vs {label}, {rounds} rounds after {WarmupRounds} ({Environment.ProcessorCount} cores, .NET {Environment.Version}); ratios are current / other, median of rounds [95% bootstrap interval].")
            .AppendLine()
            .AppendLine("| profile | cores | input | baseline (ms) | current (ms) | current / baseline | current / its copy | baseline B/record | current B/record |")
            .AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (LogProfile profile in new[] { LogProfile.Account, LogProfile.Organization })
        {
            ReadLogFileBenchmarks.Workload data = ReadLogFileBenchmarks.For(profile);
            foreach (bool gzip in new[] { false, true })
            {
                foreach (bool oneCore in new[] { true, false })
                {
                    byte[] input = gzip ? data.Gzip : data.Json;
                    long expected = current(input, oneCore);
                    if (copy(input, oneCore) != expected || baseline(input, oneCore) != expected)
                    {
                        Console.Error.WriteLine($"{profile}, {(gzip ? "gzip" : "JSON")}: the libraries read different records; not compared.");
                        continue;
                    }

                    (double[] mine, double[] copies, double[] theirs) = Rounds(rounds, input, oneCore, current, copy, baseline);
                    string row = string.Create(CultureInfo.InvariantCulture,
                        $"| {profile} | {(oneCore ? "one" : "two")} | {(gzip ? "gzip" : "JSON")} | {Median(theirs):F2} | {Median(mine):F2} | {RatioText(mine, theirs)} | {RatioText(mine, copies)} | {AllocatedPerRecord(baseline, input, oneCore, data.Records):N0} | {AllocatedPerRecord(current, input, oneCore, data.Records):N0} |");
                    Console.WriteLine(row);
                    table.AppendLine(row);
                }
            }
        }

        string folder = BenchmarkConfig.ResultsFolder("paired-vs-" + label);
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "paired.md");
        File.WriteAllText(file, table.ToString());
        Console.WriteLine($"Written to {file}");
        return 0;
    }

    /// <summary>One read of <paramref name="input"/> (JSON or gzip), touching what the benchmarks touch: the checksum they return.</summary>
    public static long ReadOnce(byte[] input, bool oneCore)
    {
        var options = new CloudTrailReaderOptions { AllowParallelParsing = !oneCore };
        long touched = 0;
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(input, writable: false), options))
        {
            touched += ReadLogFileBenchmarks.Touched(record.EventName, record.UserIdentity?.Arn, record.EventTime);
        }

        return touched;
    }

    private delegate long Reader(byte[] input, bool oneCore);

    // This assembly again, in a context where the library's assemblies come from libraryDir (everything else is shared).
    private static Reader Load(string libraryDir, string name)
    {
        var context = new LibraryContext(libraryDir, name);
        Assembly self = context.LoadFromAssemblyPath(typeof(PairedRun).Assembly.Location);
        return self.GetType(typeof(PairedRun).FullName!)!.GetMethod(nameof(ReadOnce))!.CreateDelegate<Reader>();
    }

    private static (double[] Mine, double[] Copies, double[] Theirs) Rounds(int rounds, byte[] input, bool oneCore, Reader mine, Reader copy, Reader theirs)
    {
        Reader[] readers = [mine, copy, theirs];
        var times = new double[3][];
        for (int k = 0; k < 3; k++)
        {
            times[k] = new double[rounds];
        }

        var random = new Random(rounds);
        int[] order = [0, 1, 2];
        for (int round = -WarmupRounds; round < rounds; round++)
        {
            random.Shuffle(order);
            foreach (int k in order)
            {
                long start = Stopwatch.GetTimestamp();
                readers[k](input, oneCore);
                if (round >= 0)
                {
                    times[k][round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }
        }

        return (times[0], times[1], times[2]);
    }

    // Bytes allocated by one read (every thread's: nothing else runs meanwhile), per record; the smallest of three.
    private static long AllocatedPerRecord(Reader reader, byte[] input, bool oneCore, int records)
    {
        long least = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            reader(input, oneCore);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        return least / records;
    }

    private static string RatioText(double[] numerator, double[] denominator)
    {
        double[] ratios = numerator.Zip(denominator, (a, b) => a / b).ToArray();
        var random = new Random(1);
        var medians = new double[2000];
        var sample = new double[ratios.Length];
        for (int i = 0; i < medians.Length; i++)
        {
            for (int j = 0; j < sample.Length; j++)
            {
                sample[j] = ratios[random.Next(ratios.Length)];
            }

            medians[i] = Median(sample);
        }

        Array.Sort(medians);
        return string.Create(CultureInfo.InvariantCulture, $"{Median(ratios):F3} [{medians[50]:F3}, {medians[1949]:F3}]");
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class LibraryContext(string libraryDir, string name) : AssemblyLoadContext(name)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(libraryDir, assemblyName.Name + ".dll");
            return assemblyName.Name!.StartsWith("CloudTrailModel", StringComparison.Ordinal)
                && !assemblyName.Name.Equals("CloudTrailModel.Benchmarks", StringComparison.Ordinal)
                && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
