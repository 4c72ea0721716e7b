using System.Globalization;
using System.Text;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// The README's benchmark tables, generated from the committed BenchmarkDotNet exports (as nietras/Sep does): each
/// region between <c>&lt;!-- benchmark-table: Class --&gt;</c> and <c>&lt;!-- end benchmark-table --&gt;</c> is rebuilt
/// from <c>CloudTrailModel.Benchmarks.Class-report-github.md</c>. Shared as source with the test that keeps them in step.
/// </summary>
internal static class ReadmeTables
{
    /// <summary>The exports the README is generated from, relative to the repository root.</summary>
    public const string ResultsFolder = "benchmarks/results/linux-x64-2core/results";

    private const string StartMarker = "<!-- benchmark-table: ";
    private const string EndMarker = "<!-- end benchmark-table -->";

    // What each method stands for, in a reader's words; a method not listed shows its own name.
    private static readonly Dictionary<string, string> Approaches = new(StringComparer.Ordinal)
    {
        ["Utf8JsonReader_TokenScan"] = "`Utf8JsonReader` reading every token (the floor, one core)",
        ["Utf8JsonReader_TokenScan_TwoThreads"] = "`Utf8JsonReader`, the file's two halves on two threads",
        ["Framing_RecordRanges"] = "The reader's framing scan alone (every record's byte range, nothing read)",
        ["CloudTrailReader_ReadRecords"] = "**CloudTrailModel `ReadRecords`, fully typed**",
        ["CloudTrailReader_ReadRecords_EveryDeferredValueRead"] = "CloudTrailModel `ReadRecords`, then every deferred value read",
        ["CloudTrailReader_ReadRecords_OneCore"] = "CloudTrailModel `ReadRecords`, kept on one core",
        ["CloudTrailReader_ReadRecords_TwoFilesAtATime"] = "CloudTrailModel `ReadRecords`, two files at a time (each on one core)",
        ["CloudTrailReader_Filtered"] = "CloudTrailModel with a `Filter` (about 1% of records pass)",
        ["CloudTrailReader_TypedOrchestratorParameters"] = "CloudTrailModel plus typed Migration Hub Orchestrator parameters",
        ["CloudTrailReader_ReadRecords_Gzip"] = "**CloudTrailModel `ReadRecords` from `.json.gz`**",
        ["CloudTrailReader_ReadRecordsAsync_Gzip"] = "CloudTrailModel `ReadRecordsAsync` from `.json.gz`",
        ["GZipStream_DecompressOnly"] = "`GZipStream` decompression alone",
        ["GZipStream_DecompressOnly_TwoThreads"] = "`GZipStream` decompression alone, the files' two halves on two threads",
        ["JsonDocument_Parse"] = "`JsonDocument.Parse` (untyped, pooled)",
        ["SystemTextJson_SourceGenPoco"] = "System.Text.Json POCO, source-generated",
        ["SystemTextJson_ReflectionPoco"] = "System.Text.Json POCO, reflection",
        ["NewtonsoftJson_Poco"] = "Newtonsoft.Json POCO",
        ["NewtonsoftJson_JObject"] = "Newtonsoft.Json `JObject`",
    };

    // The export's columns the README shows, in its order, with the README's heading for each.
    private static readonly (string Column, string Heading)[] Shown =
    [
        ("Mean", "mean"),
        ("MB/s", "MB/s"),
        ("records/s", "records/s"),
        ("B alloc/record", "allocated per record (B)"),
        ("Ratio", "time vs baseline"),
    ];

    // Columns BenchmarkDotNet puts between Method and Mean that are not parameters worth a README column.
    private static readonly HashSet<string> NotParameters = new(StringComparer.Ordinal) { "Method", "Runtime", "Toolchain", "IterationCount", "LaunchCount", "WarmupCount" };

