using Amazon.S3;
using CloudTrailModel.Integrity;
using CloudTrailModel.S3;
using CloudTrailModel.S3.Tests.Infrastructure;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.S3.Tests;

/// <summary>
/// The README's S3 blocks, verbatim, run against the local S3 server (the core's ReadmeTests checks that every README
/// block appears in ReadmeTests.cs or here).
/// </summary>
[Collection(S3ServerGroup.Name)]
public sealed class ReadmeS3Tests(S3ServerFixture server) : IDisposable
{
    private readonly TextWriter _originalOut = Console.Out;
    private readonly StringWriter _out = new();

    public void Dispose() => Console.SetOut(_originalOut);

    [SkippableFact]
    public async Task Readme_S3_ReadsTheTrailAnObjectAndValidatesTheChains()
    {
        IAmazonS3 s3 = server.CreateClient();
        string bucket = await server.CreateBucketAsync((AmazonS3Client)s3);
        DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-5);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
        SignedTrail trail = new SignedTrail(bucket: bucket, prefix: "security/").AddHours("111122223333", "us-east-1", start, 3).AddHours("444455556666", "us-east-1", start, 1);
        await Buckets.UploadAsync(s3, bucket, trail);
        IReadOnlyList<CloudTrailPublicKey> keys = [trail.PublicKey];
        string notifiedKey = Uri.EscapeDataString(trail.LogJson.Keys.First());
        Console.SetOut(_out);

        var options = new CloudTrailTrailOptions { From = DateTimeOffset.UtcNow.AddDays(-1), AccountIds = ["111122223333"] };
        await foreach (CloudTrailRecord record in CloudTrailS3Trail.ReadRecordsAsync(s3, bucket, "security/", options))
        {
            Console.WriteLine($"{record.EventTime:u} {record.EventSource} {record.EventName}");
        }

        // One object, as a notification names it (S3 event notifications URL-encode the key).
        int count = await CloudTrailS3Trail.ReadObjectAsync(s3, bucket, Uri.UnescapeDataString(notifiedKey)).CountAsync();

        // The digest chains of the last day, each digest's signature read from its S3 metadata.
        CloudTrailChainReport report = await CloudTrailS3Trail.ValidateDigestChainsAsync(s3, bucket, "security/",
            new CloudTrailChainValidationOptions { PublicKeys = keys, From = DateTimeOffset.UtcNow.AddDays(-1) });
        Console.WriteLine(report.IsValid ? "trail intact" : $"{report.CountLogFiles(CloudTrailChainFileStatus.Modified)} modified log files");

        string[] lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(6 * 3 + 1, "six log files of the account, three records each, then the report line");
        lines.SkipLast(1).Should().OnlyContain(l => l.Contains(" s3.amazonaws.com GetObject", StringComparison.Ordinal));
        lines[^1].TrimEnd('\r').Should().Be("trail intact");
        count.Should().Be(3);
        report.Digests.Should().HaveCount(4);
    }
}
