using Xunit.Sdk;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>
/// Minimal approved-file helper: compares text with <c>&lt;dir&gt;/&lt;name&gt;.verified.&lt;ext&gt;</c> in the test
/// project's source folder; on a mismatch or a missing file writes <c>&lt;name&gt;.received.&lt;ext&gt;</c> and fails.
/// </summary>
public static class ApprovedFile
{
    /// <summary>
    /// The test project's source folder, found from the repository root: [CallerFilePath] cannot be used, because
    /// CI builds (ContinuousIntegrationBuild) map source paths to <c>/_/</c>.
    /// </summary>
    public static string SourceDirectory =>
        Path.Combine(Corpus.RepoRoot ?? throw new InvalidOperationException("CloudTrailModel.sln not found above " + AppContext.BaseDirectory), "tests", "CloudTrailModel.Tests");

    public static void Verify(string actual, string subdirectory, string name, string extension)
    {
        string dir = Path.Combine(SourceDirectory, subdirectory);
        Directory.CreateDirectory(dir);
        string verified = Path.Combine(dir, $"{name}.verified.{extension}");
        string received = Path.Combine(dir, $"{name}.received.{extension}");
        string normalised = Normalise(actual);

        if (File.Exists(verified) && Normalise(File.ReadAllText(verified)) == normalised)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, normalised);
        string why = File.Exists(verified) ? "differs from" : "has no";
        throw new XunitException(
            $"The result {why} approved file {verified}.{Environment.NewLine}Received: {received}{Environment.NewLine}" +
            $"Review it and rename it to .verified.{extension} if it is right.");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