    /// <summary>The README text with every generated region rebuilt from the exports under <paramref name="root"/>.</summary>
    public static string Update(string readme, string root)
    {
        var output = new StringBuilder(readme.Length);
        int at = 0;
        while (true)
        {
            int start = readme.IndexOf(StartMarker, at, StringComparison.Ordinal);
            if (start < 0)
            {
                return output.Append(readme, at, readme.Length - at).ToString();
            }

            int nameEnd = readme.IndexOf(" -->", start, StringComparison.Ordinal);
            int end = readme.IndexOf(EndMarker, start, StringComparison.Ordinal);
            if (nameEnd < 0 || end < 0)
            {
                throw new FormatException($"README: a '{StartMarker}' marker at {start} has no end marker.");
            }

            string name = readme[(start + StartMarker.Length)..nameEnd];
            string file = Path.Combine(root, ResultsFolder, $"CloudTrailModel.Benchmarks.{name}-report-github.md");
            output.Append(readme, at, start - at)
                .Append(StartMarker).Append(name).Append(" -->\n")
                .Append(Table(name, File.ReadAllText(file)))
                .Append(EndMarker);
            at = end + EndMarker.Length;
        }
    }

    /// <summary>The README table for one export: the environment it ran in, then one row per benchmark case.</summary>
    public static string Table(string name, string export)
    {
        string[] lines = export.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string[] environment = [.. lines.SkipWhile(l => !l.StartsWith("BenchmarkDotNet", StringComparison.Ordinal)).TakeWhile(l => l != "```").Where(l => l.Length > 0)];
        string[] rows = [.. lines.Where(IsTableRow)];
        if (environment.Length == 0 || rows.Length < 3)
        {
            throw new FormatException($"{name}: not a BenchmarkDotNet GitHub-markdown export.");
        }

        string[] header = Cells(rows[0]);
        int mean = Array.IndexOf(header, "Mean");
        int[] parameters = [.. Enumerable.Range(1, Math.Max(mean - 1, 0)).Where(i => !NotParameters.Contains(header[i]))];
        (int Index, string Heading)[] shown = [.. Shown.Select(s => (Array.IndexOf(header, s.Column), s.Heading)).Where(s => s.Item1 >= 0)];
        string cpu = environment.FirstOrDefault(l => l.Contains("cores", StringComparison.Ordinal)) ?? "";
        string runtime = environment.FirstOrDefault(l => l.TrimStart().StartsWith("[Host]", StringComparison.Ordinal)) is { } host ? host[(host.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : "";
        runtime = runtime.Contains(" (", StringComparison.Ordinal) ? runtime[..runtime.IndexOf(" (", StringComparison.Ordinal)] : runtime;
        string[] jobs = [.. environment.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("[Host]", StringComparison.Ordinal)).Select(l => l.Trim()[..l.Trim().IndexOf(' ', StringComparison.Ordinal)])];

        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"`{name}`, from `{ResultsFolder}/CloudTrailModel.Benchmarks.{name}-report-github.md` ")
            .Append(CultureInfo.InvariantCulture, $"({cpu}; {runtime}; {environment[0][..environment[0].IndexOf(',', StringComparison.Ordinal)]}; job {string.Join(", ", jobs)}):\n\n");
        table.Append("| approach |").AppendJoin("", parameters.Select(p => $" {header[p]} |")).AppendJoin("", shown.Select(s => $" {s.Heading} |")).Append('\n');
        table.Append("| --- |").AppendJoin("", parameters.Select(_ => " --- |")).AppendJoin("", shown.Select(_ => " ---: |")).Append('\n');
        foreach (string row in rows.Skip(2))
        {
            string[] cells = Cells(row);
            string method = cells[0];
            table.Append("| ").Append(Approaches.GetValueOrDefault(method, $"`{method}`")).Append(" |")
                .AppendJoin("", parameters.Select(p => $" {cells[p]} |"))
                .AppendJoin("", shown.Select(s => $" {cells[s.Index]} |"))
                .Append('\n');
        }

        return table.Append('\n').ToString();
    }

    private static string[] Cells(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Replace("**", "", StringComparison.Ordinal).Trim())];

    /// <summary>How many result rows an export holds: its table rows but the header, the separator and blank rows.</summary>
    public static int ResultRows(string export) => export.Split('\n').Count(IsTableRow) - 2;

    // BenchmarkDotNet puts a blank row between parameter groups (and bolds each group's first row, which Cells undoes):
    // a blank row is not a result.
    private static bool IsTableRow(string line) => line.StartsWith('|') && Cells(line).Any(c => c.Length > 0);
}
