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
            int resultRows = export.Split('\n').Count(l => l.StartsWith('|')) - 2;
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
}
