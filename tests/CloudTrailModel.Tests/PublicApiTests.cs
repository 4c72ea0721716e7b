using CloudTrailModel.Tests.Infrastructure;
using PublicApiGenerator;

namespace CloudTrailModel.Tests;

/// <summary>Every change of the public surface shows up as a diff of the approved file and is reviewed.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_HasNotChanged()
    {
        string api = typeof(CloudTrailRecord).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
        });

        ApprovedFile.Verify(api, "PublicApi", "CloudTrailModel", "txt");
    }
}
