namespace CloudTrailModel.Tests.Operations;

/// <summary>Finds the repository root and the sibling <c>../shared</c> folder (models and corpus, never copied into the repo).</summary>
internal static class SharedFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModelPath => Path.Combine(RepoRoot, "..", "shared", "models", "service-2.json");

    public static string CorpusPath(params string[] parts) => Path.Combine([RepoRoot, "..", "shared", "corpus", .. parts]);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="path"/> exists. When it does not, a CI run fails (the shared folder is part of the CI
    /// checkout) and a local run passes through with a message: xunit 2.9 has no dynamic skip.
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

        output.WriteLine($"PASS-THROUGH (not run): {path} is absent; this test runs only where ../shared exists (and fails on CI=true without it).");
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
