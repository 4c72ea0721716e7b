using CloudTrailModel.Benchmarks;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// The README's benchmark tables are generated from the committed BenchmarkDotNet exports (as nietras/Sep does):
/// a table edited by hand, or results committed without regenerating it, fails here.
/// </summary>
public class ReadmeBenchmarkTableTests
{
    private const string Regenerate = "regenerate it: dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --update-readme";

    private static string Root => Corpus.RepoRoot ?? throw new InvalidOperationException("CloudTrailModel.sln not found above " + AppContext.BaseDirectory);

    [Fact]
    public void Readme_BenchmarkTables_MatchCommittedResults()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        ReadmeTables.Update(readme, Root).Should().Be(readme, "the README's benchmark tables must be the ones the committed results give; " + Regenerate);
    }

    [Fact]
    public void Readme_BenchmarkTables_HoldEveryResultRow()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (string name in new[] { "ReadLogFileBenchmarks", "SmallGzipFilesBenchmarks" })
        {
            readme.Should().Contain("<!-- benchmark-table: " + name + " -->", "the README shows the {0} table", name);
            string export = File.ReadAllText(Path.Combine(Root, ReadmeTables.ResultsFolder, $"CloudTrailModel.Benchmarks.{name}-report-github.md"));
            int resultRows = ReadmeTables.ResultRows(export);
            string table = ReadmeTables.Table(name, export);
            resultRows.Should().BePositive();
            table.Split('\n').Count(l => l.StartsWith('|')).Should().Be(resultRows + 2, "one README row per result row of {0}", name);
        }
    }

    [Fact]
    public void Update_TableEditedByHand_IsRewritten()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        string start = "<!-- benchmark-table: ReadLogFileBenchmarks -->\n";
        int at = readme.IndexOf(start, StringComparison.Ordinal);
        at.Should().BeGreaterThanOrEqualTo(0);
        string edited = readme.Insert(at + start.Length, "| a row nobody measured | 1 ms |\n");

        ReadmeTables.Update(edited, Root).Should().Be(readme, "a region is rebuilt from the results, whatever it held");
    }

    [Fact]
    public void Table_GroupedExport_ShowsEachResultOnceWithoutMarkup()
    {
        // As BenchmarkDotNet writes a run over two values of a parameter: the first row of each group bold, a blank row between.
        string export = string.Join('\n',
            "```",
            "BenchmarkDotNet v0.15.8, Linux",
            "Intel Xeon, 1 CPU, 2 logical and 2 physical cores",
            "  [Host]     : .NET 10.0.0 (10.0.0), X64 RyuJIT",
            "  DefaultJob : .NET 10.0.0 (10.0.0), X64 RyuJIT",
            "```",
            "| Method | Profile | Mean | Ratio |",
            "|------- |-------- |-----:|------:|",
            "| **CloudTrailReader_ReadRecords** | **Account** | **10.0 ms** | **1.00** |",
            "|                                  |             |             |          |",
            "| **CloudTrailReader_ReadRecords** | **Organization** | **20.0 ms** | **1.00** |",
            "");

        string table = ReadmeTables.Table("ReadLogFileBenchmarks", export);

        table.Should().NotContain("**Account").And.NotContain("**10.0 ms", "BenchmarkDotNet's bold markers are dropped");
        string[] rows = [.. table.Split('\n').Where(l => l.StartsWith('|'))];
        rows.Should().HaveCount(4, "a header, its separator and the two results; no blank row");
        rows[0].Should().Contain("| Profile |");
        rows[2].Should().Be("| **CloudTrailModel `ReadRecords`, fully typed** | Account | 10.0 ms | 1.00 |");
        rows[3].Should().Be("| **CloudTrailModel `ReadRecords`, fully typed** | Organization | 20.0 ms | 1.00 |");
        ReadmeTables.ResultRows(export).Should().Be(2);
    }
}
