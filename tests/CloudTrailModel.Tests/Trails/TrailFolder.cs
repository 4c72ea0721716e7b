using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CloudTrailModel.Tests.Trails;

/// <summary>A trail folder written by a test: log files with chosen event times and IDs, and the other objects a bucket holds.</summary>
public sealed class TrailFolder : IDisposable
{
    public TrailFolder() => Root = Directory.CreateTempSubdirectory("ctm-trail-").FullName;

    public string Root { get; }

    /// <summary>Every log file written, with its records in file order.</summary>
    public List<LogFile> Logs { get; } = [];

    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);

    public static string DayFolder(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture);

    public static string Key(string account, string region, DateTimeOffset delivered, string unique, string? org = null, string prefix = "", string kind = "CloudTrail") =>
        $"{prefix}AWSLogs/{(org is null ? "" : org + "/")}{account}/{kind}/{region}/{DayFolder(delivered)}/{account}_{kind}_{region}_{Stamp(delivered)}_{unique}.json.gz";

    public LogFile WriteLog(string account, string region, DateTimeOffset delivered, string unique, IEnumerable<TrailRecord> records, string? org = null, string prefix = "", string kind = "CloudTrail")
    {
        var file = new LogFile(Key(account, region, delivered, unique, org, prefix, kind), delivered, [.. records]);
        var json = new StringBuilder("{\"Records\":[");
        json.AppendJoin(',', file.Records.Select(r => RecordJson(r, account, region)));
        json.Append("]}");
        WriteRaw(file.Key, Gzip(Encoding.UTF8.GetBytes(json.ToString())));
        if (kind == "CloudTrail")
        {
            Logs.Add(file);
        }

        return file;
    }

    public void WriteRaw(string key, byte[] content)
    {
        string path = Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    public static string RecordJson(TrailRecord record, string account, string region) =>
        "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::" + account + ":user/alice\",\"accountId\":\"" + account + "\"},"
        + "\"eventTime\":\"" + record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"" + record.Name + "\","
        + "\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"192.0.2.1\",\"userAgent\":\"test\",\"requestParameters\":null,\"responseElements\":null,"
        + "\"eventID\":\"" + record.Id + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"" + account + "\",\"eventCategory\":\"Management\"}";

    /// <summary>
    /// A seeded trail: two accounts of an organisation and one standalone account, two regions, files every five minutes
    /// over a few hours with records up to ten minutes old in shuffled order, some records delivered 20 to 40 minutes
    /// late, copies of some records in a later file within five minutes, and digest, Insights, Config and stray objects.
    /// </summary>
    public static TrailFolder Generate(int seed, int hours = 3, int recordsPerFile = 6)
    {
        var random = new Random(seed);
        var trail = new TrailFolder();
        var start = new DateTimeOffset(2025, 3, 30, 22, 0, 0, TimeSpan.Zero); // crosses midnight and a month end
        (string Account, string? Org)[] accounts = [("111111111111", "o-exampleorg1"), ("222222222222", "o-exampleorg1"), ("333333333333", null)];
        string[] regions = ["us-east-1", "eu-west-1"];
        int next = 0;
        var copies = new List<TrailRecord>();
        foreach ((string account, string? org) in accounts)
        {
            foreach (string region in regions)
            {
                copies.Clear();
                for (int slot = 1; slot <= hours * 12; slot++)
                {
                    DateTimeOffset delivered = start.AddMinutes((slot * 5) + random.Next(0, 3));
                    var records = new List<TrailRecord>();
                    for (int i = 0; i < recordsPerFile; i++)
                    {
                        bool late = random.Next(12) == 0;
                        int delaySeconds = late ? random.Next(20 * 60, 40 * 60) : random.Next(5, 10 * 60);
                        records.Add(new TrailRecord(delivered.AddSeconds(-delaySeconds), $"{seed:x4}{next++:x8}-0000-4000-8000-000000000000", late ? "Late" : "GetObject"));
                    }

                    // A copy of a record from an earlier file of this account and region, delivered within five minutes of its event.
                    if (copies.Count > 0 && random.Next(4) == 0)
                    {
                        TrailRecord copy = copies[random.Next(copies.Count)];
                        if (delivered - copy.Time <= TimeSpan.FromMinutes(14))
                        {
                            records.Insert(random.Next(records.Count + 1), copy with { Name = "Copy" });
                        }
                    }

                    copies.Clear();
                    copies.AddRange(records.Where(r => r.Name == "GetObject"));
                    trail.WriteLog(account, region, delivered, $"u{random.Next():x8}", records, org);
                }

                DateTimeOffset digestTime = start.AddHours(1).AddSeconds(7);
                trail.WriteRaw($"AWSLogs/{(org is null ? "" : org + "/")}{account}/CloudTrail-Digest/{region}/{DayFolder(digestTime)}/{account}_CloudTrail-Digest_{region}_main_us-east-1_{digestTime.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.json.gz", Gzip(Encoding.UTF8.GetBytes("{\"awsAccountId\":\"" + account + "\",\"logFiles\":[]}")));
                trail.WriteLog(account, region, start.AddMinutes(33), "insight0000000000", [new TrailRecord(start.AddMinutes(20), $"insight-{account}-{region}", "Insight")], org, kind: "CloudTrail-Insight");
            }

            trail.WriteRaw($"AWSLogs/{(org is null ? "" : org + "/")}{account}/Config/ConfigWritabilityCheckFile", []);
        }

        // Stray objects among the log files: one not a CloudTrail key, one a partly written copy.
        trail.WriteRaw($"AWSLogs/333333333333/CloudTrail/us-east-1/{DayFolder(start.AddHours(1))}/notes.txt", Encoding.UTF8.GetBytes("not a log"));
        trail.WriteRaw(Key("333333333333", "us-east-1", start.AddHours(1), "partial") + ".tmp", [0x1f, 0x8b]);
        trail.WriteRaw("AWSLogs/README.txt", Encoding.UTF8.GetBytes("not a log"));
        trail.WriteRaw("other/AWSLogs/notes.json.gz", Gzip(Encoding.UTF8.GetBytes("{}")));
        return trail;
    }

    /// <summary>The log files in reading order: key time, then ordinal key.</summary>
    public IEnumerable<LogFile> InReadingOrder() => Logs.OrderBy(f => f.Delivered).ThenBy(f => f.Key, StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public sealed record LogFile(string Key, DateTimeOffset Delivered, IReadOnlyList<TrailRecord> Records);

    public sealed record TrailRecord(DateTimeOffset Time, string Id, string Name = "GetObject");
}
