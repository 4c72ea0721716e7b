// Validates a downloaded CloudTrail trail's digest chains offline, as `aws cloudtrail validate-logs` does online, with
// the library's CloudTrailChainValidator.
//
//   dotnet run --project samples/ValidateDigests [folder]
//
// The folder (default: the demo shipped beside this sample) is a copy of the trail's bucket, plus two files:
//   public-keys.json       the output of `aws cloudtrail list-public-keys` for the digests' region and period
//   newest-signature.txt   the newest digest's x-amz-meta-signature (S3 object metadata; capture it when downloading)
//   AWSLogs/...            the digest and log files under their S3 keys (`aws s3 sync s3://<bucket>/AWSLogs AWSLogs`)
// One signature proves one chain: for several accounts or regions, supply each chain's newest signature (or read the
// trail in S3 with the CloudTrailModel.S3 package, which reads every digest's signature itself).
// The demo was made by `--create-demo <folder>` with a key made for it (only its public key is kept).
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CloudTrailModel;
using CloudTrailModel.Integrity;

if (args is ["--create-demo", string target])
{
    Demo.Create(target);
    Console.WriteLine($"Demo written to {target}");
    return 0;
}

string folder = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "demo");
IReadOnlyList<CloudTrailPublicKey> keys = CloudTrailPublicKey.ParseList(File.ReadAllText(Path.Combine(folder, "public-keys.json")));
string newestSignature = File.ReadAllText(Path.Combine(folder, "newest-signature.txt")).Trim();

// The newest digest by the time in its name: its signature proves it, and the chain every older one.
CloudTrailObjectKey? newest = Directory.EnumerateFiles(Path.Combine(folder, "AWSLogs"), "*", SearchOption.AllDirectories)
    .Select(path => CloudTrailObjectKey.TryParse(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), out CloudTrailObjectKey? key) ? key : null)
    .Where(key => key?.Kind == CloudTrailObjectKind.Digest)
    .MaxBy(key => key!.Time);

CloudTrailChainReport report = CloudTrailChainValidator.Validate(folder, new CloudTrailChainValidationOptions
{
    PublicKeys = keys,
    DigestSignatureProvider = (key, _) => ValueTask.FromResult(key == newest?.Key ? newestSignature : null),
});

foreach (CloudTrailChainFileResult file in report.Digests.Concat(report.LogFiles))
{
    string kind = file.Kind == CloudTrailObjectKind.Digest ? "Digest file" : "Log file";
    Console.WriteLine(file.Status == CloudTrailChainFileStatus.Valid
        ? $"{kind}\t{file.Key}\tvalid"
        : $"{kind}\t{file.Key}\tINVALID: {file.Status}{(file.Check is { } check and not DigestValidationStatus.Valid ? $" ({check})" : "")}");
}

foreach (CloudTrailChainGap gap in report.Gaps)
{
    Console.WriteLine($"Gap\t{gap.Kind}\tbetween {gap.NewerDigestKey} and {gap.OlderDigestKey ?? "(none)"}");
}

Console.WriteLine();
Console.WriteLine($"{report.CountDigests(CloudTrailChainFileStatus.Valid)}/{report.Digests.Count} digest files valid");
Console.WriteLine($"{report.CountLogFiles(CloudTrailChainFileStatus.Valid)}/{report.LogFiles.Count} log files valid");
return report.IsValid ? 0 : 1;

/// <summary>Makes a demo: three hours of a trail, each with a log file and a digest chained to the one before, signed as CloudTrail signs.</summary>
internal static class Demo
{
    private const string Bucket = "demo-trail-bucket";

    public static void Create(string folder)
    {
        using var rsa = RSA.Create(2048);
        byte[] publicKey = rsa.ExportRSAPublicKey();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "public-keys.json"),
            $$"""{"publicKeyList":[{"ValidityStartTime":"1709251200.0","ValidityEndTime":"1711843200.0","Value":"{{Convert.ToBase64String(publicKey)}}","Fingerprint":"{{new CloudTrailPublicKey(publicKey).Fingerprint}}"}]}""");

        string? previousKey = null, previousHash = null, previousSignature = null;
        for (int hour = 10; hour <= 12; hour++)
        {
            string logKey = $"AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/111122223333_CloudTrail_us-east-1_20240301T{hour}45Z_demo{hour}AbCdEfGhIj.json.gz";
            byte[] log = Encoding.UTF8.GetBytes(
                $$"""{"Records":[{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/Alice","accountId":"111122223333"},"eventTime":"2024-03-01T{{hour}}:42:27Z","eventSource":"s3.amazonaws.com","eventName":"CreateBucket","awsRegion":"us-east-1","requestParameters":{"bucketName":"demo-{{hour}}"},"eventID":"demo-{{hour}}","recipientAccountId":"111122223333"}]}""");
            Write(folder, logKey, Gzip(log));

            string end = $"2024-03-01T{hour + 1}:01:31Z";
            string digestKey = $"AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/111122223333_CloudTrail-Digest_us-east-1_demo-trail_us-east-1_20240301T{hour + 1}0131Z.json.gz";
            static string Text(string? s) => s is null ? "null" : $"\"{s.Replace("/", "\\/", StringComparison.Ordinal)}\"";
            byte[] digest = Encoding.UTF8.GetBytes(
                $$"""{"awsAccountId":"111122223333","digestStartTime":"2024-03-01T{{hour}}:01:31Z","digestEndTime":"{{end}}","digestS3Bucket":"{{Bucket}}","digestS3Object":{{Text(digestKey)}},"digestPublicKeyFingerprint":"{{new CloudTrailPublicKey(publicKey).Fingerprint}}","digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":"2024-03-01T{{hour}}:42:27Z","oldestEventTime":"2024-03-01T{{hour}}:42:27Z","previousDigestS3Bucket":{{Text(previousKey is null ? null : Bucket)}},"previousDigestS3Object":{{Text(previousKey)}},"previousDigestHashValue":{{Text(previousHash)}},"previousDigestHashAlgorithm":{{Text(previousHash is null ? null : "SHA-256")}},"previousDigestSignature":{{Text(previousSignature)}},"logFiles":[{"s3Bucket":"{{Bucket}}","s3Object":{{Text(logKey)}},"hashValue":"{{Convert.ToHexStringLower(SHA256.HashData(log))}}","hashAlgorithm":"SHA-256","newestEventTime":"2024-03-01T{{hour}}:42:27Z","oldestEventTime":"2024-03-01T{{hour}}:42:27Z"}]}""");
            Write(folder, digestKey, Gzip(digest));

            // CloudTrail's signing string: end time, bucket/key, SHA-256 of the decompressed digest, previous signature.
            string toSign = $"{end}\n{Bucket}/{digestKey}\n{Convert.ToHexStringLower(SHA256.HashData(digest))}\n{previousSignature ?? "null"}";
            string signature = Convert.ToHexStringLower(rsa.SignData(Encoding.UTF8.GetBytes(toSign), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            (previousKey, previousHash, previousSignature) = (digestKey, Convert.ToHexStringLower(SHA256.HashData(digest)), signature);
        }

        File.WriteAllText(Path.Combine(folder, "newest-signature.txt"), previousSignature + "\n");
    }

    // Under its S3 key, as `aws s3 sync` lays a bucket out.
    private static void Write(string folder, string key, byte[] bytes)
    {
        string path = Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
