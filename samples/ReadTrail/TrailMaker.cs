using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ReadTrail;

/// <summary>
/// Writes a small trail as CloudTrail lays it out in S3: log files every five minutes per account and region with records
/// up to ten minutes old in no order, now and then a record delivered late or twice, beside a digest file, Insights
/// folders and Config's check file, which a trail reader must recognise by key and leave alone.
/// </summary>
internal static class TrailMaker
{
    private static readonly (string Source, string Name)[] Events =
    [
        ("s3.amazonaws.com", "GetObject"), ("s3.amazonaws.com", "PutObject"), ("ec2.amazonaws.com", "DescribeInstances"),
        ("sts.amazonaws.com", "AssumeRole"), ("kms.amazonaws.com", "Decrypt"), ("iam.amazonaws.com", "ListRoles"),
    ];

    public static int Make(string folder, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        int files = 0;
        foreach (string account in new[] { "111122223333", "444455556666" })
        {
            foreach (string region in new[] { "us-east-1", "eu-west-1" })
            {
                string regionFolder = $"AWSLogs/o-a1b2c3d4e5/{account}/CloudTrail/{region}/";
                string? previous = null;
                for (DateTimeOffset delivered = start.AddMinutes(5); delivered <= start.AddHours(6); delivered = delivered.AddMinutes(5))
                {
                    var records = new List<string>();
                    for (int i = 0; i < 40; i++)
                    {
                        int delay = random.Next(20) == 0 ? random.Next(1200, 2400) : random.Next(5, 600);
                        records.Add(Record(random, account, region, delivered.AddSeconds(-delay)));
                    }

                    if (previous is not null && random.Next(5) == 0)
                    {
                        records.Add(previous);
                    }

                    previous = records[random.Next(records.Count)];
                    string name = $"{account}_CloudTrail_{region}_{delivered:yyyyMMdd'T'HHmm'Z'}_{random.NextInt64():x16}.json.gz";
                    Write(folder, $"{regionFolder}{delivered:yyyy'/'MM'/'dd}/{name}", "{\"Records\":[" + string.Join(',', records) + "]}");
                    files++;
                }

                DateTimeOffset digestEnd = start.AddHours(1).AddSeconds(4);
                Write(folder, $"AWSLogs/o-a1b2c3d4e5/{account}/CloudTrail-Digest/{region}/{digestEnd:yyyy'/'MM'/'dd}/{account}_CloudTrail-Digest_{region}_org-trail_us-east-1_{digestEnd:yyyyMMdd'T'HHmmss'Z'}.json.gz", "{\"logFiles\":[]}");
            }

            Write(folder, $"AWSLogs/o-a1b2c3d4e5/{account}/Config/ConfigWritabilityCheckFile", "");
        }

        return files;
    }

    private static string Record(Random random, string account, string region, DateTimeOffset time)
    {
        (string source, string name) = Events[random.Next(Events.Length)];
        string user = $"user{random.Next(8)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"eventVersion\":\"1.09\",\"userIdentity\":{{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE{random.Next(8)}\",\"arn\":\"arn:aws:iam::{account}:user/{user}\",\"accountId\":\"{account}\",\"userName\":\"{user}\"}},"
            + $"\"eventTime\":\"{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"eventSource\":\"{source}\",\"eventName\":\"{name}\",\"awsRegion\":\"{region}\","
            + $"\"sourceIPAddress\":\"198.51.100.{random.Next(256)}\",\"userAgent\":\"aws-cli/2.17.0\",\"requestParameters\":null,\"responseElements\":null,"
            + $"\"requestID\":\"{Guid(random)}\",\"eventID\":\"{Guid(random)}\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
            + $"\"recipientAccountId\":\"{account}\",\"eventCategory\":\"Management\"}}");
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static void Write(string folder, string key, string json)
    {
        string path = Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using FileStream file = File.Create(path);
        if (key.EndsWith(".json.gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }
        else
        {
            file.Write(Encoding.UTF8.GetBytes(json));
        }
    }
}
