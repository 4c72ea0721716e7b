using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CloudTrailModel.Integrity;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>
/// A trail as CloudTrail delivers it, made in memory: per account and region, log files every half hour and an hourly
/// digest listing them, chained through previousDigestSignature and signed with a key made here exactly as CloudTrail
/// signs (end time, bucket/key, SHA-256 of the decompressed digest, previous signature). Tests tamper with
/// <see cref="Objects"/> before writing it to a folder or bucket. Shared with the S3 tests (linked there).
/// </summary>
public sealed class SignedTrail
{
    // Made once: a 2048-bit key takes a while.
    private static readonly RSA SharedKey = RSA.Create(2048);

    private readonly RSA _key;
    private readonly Dictionary<(string Account, string Region), ChainState> _chains = [];
    private int _unique;

    public SignedTrail(string bucket = "trail-bucket", string prefix = "", string? organizationId = "o-abcdefghij", RSA? key = null)
    {
        Bucket = bucket;
        Prefix = prefix;
        OrganizationId = organizationId;
        _key = key ?? SharedKey;
        PublicKey = new CloudTrailPublicKey(_key.ExportRSAPublicKey());
    }

    public string Bucket { get; }

    public string Prefix { get; }

    public string? OrganizationId { get; }

    public string TrailName { get; init; } = "org-trail";

    public CloudTrailPublicKey PublicKey { get; }

    /// <summary>Every object by key, as stored (gzip).</summary>
    public SortedDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Each digest's x-amz-meta-signature, by key.</summary>
    public Dictionary<string, string> Signatures { get; } = new(StringComparer.Ordinal);

    /// <summary>The decompressed JSON of each log file, by key.</summary>
    public Dictionary<string, string> LogJson { get; } = new(StringComparer.Ordinal);

    /// <summary>Digest keys in the order they were made.</summary>
    public List<string> DigestKeys { get; } = [];

    public CloudTrailChainValidationOptions Options(bool signatures = true) => new()
    {
        PublicKeys = [PublicKey],
        DigestSignatureProvider = signatures ? (key, _) => ValueTask.FromResult(Signatures.GetValueOrDefault(key)) : null,
    };

    public string AccountFolder(string account) => $"{Prefix}AWSLogs/{(OrganizationId is null ? "" : OrganizationId + "/")}{account}/";

    /// <summary>Delivers <paramref name="hours"/> hours from <paramref name="start"/>: two log files an hour, then the hour's digest.</summary>
    public SignedTrail AddHours(string account, string region, DateTimeOffset start, int hours, int recordsPerFile = 3)
    {
        for (int h = 0; h < hours; h++)
        {
            DateTimeOffset hour = start.AddHours(h);
            var logs = new List<(string Key, byte[] Json)>();
            foreach (int minute in (int[])[5, 35])
            {
                logs.Add(AddLog(account, region, hour.AddMinutes(minute), recordsPerFile));
            }

            AddDigest(account, region, hour.AddHours(1).AddSeconds(91), logs);
        }

        return this;
    }

    /// <summary>Delivers one log file no digest lists (yet).</summary>
    public (string Key, byte[] Json) AddLog(string account, string region, DateTimeOffset delivered, int records = 3)
    {
        string unique = $"u{Interlocked.Increment(ref _unique):D15}";
        string key = $"{AccountFolder(account)}CloudTrail/{region}/{delivered:yyyy/MM/dd}/{account}_CloudTrail_{region}_{delivered:yyyyMMdd'T'HHmm}Z_{unique}.json.gz";
        var json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < records; i++)
        {
            string time = delivered.AddMinutes(-4).AddSeconds(i * 7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::{{account}}:user/Alice","accountId":"{{account}}"},"eventTime":"{{time}}","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"{{region}}","eventID":"{{unique}}-{{i}}","recipientAccountId":"{{account}}"}""");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        Objects[key] = Gzip(bytes);
        LogJson[key] = Encoding.UTF8.GetString(bytes);
        return (key, bytes);
    }

    /// <summary>Delivers a digest listing the given log files, chained to the previous digest of its account and region unless <paramref name="starting"/>.</summary>
    public string AddDigest(string account, string region, DateTimeOffset end, IReadOnlyList<(string Key, byte[] Json)> logs, bool starting = false, bool backfill = false)
    {
        string key = $"{AccountFolder(account)}CloudTrail-Digest/{region}/{end:yyyy/MM/dd}/{account}_CloudTrail-Digest_{region}_{TrailName}_us-east-1_{end:yyyyMMdd'T'HHmmss}Z{(backfill ? "_backfill" : "")}.json.gz";
        ChainState? previous = starting || backfill ? null : _chains.GetValueOrDefault((account, region));
        string endText = Time(end);
        static string Text(string? s) => s is null ? "null" : "\"" + s.Replace("/", "\\/", StringComparison.Ordinal) + "\"";
        string files = string.Join(",", logs.Select(l =>
            $"{{\"s3Bucket\":\"{Bucket}\",\"s3Object\":{Text(l.Key)},\"hashValue\":\"{Convert.ToHexStringLower(SHA256.HashData(l.Json))}\",\"hashAlgorithm\":\"SHA-256\",\"newestEventTime\":\"{Time(end.AddHours(-1))}\",\"oldestEventTime\":\"{Time(end.AddHours(-1))}\"}}"));
        byte[] json = Encoding.UTF8.GetBytes(
            $"{{\"awsAccountId\":\"{account}\",\"digestStartTime\":\"{Time(end.AddHours(-1))}\",\"digestEndTime\":\"{endText}\",\"digestS3Bucket\":\"{Bucket}\",\"digestS3Object\":{Text(key)},"
            + $"\"digestPublicKeyFingerprint\":\"{PublicKey.Fingerprint}\",\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"newestEventTime\":\"{Time(end.AddHours(-1))}\",\"oldestEventTime\":\"{Time(end.AddHours(-1))}\","
            + $"\"previousDigestS3Bucket\":{Text(previous is null ? null : Bucket)},\"previousDigestS3Object\":{Text(previous?.Key)},\"previousDigestHashValue\":{Text(previous?.Hash)},"
            + $"\"previousDigestHashAlgorithm\":{Text(previous is null ? null : "SHA-256")},\"previousDigestSignature\":{Text(previous?.Signature)},\"logFiles\":[{files}]}}");
        string hash = Convert.ToHexStringLower(SHA256.HashData(json));
        string signature = Sign(endText, key, hash, previous?.Signature);
        Objects[key] = Gzip(json);
        Signatures[key] = signature;
        DigestKeys.Add(key);
        if (!backfill)
        {
            _chains[(account, region)] = new ChainState(key, hash, signature);
        }

        return key;
    }

    public string Sign(string endTime, string key, string sha256, string? previousSignature) => Convert.ToHexStringLower(_key.SignData(
        Encoding.UTF8.GetBytes($"{endTime}\n{Bucket}/{key}\n{sha256}\n{previousSignature ?? "null"}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public void WriteTo(string folder)
    {
        foreach ((string key, byte[] bytes) in Objects)
        {
            string path = Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }

        return output.ToArray();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record ChainState(string Key, string Hash, string Signature);
}
