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
/// loaded as the baseline is (how far the method itself strays in this run), and each library's allocation per record; then
/// the speed-up a plain two-thread tokeniser gets in the same run, to read the two-core rows against. Each library runs
/// in its own <see cref="AssemblyLoadContext"/>, with its own process-wide caches.
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

        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Paired reads, current vs {label}, {rounds} rounds after {WarmupRounds} ({Environment.ProcessorCount} cores, .NET {Environment.Version}); ratios are current / other, median of rounds [95% bootstrap interval].")
            .AppendLine()
            .AppendLine("| profile | cores | input | baseline (ms) | current (ms) | current / baseline | current / its copy | baseline B/record | current B/record |")
            .AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Reader[] readers = [ReadOnce, Load(Path.GetDirectoryName(typeof(CloudTrailRecord).Assembly.Location)!, "copy"), Load(dir, label)];
        foreach (LogProfile profile in new[] { LogProfile.Account, LogProfile.Organization })
        {
            foreach (bool gzip in new[] { false, true })
            {
                foreach (bool oneCore in new[] { true, false })
                {
                    Append(table, Compare(profile, gzip, oneCore, rounds, readers));
                }
            }
        }

        table.AppendLine()
            .AppendLine("How much a second core gives in this run: a plain `Utf8JsonReader` scan of the file on one thread, and of its two halves on two.")
            .AppendLine()
            .AppendLine("| profile | one thread (ms) | two threads (ms) | speed-up |")
            .AppendLine("| --- | ---: | ---: | ---: |");
        foreach (LogProfile profile in new[] { LogProfile.Account, LogProfile.Organization })
        {
            Append(table, TokeniserScaling(profile, rounds));
        }

        string folder = BenchmarkConfig.ResultsFolder("paired-vs-" + label);
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "paired.md");
        File.WriteAllText(file, table.ToString());
        Console.WriteLine($"Written to {file}");
        return 0;
    }

    private static void Append(StringBuilder table, string row)
    {
        Console.WriteLine(row);
        table.AppendLine(row);
    }

    // One row: the file read by the current library, its copy and the baseline in turn (readers in that order).
    private static string Compare(LogProfile profile, bool gzip, bool oneCore, int rounds, Reader[] readers)
    {
        ReadLogFileBenchmarks.Workload data = ReadLogFileBenchmarks.For(profile);
        byte[] input = gzip ? data.Gzip : data.Json;
        string name = string.Create(CultureInfo.InvariantCulture, $"| {profile} | {(oneCore ? "one" : "two")} | {(gzip ? "gzip" : "JSON")} |");
        long expected = readers[0](input, oneCore);
        if (readers[1](input, oneCore) != expected || readers[2](input, oneCore) != expected)
        {
            return name + " the libraries read different records: not compared |";
        }

        double[][] times = Rounds(rounds, readers.Select(r => (Action)(() => r(input, oneCore))).ToArray());
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} {Median(times[2]):F2} | {Median(times[0]):F2} | {RatioText(times[0], times[2])} | {RatioText(times[0], times[1])} | {AllocatedPerRecord(readers[2], input, oneCore, data.Records):N0} | {AllocatedPerRecord(readers[0], input, oneCore, data.Records):N0} |");
    }

    // The benchmarks' floor and two-thread rows, alternated: the speed-up is the one-thread time over the two-thread time.
    private static string TokeniserScaling(LogProfile profile, int rounds)
    {
        var scan = new ReadLogFileBenchmarks { Profile = profile };
        scan.Setup();
        double[][] times = Rounds(rounds, [() => scan.Utf8JsonReader_TokenScan(), () => scan.Utf8JsonReader_TokenScan_TwoThreads()]);
        return string.Create(CultureInfo.InvariantCulture, $"| {profile} | {Median(times[0]):F2} | {Median(times[1]):F2} | {RatioText(times[0], times[1])} |");
    }

    /// <summary>One read of <paramref name="input"/> (JSON or gzip), touching what the benchmarks touch: the checksum they return.</summary>
    public static long ReadOnce(byte[] input, bool oneCore) =>
        ReadLogFileBenchmarks.Touch(CloudTrailReader.ReadRecords(new MemoryStream(input, writable: false), new CloudTrailReaderOptions { AllowParallelParsing = !oneCore }));

    private delegate long Reader(byte[] input, bool oneCore);

    // This assembly again, in a context where the library's assemblies come from libraryDir (everything else is shared).
    private static Reader Load(string libraryDir, string name)
    {
        var context = new LibraryContext(libraryDir, name);
        Assembly self = context.LoadFromAssemblyPath(typeof(PairedRun).Assembly.Location);
        return self.GetType(typeof(PairedRun).FullName!)!.GetMethod(nameof(ReadOnce))!.CreateDelegate<Reader>();
    }

    // Each action once per round, in a new random order every round; the times of the rounds after the warm-up ones.
    private static double[][] Rounds(int rounds, Action[] actions)
    {
        double[][] times = actions.Select(_ => new double[rounds]).ToArray();
        var random = new Random(rounds);
        int[] order = Enumerable.Range(0, actions.Length).ToArray();
        for (int round = -WarmupRounds; round < rounds; round++)
        {
            random.Shuffle(order);
            foreach (int k in order)
            {
                long start = Stopwatch.GetTimestamp();
                actions[k]();
                if (round >= 0)
                {
                    times[k][round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }
        }

        return times;
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
