using PublicApiGenerator;
using Xunit.Sdk;

namespace CloudTrailModel.S3.Tests;

/// <summary>Every change of CloudTrailModel.S3's public surface shows up as a diff of PublicApi/CloudTrailModel.S3.verified.txt and is reviewed.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_HasNotChanged()
    {
        string api = typeof(CloudTrailS3Trail).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false })
            .Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
        string directory = Path.Combine(RepoRoot(), "tests", "CloudTrailModel.S3.Tests", "PublicApi");
        string verified = Path.Combine(directory, "CloudTrailModel.S3.verified.txt");
        string received = Path.Combine(directory, "CloudTrailModel.S3.received.txt");
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n" == api)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, api);
        throw new XunitException($"The public API differs from {verified}. Review {received} and rename it to .verified.txt if it is right.");
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudTrailModel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CloudTrailModel.sln was not found above the test assembly");
    }
}
