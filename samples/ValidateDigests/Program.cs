// Validates downloaded CloudTrail digest files and log files offline, as `aws cloudtrail validate-logs` does online.
//
//   dotnet run --project samples/ValidateDigests [folder]
//
// The folder (default: the demo shipped beside this sample) holds what you downloaded:
//   public-keys.json       the output of `aws cloudtrail list-public-keys` for the digests' region and period
//   newest-signature.txt   the newest digest's x-amz-meta-signature (S3 object metadata; capture it when downloading)
//   CloudTrail-Digest/     the digest files (.json.gz), any names
//   CloudTrail/            the log files (.json.gz), named as in S3
// The demo was made by `--create-demo <folder>` with a key made for it (only its public key is kept).
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
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
List<CloudTrailDigest> digests = [.. Directory.GetFiles(Path.Combine(folder, "CloudTrail-Digest")).Select(CloudTrailDigest.Read)];
Dictionary<string, CloudTrailDigest> byLocation = digests.ToDictionary(d => $"{d.DigestS3Bucket}/{d.DigestS3Object}");

int digestsValid = 0, digestsInvalid = 0, logsValid = 0, logsInvalid = 0;

// From the newest digest (its signature from S3 metadata) back along the chain (each older one's signature is in the
// digest after it), checking each digest's log files once the digest itself is proven.
CloudTrailDigest? current = digests.MaxBy(d => d.DigestEndTime);
DigestValidationStatus status = current?.VerifySignature(newestSignature, keys) ?? DigestValidationStatus.InvalidFormat;
while (current is not null)
{
    Report("Digest file", current.DigestS3Bucket, current.DigestS3Object, status, ref digestsValid, ref digestsInvalid);
    if (status == DigestValidationStatus.Valid)
    {
        foreach (CloudTrailDigestLogFile logFile in current.LogFiles)
        {
            string path = Path.Combine(folder, "CloudTrail", Path.GetFileName(logFile.S3Object ?? string.Empty));
            DigestValidationStatus logStatus = DigestValidationStatus.InvalidFormat;
            if (File.Exists(path))
            {
                using FileStream file = File.OpenRead(path);
                logStatus = logFile.Verify(file);
            }

            Report("Log file", logFile.S3Bucket, logFile.S3Object, logStatus, ref logsValid, ref logsInvalid, File.Exists(path) ? null : "not found");
        }
    }

    if (current.IsStartingDigest)
    {
        break;
    }

    if (!byLocation.TryGetValue($"{current.PreviousDigestS3Bucket}/{current.PreviousDigestS3Object}", out CloudTrailDigest? previous))
    {
        Report("Digest file", current.PreviousDigestS3Bucket, current.PreviousDigestS3Object, DigestValidationStatus.InvalidFormat, ref digestsValid, ref digestsInvalid, "not found");
        break;
    }

    status = current.VerifyPrevious(previous, keys);
    current = previous;
}

Console.WriteLine();
Console.WriteLine($"{digestsValid}/{digestsValid + digestsInvalid} digest files valid");
Console.WriteLine($"{logsValid}/{logsValid + logsInvalid} log files valid");
return digestsInvalid + logsInvalid == 0 ? 0 : 1;

static void Report(string kind, string? bucket, string? key, DigestValidationStatus status, ref int valid, ref int invalid, string? reason = null)
{
    if (status == DigestValidationStatus.Valid && reason is null)
    {
        valid++;
        Console.WriteLine($"{kind}\ts3://{bucket}/{key}\tvalid");
    }
    else
    {
        invalid++;
        Console.WriteLine($"{kind}\ts3://{bucket}/{key}\tINVALID: {reason ?? status.ToString()}");
    }
}

/// <summary>Makes a demo: three hours of a trail, each with a log file and a digest chained to the one before, signed as CloudTrail signs.</summary>
internal static class Demo
{
    private const string Bucket = "demo-trail-bucket";

