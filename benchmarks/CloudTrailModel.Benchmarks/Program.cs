// Runs every benchmark class in this assembly; choose with BenchmarkDotNet's own arguments, nothing to edit:
//   one class, BenchmarkDotNet's default job (results are committed from this job only):
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --filter '*ReadLogFile*'
//   against another commit in the same run (both jobs' rows in one table; see benchmarks/baseline.sh):
//     benchmarks/baseline.sh f865f14
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --baseline benchmarks/.baseline/f865f14 --filter '*ReadLogFile*'
//   the same against another commit, both libraries read in turn in one process (ratios that a busy host moves less):
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --paired benchmarks/.baseline/f865f14
//   check that everything builds and runs once (no numbers), and that every benchmark sees the same records:
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --filter '*' --job dry
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --verify
//   regenerate the README's tables from the committed results:
//     dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --update-readme
// Results (GitHub markdown, committed; logs/csv/html, ignored) go to benchmarks/results/<os>-<arch>-<N>core[-vs-<commit>]/.
using BenchmarkDotNet.Running;
using CloudTrailModel.Benchmarks;

if (args is ["--verify"])
{
    return Verify.Run();
}

if (args is ["--update-readme"])
{
    string root = BenchmarkConfig.FindRepoRoot();
    string readme = Path.Combine(root, "README.md");
    string updated = ReadmeTables.Update(File.ReadAllText(readme), root);
    File.WriteAllText(readme, updated);
    Console.WriteLine($"README.md benchmark tables regenerated from {ReadmeTables.ResultsFolder}");
    return 0;
}

if (PairedRun.TryTake(args, out string? pairedDir, out int rounds))
{
    return PairedRun.Run(pairedDir, rounds);
}

if (BaselineRun.TryTake(args, out string[] rest, out string? baselineDir))
{
    return BaselineRun.Run(baselineDir, rest);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
