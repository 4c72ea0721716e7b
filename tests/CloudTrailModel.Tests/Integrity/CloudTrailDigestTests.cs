using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudTrailModel.Integrity;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Integrity;

/// <summary>
/// Digest files read as delivered, and the offline checks of log file integrity validation: signatures made here with
/// keys made here, exactly as CloudTrail signs (cloudtrail-format.md, 5.5), so a check that passes proves the scheme.
/// </summary>
public sealed class CloudTrailDigestTests
{
    private const string Bucket = "trail-bucket";
    private const string NewerKey = "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2024/03/01/111122223333_CloudTrail-Digest_us-east-2_trail_us-east-2_20240301T130131Z.json.gz";
    private const string OlderKey = "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2024/03/01/111122223333_CloudTrail-Digest_us-east-2_trail_us-east-2_20240301T120131Z.json.gz";
    private const string LogKey = "AWSLogs/111122223333/CloudTrail/us-east-2/2024/03/01/111122223333_CloudTrail_us-east-2_20240301T1245Z_abcdEFGH12345678.json.gz";

    // Made once: a 2048-bit key takes a while to make, and the tests of a class run one at a time.
    private static readonly RSA SigningKey = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);

    private readonly RSA _rsa = SigningKey;
    private readonly RSA _otherRsa = OtherKey;

    private CloudTrailPublicKey Key => new(_rsa.ExportRSAPublicKey());

#pragma warning disable CA5351 // CloudTrail's key fingerprint is MD5 by definition.
    private static string Fingerprint(byte[] der) => Convert.ToHexStringLower(MD5.HashData(der));
