using CloudTrailModel.S3.Tests.Infrastructure;

namespace CloudTrailModel.S3.Tests;

/// <summary>The local S3 server itself: it must not outlive the test host.</summary>
[Collection(S3ServerGroup.Name)]
public sealed class S3ServerTests(S3ServerFixture server)
{
    [SkippableFact]
    public void Server_StandardInputClosed_Exits()
    {
        server.Require();
        string data = Directory.CreateTempSubdirectory("s3rver-").FullName;
        try
        {
            using S3ServerFixture.ServerProcess second = S3ServerFixture.ServerProcess.Start(server.Node!, S3ServerFixture.ServerFolder, data);

            // What the operating system does to the pipe when the test host dies, however it dies.
            second.Process.StandardInput.Close();

            second.Process.WaitForExit(15_000).Should().BeTrue("the server exits when its standard input ends");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
