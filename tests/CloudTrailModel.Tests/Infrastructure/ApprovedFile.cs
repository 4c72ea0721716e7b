using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>
/// Minimal approved-file helper: compares text with <c>&lt;dir&gt;/&lt;name&gt;.verified.&lt;ext&gt;</c> beside the calling
/// test's source; on a mismatch or a missing file writes <c>&lt;name&gt;.received.&lt;ext&gt;</c> and fails.
/// </summary>
public static class ApprovedFile
{
    public static void Verify(string actual, string subdirectory, string name, string extension, [CallerFilePath] string sourceFile = "")
    {
        string dir = Path.Combine(Path.GetDirectoryName(sourceFile)!, subdirectory);
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