#pragma warning restore CA5351

    private static byte[] LogFile => Encoding.UTF8.GetBytes(Fixtures.LogFile(Fixtures.Record(1), Fixtures.Record(2)));

    // A digest as CloudTrail writes it: compact, with '/' escaped as '\/' (the signature covers the decoded values).
    private string DigestJson(string objectKey, string? previousKey, string? previousHash, string? previousSignature, bool withPreviousSignatureMember = true)
    {
        static string Escaped(string s) => s.Replace("/", "\\/", StringComparison.Ordinal);
        static string Text(string? s) => s is null ? "null" : "\"" + Escaped(s) + "\"";
        string logHash = Convert.ToHexStringLower(SHA256.HashData(LogFile));
        string previous = $"\"previousDigestS3Bucket\":{Text(previousKey is null ? null : Bucket)},\"previousDigestS3Object\":{Text(previousKey)},"
            + $"\"previousDigestHashValue\":{Text(previousHash)},\"previousDigestHashAlgorithm\":{Text(previousHash is null ? null : "SHA-256")},"
            + (withPreviousSignatureMember ? $"\"previousDigestSignature\":{Text(previousSignature)}," : string.Empty);
        return "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2024-03-01T12:01:31Z\",\"digestEndTime\":\"2024-03-01T13:01:31Z\","
            + $"\"digestS3Bucket\":\"{Bucket}\",\"digestS3Object\":\"{Escaped(objectKey)}\",\"digestPublicKeyFingerprint\":\"{Fingerprint(_rsa.ExportRSAPublicKey())}\","
            + "\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"newestEventTime\":\"2024-03-01T12:52:27Z\",\"oldestEventTime\":\"2024-03-01T12:42:27Z\","
            + previous
            + $"\"logFiles\":[{{\"s3Bucket\":\"{Bucket}\",\"s3Object\":\"{Escaped(LogKey)}\",\"hashValue\":\"{logHash}\",\"hashAlgorithm\":\"SHA-256\","
            + "\"newestEventTime\":\"2024-03-01T12:52:27Z\",\"oldestEventTime\":\"2024-03-01T12:42:27Z\"}]}";
    }

    // CloudTrail's signature of a digest's bytes, written out from the documented scheme rather than through the library.
    private static string Sign(RSA rsa, byte[] digestBytes, string objectKey, string? previousSignature, string endTime = "2024-03-01T13:01:31Z")
    {
        string toSign = endTime + "\n" + Bucket + "/" + objectKey + "\n" + Convert.ToHexStringLower(SHA256.HashData(digestBytes)) + "\n" + (previousSignature ?? "null");
        return Convert.ToHexStringLower(rsa.SignData(Encoding.UTF8.GetBytes(toSign), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private (byte[] Bytes, string Signature) Starting()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(DigestJson(OlderKey, null, null, null));
        return (bytes, Sign(_rsa, bytes, OlderKey, null));
    }

    private (byte[] Bytes, string Signature) Following(byte[] olderBytes, string olderSignature)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(DigestJson(NewerKey, OlderKey, Convert.ToHexStringLower(SHA256.HashData(olderBytes)), olderSignature));
        return (bytes, Sign(_rsa, bytes, NewerKey, olderSignature));
    }

    [Fact]
    public void Read_GzipDigest_ReadsEveryMemberAndHashesTheDecompressedBytes()
    {
        (byte[] older, string olderSignature) = Starting();
        (byte[] newer, _) = Following(older, olderSignature);

        CloudTrailDigest digest = CloudTrailDigest.Read(new MemoryStream(Fixtures.Gzip(newer)));

        digest.AwsAccountId.Should().Be("111122223333");
        digest.DigestStartTime.Should().Be(new DateTimeOffset(2024, 3, 1, 12, 1, 31, TimeSpan.Zero));
        digest.DigestEndTime.Should().Be(new DateTimeOffset(2024, 3, 1, 13, 1, 31, TimeSpan.Zero));
        digest.DigestS3Bucket.Should().Be(Bucket);
        digest.DigestS3Object.Should().Be(NewerKey, "'\\/' is read as '/'");
        digest.DigestPublicKeyFingerprint.Should().Be(Key.Fingerprint);
        digest.DigestSignatureAlgorithm.Should().Be("SHA256withRSA");
        digest.NewestEventTime.Should().Be(new DateTimeOffset(2024, 3, 1, 12, 52, 27, TimeSpan.Zero));
        digest.PreviousDigestS3Object.Should().Be(OlderKey);
        digest.PreviousDigestHashValue.Should().Be(Convert.ToHexStringLower(SHA256.HashData(older)));
        digest.PreviousDigestSignature.Should().Be(olderSignature);
        digest.IsStartingDigest.Should().BeFalse();
        digest.LogFiles.Should().ContainSingle().Which.S3Object.Should().Be(LogKey);
        digest.LogFiles[0].OldestEventTime.Should().Be(new DateTimeOffset(2024, 3, 1, 12, 42, 27, TimeSpan.Zero));
        digest.AdditionalFields.Should().BeEmpty();
        digest.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(newer)), "the hash is of the decompressed bytes");
        CloudTrailDigest.Parse(newer).Should().Be(digest, "gzip or not, the same digest");
    }

    [Fact]
    public async Task VerifySignature_DigestSignedAsCloudTrailSigns_IsValid_FromGzipPlainAndAsync()
    {
        (byte[] bytes, string signature) = Starting();

        CloudTrailDigest.Read(new MemoryStream(Fixtures.Gzip(bytes))).VerifySignature(signature, [Key], Bucket, OlderKey).Should().Be(DigestValidationStatus.Valid);
        CloudTrailDigest.Parse(bytes).VerifySignature(signature.ToUpperInvariant(), [Key]).Should().Be(DigestValidationStatus.Valid);
        (await CloudTrailDigest.ReadAsync(new MemoryStream(Fixtures.Gzip(bytes)))).VerifySignature(signature, [Key]).Should().Be(DigestValidationStatus.Valid);
        CloudTrailDigest.Parse(bytes).IsStartingDigest.Should().BeTrue();
    }

    [Fact]
    public void VerifySignature_KeyInSubjectPublicKeyInfoEncoding_IsFoundByItsOwnFingerprint()
    {
        // The fingerprint is the MD5 of the DER bytes as listed, so a digest names the encoding it was listed in.
        byte[] spki = _rsa.ExportSubjectPublicKeyInfo();
        byte[] bytes = Encoding.UTF8.GetBytes(DigestJson(OlderKey, null, null, null).Replace(Fingerprint(_rsa.ExportRSAPublicKey()), Fingerprint(spki), StringComparison.Ordinal));
        string signature = Sign(_rsa, bytes, OlderKey, null);

        CloudTrailDigest.Parse(bytes).VerifySignature(signature, [Key, new CloudTrailPublicKey(spki)]).Should().Be(DigestValidationStatus.Valid);
        CloudTrailDigest.Parse(bytes).VerifySignature(signature, [Key]).Should().Be(DigestValidationStatus.PublicKeyNotFound);
    }

    [Fact]
    public void VerifySignature_ChangedByteOrSignatureOrKey_IsInvalid()
    {
        (byte[] bytes, string signature) = Starting();
        byte[] changed = (byte[])bytes.Clone();
        int at = Encoding.UTF8.GetString(changed).IndexOf("\"hashValue\":\"", StringComparison.Ordinal) + 13;
        changed[at] = changed[at] == (byte)'0' ? (byte)'1' : (byte)'0';
        string otherSignature = Sign(_otherRsa, bytes, OlderKey, null);
        string wrongEnd = Sign(_rsa, bytes, OlderKey, null, endTime: "2024-03-01T13:01:32Z");

        CloudTrailDigest.Parse(changed).VerifySignature(signature, [Key]).Should().Be(DigestValidationStatus.SignatureInvalid, "a log file's hash was changed");
        CloudTrailDigest.Parse(bytes).VerifySignature(otherSignature, [Key]).Should().Be(DigestValidationStatus.SignatureInvalid, "another key signed it");
        CloudTrailDigest.Parse(bytes).VerifySignature(wrongEnd, [Key]).Should().Be(DigestValidationStatus.SignatureInvalid, "another end time was signed");
        CloudTrailDigest.Parse(bytes).VerifySignature(signature[..^2], [Key]).Should().Be(DigestValidationStatus.SignatureInvalid);
        CloudTrailDigest.Parse(bytes).VerifySignature("not hex", [Key]).Should().Be(DigestValidationStatus.SignatureInvalid);
        CloudTrailDigest.Parse(bytes).VerifySignature(null, [Key]).Should().Be(DigestValidationStatus.SignatureInvalid);
        CloudTrailDigest.Parse(bytes).VerifySignature(signature, [new CloudTrailPublicKey(_otherRsa.ExportRSAPublicKey())]).Should().Be(DigestValidationStatus.PublicKeyNotFound);
        CloudTrailDigest.Parse(bytes).VerifySignature(signature, []).Should().Be(DigestValidationStatus.PublicKeyNotFound);
    }

    [Fact]
    public void VerifySignature_FoundElsewhereOrMissingARequiredMember_IsMovedOrInvalidFormat()
    {
        (byte[] bytes, string signature) = Starting();
        CloudTrailDigest digest = CloudTrailDigest.Parse(bytes);
        byte[] noPreviousSignature = Encoding.UTF8.GetBytes(DigestJson(OlderKey, null, null, null, withPreviousSignatureMember: false));

        digest.VerifySignature(signature, [Key], "other-bucket", OlderKey).Should().Be(DigestValidationStatus.Moved);
        digest.VerifySignature(signature, [Key], Bucket, NewerKey).Should().Be(DigestValidationStatus.Moved);
        CloudTrailDigest.Parse(noPreviousSignature).VerifySignature(Sign(_rsa, noPreviousSignature, OlderKey, null), [Key])
            .Should().Be(DigestValidationStatus.InvalidFormat, "AWS's validator requires the previousDigestSignature member, even when null");
        (digest with { DigestPublicKeyFingerprint = null }).VerifySignature(signature, [Key]).Should().Be(DigestValidationStatus.InvalidFormat);
        new CloudTrailDigest { DigestS3Bucket = Bucket, DigestS3Object = OlderKey, DigestPublicKeyFingerprint = Key.Fingerprint, DigestStartTime = DateTimeOffset.UnixEpoch, DigestEndTime = DateTimeOffset.UnixEpoch }
            .VerifySignature(signature, [Key]).Should().Be(DigestValidationStatus.InvalidFormat, "a digest built in code has no bytes to hash");
    }

    [Fact]
    public void VerifySignature_EndTimeChangedInCode_IsSignedAsCloudTrailWritesIt()
    {
        (byte[] bytes, string signature) = Starting();
        CloudTrailDigest digest = CloudTrailDigest.Parse(bytes);

        (digest with { DigestEndTime = digest.DigestEndTime }).VerifySignature(signature, [Key]).Should().Be(DigestValidationStatus.Valid);
        (digest with { DigestEndTime = digest.DigestEndTime!.Value.AddSeconds(1) }).VerifySignature(signature, [Key]).Should().Be(DigestValidationStatus.SignatureInvalid);
    }

    [Fact]
    public void ReadAndVerify_MutatedDigests_EitherReadOrThrowATypedError_AndNeverCrash()
    {
        (byte[] bytes, string signature) = Starting();
        var random = new Random(20261127);
        int read = 0;
        for (int i = 0; i < 2000; i++)
        {
            byte[] mutated = (byte[])bytes.Clone();
            for (int k = random.Next(1, 4); k > 0; k--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            CloudTrailDigest digest;
            try
            {
                digest = CloudTrailDigest.Read(new MemoryStream(random.Next(2) == 0 ? mutated : Fixtures.Gzip(mutated)));
            }
            catch (CloudTrailParseException)
            {
                continue;
            }

            read++;
            DigestValidationStatus status = digest.VerifySignature(signature, [Key]);
            if (!mutated.AsSpan().SequenceEqual(bytes))
            {
                status.Should().NotBe(DigestValidationStatus.Valid, "mutation {0} changed the signed bytes", i);
            }

            foreach (CloudTrailDigestLogFile logFile in digest.LogFiles)
            {
                logFile.Verify(new MemoryStream(Fixtures.Gzip(LogFile))).Should().BeOneOf(DigestValidationStatus.Valid, DigestValidationStatus.HashMismatch, DigestValidationStatus.InvalidFormat);
            }
        }

        read.Should().BeGreaterThan(100, "most single-byte changes inside strings still read");
    }

    [Fact]
    public void VerifyPrevious_ChainOfTwo_IsValid_AndEachBrokenLinkIsReported()
    {
        (byte[] older, string olderSignature) = Starting();
        (byte[] newer, string newerSignature) = Following(older, olderSignature);
        CloudTrailDigest newest = CloudTrailDigest.Read(new MemoryStream(Fixtures.Gzip(newer)));
        CloudTrailDigest previous = CloudTrailDigest.Read(new MemoryStream(Fixtures.Gzip(older)));

        newest.VerifySignature(newerSignature, [Key], Bucket, NewerKey).Should().Be(DigestValidationStatus.Valid);
        newest.VerifyPrevious(previous, [Key]).Should().Be(DigestValidationStatus.Valid);
        previous.VerifyPrevious(previous, [Key]).Should().Be(DigestValidationStatus.NoPreviousDigest);

        byte[] changedOlder = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(older).Replace("12:52:27", "12:52:28", StringComparison.Ordinal));
        newest.VerifyPrevious(CloudTrailDigest.Parse(changedOlder), [Key]).Should().Be(DigestValidationStatus.HashMismatch);
        newest.VerifyPrevious(newest, [Key]).Should().Be(DigestValidationStatus.Moved, "the newer digest is not where the link points");
        (newest with { PreviousDigestSignature = Sign(_otherRsa, older, OlderKey, null) }).VerifyPrevious(previous, [Key]).Should().Be(DigestValidationStatus.SignatureInvalid);
        newest.VerifyPrevious(previous, []).Should().Be(DigestValidationStatus.PublicKeyNotFound);
    }

    [Fact]
    public async Task LogFileVerify_AsDeliveredOrDecompressed_IsValid_AndAChangedOrCorruptFileIsNot()
    {
        (byte[] bytes, _) = Starting();
        CloudTrailDigestLogFile listed = CloudTrailDigest.Parse(bytes).LogFiles.Single();
        byte[] gzip = Fixtures.Gzip(LogFile);
        byte[] changed = Fixtures.Gzip([.. LogFile, (byte)'\n']);
        byte[] corrupt = (byte[])gzip.Clone();
        corrupt[gzip.Length / 2] ^= 0xFF;

        listed.Verify(new MemoryStream(gzip)).Should().Be(DigestValidationStatus.Valid);
        listed.Verify(new MemoryStream(LogFile)).Should().Be(DigestValidationStatus.Valid, "a log file a client already decompressed hashes the same");
        (await listed.VerifyAsync(new MemoryStream(gzip))).Should().Be(DigestValidationStatus.Valid);
        listed.Verify(new MemoryStream(changed)).Should().Be(DigestValidationStatus.HashMismatch);
        listed.Verify(new MemoryStream(corrupt)).Should().BeOneOf(DigestValidationStatus.InvalidFormat, DigestValidationStatus.HashMismatch);
        listed.Verify(new MemoryStream(gzip[..(gzip.Length / 2)])).Should().Be(DigestValidationStatus.HashMismatch, "a truncated file is not the file listed");
        listed.Verify(new MemoryStream([.. gzip[..3], 0xE0, .. gzip[4..]])).Should().Be(DigestValidationStatus.InvalidFormat, "a gzip header with reserved flags set");
        (listed with { HashValue = "xyz" }).Verify(new MemoryStream(gzip)).Should().Be(DigestValidationStatus.InvalidFormat);
        (listed with { HashValue = listed.HashValue!.ToUpperInvariant() }).Verify(new MemoryStream(gzip)).Should().Be(DigestValidationStatus.Valid);
    }

    [Fact]
    public void Read_UnknownAndMistypedMembers_AreKept_AndEqualDigestsCompareEqual()
    {
        (byte[] bytes, _) = Starting();
        string json = Encoding.UTF8.GetString(bytes)
            .Replace("\"awsAccountId\":\"111122223333\"", "\"awsAccountId\":111122223333,\"futureMember\":{\"a\":[1]}", StringComparison.Ordinal)
            .Replace("\"hashAlgorithm\":\"SHA-256\"", "\"hashAlgorithm\":\"SHA-256\",\"size\":123", StringComparison.Ordinal);

        CloudTrailDigest digest = CloudTrailDigest.Parse(Encoding.UTF8.GetBytes(json));

        digest.AwsAccountId.Should().BeNull();
        digest.AdditionalFields["awsAccountId"].GetInt64().Should().Be(111122223333);
        digest.AdditionalFields["futureMember"].GetProperty("a")[0].GetInt32().Should().Be(1);
        digest.LogFiles[0].AdditionalFields["size"].GetInt32().Should().Be(123);
        CloudTrailDigest.Parse(Encoding.UTF8.GetBytes(json)).Should().Be(digest);
        CloudTrailDigest.Parse(Encoding.UTF8.GetBytes(json)).GetHashCode().Should().Be(digest.GetHashCode());
        CloudTrailDigest.Parse(bytes).Should().NotBe(digest);

        // A repeated member: the last counts, whether it fits its property or is kept.
        CloudTrailDigest repeated = CloudTrailDigest.Parse(Encoding.UTF8.GetBytes(json.Replace("\"logFiles\":[", "\"logFiles\":\"none\",\"awsAccountId\":\"444455556666\",\"logFiles\":[", StringComparison.Ordinal)));
        repeated.LogFiles.Should().ContainSingle();
        repeated.AwsAccountId.Should().Be("444455556666");
        repeated.AdditionalFields.Keys.Should().BeEquivalentTo("futureMember");
    }

    [Theory]
    [InlineData("{\"digestS3Bucket\":\"secret-bucket\",", CloudTrailErrorCode.InvalidJson, 33)]
    [InlineData("[{\"digestS3Bucket\":\"secret-bucket\"}]", CloudTrailErrorCode.NotAnObject, 0)]
    [InlineData("  ", CloudTrailErrorCode.EmptyInput, 0)]
    public void Read_NotADigestObject_ThrowsATypedErrorThatEchoesNoValue(string json, CloudTrailErrorCode code, long offset)
    {
        Action read = () => CloudTrailDigest.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        CloudTrailParseException error = read.Should().Throw<CloudTrailParseException>().Which;
        error.ErrorCode.Should().Be(code);
        error.BytePosition.Should().Be(offset);
        error.Message.Should().NotContain("secret");
    }

    [Fact]
    public void Read_InvalidUtf8InAString_ThrowsInvalidJsonAtThatByte()
    {
        byte[] json = [.. "{\"digestS3Bucket\":\"secret-"u8, 0xD9, .. "\"}"u8];

        Action read = () => CloudTrailDigest.Read(new MemoryStream(json));

        CloudTrailParseException error = read.Should().Throw<CloudTrailParseException>().Which;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        error.BytePosition.Should().Be(26);
        error.Message.Should().NotContain("secret");
    }

    [Fact]
    public void Read_CorruptGzip_ThrowsInvalidCompressedData()
    {
        byte[] gzip = Fixtures.Gzip(Starting().Bytes);
        gzip[3] = 0xE0; // reserved header flags

        Action read = () => CloudTrailDigest.Read(new MemoryStream(gzip));

        read.Should().Throw<CloudTrailParseException>().Which.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidCompressedData);
    }

    [Fact]
    public void ParseList_ApiResponseWithNumbersAndIsoTimes_ReadsKeysAndValidity()
    {
        byte[] pkcs1 = _rsa.ExportRSAPublicKey();
        byte[] spki = _otherRsa.ExportSubjectPublicKeyInfo();
        string json = $$"""
            {"PublicKeyList":[{"Value":"{{Convert.ToBase64String(pkcs1)}}","ValidityStartTime":1709251200,"ValidityEndTime":"2024-03-31T00:00:00Z","Fingerprint":"{{Fingerprint(pkcs1)}}"},
            {"value":"{{Convert.ToBase64String(spki)}}","validityStartTime":"1709251200.5"}],"NextToken":null}
            """;

        IReadOnlyList<CloudTrailPublicKey> keys = CloudTrailPublicKey.ParseList(json);

        keys.Should().HaveCount(2);
        keys[0].Fingerprint.Should().Be(Fingerprint(pkcs1));
        keys[0].ValidityStartTime.Should().Be(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        keys[0].ValidityEndTime.Should().Be(new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.Zero));
        keys[0].GetDerBytes().Should().Equal(pkcs1);
        keys[1].Fingerprint.Should().Be(Fingerprint(spki));
        keys[1].ValidityStartTime.Should().Be(new DateTimeOffset(2024, 3, 1, 0, 0, 0, 500, TimeSpan.Zero));
        keys[1].ValidityEndTime.Should().BeNull();
    }

    [Theory]
    [InlineData("{\"Keys\":[]}")]
    [InlineData("{\"PublicKeyList\":[{\"Value\":\"bm90IGEga2V5\"}]}")]
    [InlineData("{\"PublicKeyList\":[{\"Value\":\"***\"}]}")]
    [InlineData("{\"PublicKeyList\":[{}]}")]
    [InlineData("[")]
    public void ParseList_NotAKeyList_ThrowsJsonException(string json)
    {
        Action parse = () => CloudTrailPublicKey.ParseList(json);

        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public void Constructor_BytesThatAreNotAnRsaKey_ThrowArgumentException()
    {
        Action create = () => _ = new CloudTrailPublicKey("not a key"u8);

        create.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Demo_ShippedWithTheValidateDigestsSample_IsAValidChainOfThreeDigests()
    {
        // Made by the sample's own generator (--create-demo), not by this class: the two must agree on the scheme.
        string demo = Path.Combine(Corpus.RepoRoot ?? throw new InvalidOperationException("CloudTrailModel.sln not found"), "samples", "ValidateDigests", "demo");
        IReadOnlyList<CloudTrailPublicKey> keys = CloudTrailPublicKey.ParseList(File.ReadAllText(Path.Combine(demo, "public-keys.json")));
        string account = Path.Combine(demo, "AWSLogs", "111122223333");
        List<CloudTrailDigest> chain = [.. Directory.GetFiles(Path.Combine(account, "CloudTrail-Digest"), "*", SearchOption.AllDirectories).Select(CloudTrailDigest.Read).OrderByDescending(d => d.DigestEndTime)];

        chain.Should().HaveCount(3);
        chain[0].VerifySignature(File.ReadAllText(Path.Combine(demo, "newest-signature.txt")).Trim(), keys).Should().Be(DigestValidationStatus.Valid);
        chain[0].VerifyPrevious(chain[1], keys).Should().Be(DigestValidationStatus.Valid);
        chain[1].VerifyPrevious(chain[2], keys).Should().Be(DigestValidationStatus.Valid);
        chain[2].IsStartingDigest.Should().BeTrue();
        foreach (CloudTrailDigestLogFile logFile in chain.SelectMany(d => d.LogFiles))
        {
            using FileStream file = File.OpenRead(Path.Combine(demo, logFile.S3Object!));
            logFile.Verify(file).Should().Be(DigestValidationStatus.Valid, logFile.S3Object);
        }

        chain.SelectMany(d => d.LogFiles).Should().HaveCount(3);
    }

    [SkippableFact]
    public void Read_DocsDigestExamples_ReadEveryMember()
    {
        string full = Corpus.RequireFile(Path.Combine("docs", "digest-file-example.json"));
        string empty = Corpus.RequireFile(Path.Combine("docs", "digest-file-empty-hour-example.json"));

        CloudTrailDigest digest = CloudTrailDigest.Read(full);
        CloudTrailDigest emptyHour = CloudTrailDigest.Read(empty);

        digest.DigestPublicKeyFingerprint.Should().Be("31e8b5433410dfb61a9dc45cc65b22ff");
        digest.DigestEndTime.Should().Be(new DateTimeOffset(2015, 8, 17, 15, 1, 31, TimeSpan.Zero));
        digest.PreviousDigestSignature.Should().HaveLength(512);
        digest.LogFiles.Should().ContainSingle().Which.HashValue.Should().Be("9bb6196fc6b84d6f075a56548feca262bd99ba3c2de41b618e5b6e22c1fc71f6");
        digest.AdditionalFields.Should().BeEmpty();
        digest.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full))));
        emptyHour.LogFiles.Should().BeEmpty();
        emptyHour.NewestEventTime.Should().BeNull();
        emptyHour.OldestEventTime.Should().BeNull();
        emptyHour.AdditionalFields.Should().BeEmpty("null times are absent values, not mistyped ones");
    }

    [SkippableFact]
    public void ParseList_DocsListPublicKeysOutput_ComputesTheListedFingerprintsForBothEncodings()
    {
        string json = File.ReadAllText(Corpus.RequireFile(Path.Combine("docs", "list-public-keys-cli-response-example.json")));
        using JsonDocument listing = JsonDocument.Parse(json);

        IReadOnlyList<CloudTrailPublicKey> keys = CloudTrailPublicKey.ParseList(json);

        keys.Select(k => k.Fingerprint).Should().Equal(listing.RootElement.GetProperty("publicKeyList").EnumerateArray().Select(e => e.GetProperty("Fingerprint").GetString()));
        keys[0].ValidityStartTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1436317441));
        keys[0].ValidityEndTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1438909441));
    }
}