    public static void Create(string folder)
    {
        using var rsa = RSA.Create(2048);
        byte[] publicKey = rsa.ExportRSAPublicKey();
        Directory.CreateDirectory(Path.Combine(folder, "CloudTrail-Digest"));
        Directory.CreateDirectory(Path.Combine(folder, "CloudTrail"));
        File.WriteAllText(Path.Combine(folder, "public-keys.json"),
            $$"""{"publicKeyList":[{"ValidityStartTime":"1709251200.0","ValidityEndTime":"1711843200.0","Value":"{{Convert.ToBase64String(publicKey)}}","Fingerprint":"{{new CloudTrailPublicKey(publicKey).Fingerprint}}"}]}""");

        string? previousKey = null, previousHash = null, previousSignature = null;
        for (int hour = 10; hour <= 12; hour++)
        {
            string logKey = $"AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/111122223333_CloudTrail_us-east-1_20240301T{hour}45Z_demo{hour}AbCdEfGhIj.json.gz";
            byte[] log = Encoding.UTF8.GetBytes(
                $$"""{"Records":[{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/Alice","accountId":"111122223333"},"eventTime":"2024-03-01T{{hour}}:42:27Z","eventSource":"s3.amazonaws.com","eventName":"CreateBucket","awsRegion":"us-east-1","requestParameters":{"bucketName":"demo-{{hour}}"},"eventID":"demo-{{hour}}","recipientAccountId":"111122223333"}]}""");
            File.WriteAllBytes(Path.Combine(folder, "CloudTrail", Path.GetFileName(logKey)), Gzip(log));

            string end = $"2024-03-01T{hour + 1}:01:31Z";
            string digestKey = $"AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/111122223333_CloudTrail-Digest_us-east-1_demo-trail_us-east-1_20240301T{hour + 1}0131Z.json.gz";
            static string Text(string? s) => s is null ? "null" : $"\"{s.Replace("/", "\\/", StringComparison.Ordinal)}\"";
            byte[] digest = Encoding.UTF8.GetBytes(
                $$"""{"awsAccountId":"111122223333","digestStartTime":"2024-03-01T{{hour}}:01:31Z","digestEndTime":"{{end}}","digestS3Bucket":"{{Bucket}}","digestS3Object":{{Text(digestKey)}},"digestPublicKeyFingerprint":"{{new CloudTrailPublicKey(publicKey).Fingerprint}}","digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":"2024-03-01T{{hour}}:42:27Z","oldestEventTime":"2024-03-01T{{hour}}:42:27Z","previousDigestS3Bucket":{{Text(previousKey is null ? null : Bucket)}},"previousDigestS3Object":{{Text(previousKey)}},"previousDigestHashValue":{{Text(previousHash)}},"previousDigestHashAlgorithm":{{Text(previousHash is null ? null : "SHA-256")}},"previousDigestSignature":{{Text(previousSignature)}},"logFiles":[{"s3Bucket":"{{Bucket}}","s3Object":{{Text(logKey)}},"hashValue":"{{Convert.ToHexStringLower(SHA256.HashData(log))}}","hashAlgorithm":"SHA-256","newestEventTime":"2024-03-01T{{hour}}:42:27Z","oldestEventTime":"2024-03-01T{{hour}}:42:27Z"}]}""");
            File.WriteAllBytes(Path.Combine(folder, "CloudTrail-Digest", Path.GetFileName(digestKey)), Gzip(digest));

            // CloudTrail's signing string: end time, bucket/key, SHA-256 of the decompressed digest, previous signature.
            string toSign = $"{end}\n{Bucket}/{digestKey}\n{Convert.ToHexStringLower(SHA256.HashData(digest))}\n{previousSignature ?? "null"}";
            string signature = Convert.ToHexStringLower(rsa.SignData(Encoding.UTF8.GetBytes(toSign), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            (previousKey, previousHash, previousSignature) = (digestKey, Convert.ToHexStringLower(SHA256.HashData(digest)), signature);
        }

        File.WriteAllText(Path.Combine(folder, "newest-signature.txt"), previousSignature + "\n");
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
