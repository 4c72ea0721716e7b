namespace CloudTrailModel.Tests.Operations;

/// <summary>Finds the repository root and the sibling <c>../shared</c> folder (models and corpus, never copied into the repo).</summary>
internal static class SharedFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModelPath => Path.Combine(RepoRoot, "..", "shared", "models", "service-2.json");

    public static string CorpusPath(params string[] parts) => Path.Combine([RepoRoot, "..", "shared", "corpus", .. parts]);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="path"/> exists. When it does not, the test is skipped with the reason (it must be a
    /// [SkippableFact]/[SkippableTheory]), and a CI run (CI=true, where ../shared is part of the checkout) fails instead.
    /// </summary>
    public static bool Require(string path, ITestOutputHelper output)
    {
        if (File.Exists(path))
        {
            return true;
        }

        if (IsCi)
        {
            throw new FileNotFoundException("CI=true but a shared input is missing.", path);
        }

        output.WriteLine($"{path} is absent.");
        Skip.If(true, "../shared is absent");
        return false;
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrailModel.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CloudTrailModel.sln not found above " + AppContext.BaseDirectory);
    }
}
