using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Integrity;

/// <summary>
/// A CloudTrail digest file (<c>CloudTrail-Digest/…json.gz</c>): the log files a trail delivered in one region over about
/// an hour, each with its SHA-256, and a link to the previous digest. It is read from its bytes as delivered, and checks
/// offline what <c>aws cloudtrail validate-logs</c> checks online: its RSA signature (<see cref="VerifySignature"/>), the
/// link to the previous digest (<see cref="VerifyPrevious"/>) and each log file's hash
/// (<see cref="CloudTrailDigestLogFile.Verify(Stream)"/>). Keys come from CloudTrail's <c>ListPublicKeys</c> for the
/// digest's region (<see cref="CloudTrailPublicKey.ParseList"/>); the newest digest's signature from its S3 object
/// metadata (<c>x-amz-meta-signature</c>), every older one's from the next digest (<see cref="PreviousDigestSignature"/>).
/// </summary>
public sealed record CloudTrailDigest
{
    // A digest lists the log files of one region and hour: far below this even for the largest organisation trails.
    internal const long MaxBytes = 256L * 1024 * 1024;

    // digestEndTime as written (the signature covers this text, not the instant), and whether previousDigestSignature
    // was present (AWS's validator calls a digest without the member invalid, even though its value may be null).
    private string? EndTimeText { get; init; }

    private bool PreviousSignatureMissing { get; init; }

    /// <summary>The account the digest was delivered for (<c>awsAccountId</c>).</summary>
    public string? AwsAccountId { get; init; }

    /// <summary>The start of the delivery window the digest covers (<c>digestStartTime</c>).</summary>
    public DateTimeOffset? DigestStartTime { get; init; }

    /// <summary>The end of the delivery window the digest covers (<c>digestEndTime</c>).</summary>
    public DateTimeOffset? DigestEndTime
    {
        get;
        init
        {
            // A time set in code is signed as CloudTrail writes it, not as some earlier text spelled it.
            field = value;
            EndTimeText = null;
        }
    }

    /// <summary>The bucket the digest was delivered to (<c>digestS3Bucket</c>).</summary>
    public string? DigestS3Bucket { get; init; }

    /// <summary>The digest's own object key (<c>digestS3Object</c>).</summary>
    public string? DigestS3Object { get; init; }

    /// <summary>The fingerprint of the key that signed the digest (<c>digestPublicKeyFingerprint</c>), see <see cref="CloudTrailPublicKey.Fingerprint"/>.</summary>
    public string? DigestPublicKeyFingerprint { get; init; }

    /// <summary>The signature algorithm (<c>digestSignatureAlgorithm</c>), <c>SHA256withRSA</c>.</summary>
    public string? DigestSignatureAlgorithm { get; init; }

    /// <summary>The newest <c>eventTime</c> in the listed log files (<c>newestEventTime</c>); null when none are listed.</summary>
    public DateTimeOffset? NewestEventTime { get; init; }

    /// <summary>The oldest <c>eventTime</c> in the listed log files (<c>oldestEventTime</c>); null when none are listed.</summary>
    public DateTimeOffset? OldestEventTime { get; init; }

    /// <summary>The bucket of the previous digest (<c>previousDigestS3Bucket</c>); null in a starting digest.</summary>
    public string? PreviousDigestS3Bucket { get; init; }

    /// <summary>The object key of the previous digest (<c>previousDigestS3Object</c>); null in a starting digest.</summary>
    public string? PreviousDigestS3Object { get; init; }

    /// <summary>The lowercase hexadecimal SHA-256 of the previous digest's decompressed bytes (<c>previousDigestHashValue</c>).</summary>
    public string? PreviousDigestHashValue { get; init; }

    /// <summary>The previous digest's hash algorithm (<c>previousDigestHashAlgorithm</c>), <c>SHA-256</c>.</summary>
    public string? PreviousDigestHashAlgorithm { get; init; }

    /// <summary>The previous digest's hexadecimal signature (<c>previousDigestSignature</c>); null in a starting digest.</summary>
    public string? PreviousDigestSignature { get; init; }

    /// <summary>The log files delivered in the digest's window (<c>logFiles</c>), in the digest's (arbitrary) order.</summary>
    public IReadOnlyList<CloudTrailDigestLogFile> LogFiles { get; init => field = ValueList<CloudTrailDigestLogFile>.From(value) ?? ValueList<CloudTrailDigestLogFile>.Empty; } = ValueList<CloudTrailDigestLogFile>.Empty;

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    /// <summary>
    /// The lowercase hexadecimal SHA-256 of the decompressed bytes the digest was read from (what the next digest lists as
    /// its <see cref="PreviousDigestHashValue"/>, and what the signature covers); null for a digest built in code.
    /// </summary>
    public string? Sha256 { get; private init; }

    /// <summary>Whether this is a starting digest, the first of a chain: it names no previous digest.</summary>
    public bool IsStartingDigest => PreviousDigestSignature is null && PreviousDigestS3Object is null;

    /// <summary>Reads a digest file from its bytes as delivered: gzip (by its magic bytes) or already decompressed. The stream is not disposed.</summary>
    /// <param name="stream">The digest file.</param>
    /// <returns>The digest, with the <see cref="Sha256"/> of its decompressed bytes.</returns>
    /// <exception cref="CloudTrailParseException">The input is corrupt gzip, larger than 256 MiB decompressed, not JSON or not a JSON object.</exception>
    public static CloudTrailDigest Read(Stream stream) => DigestBytes.RunSynchronously(ReadAsync(stream, synchronous: true, CancellationToken.None));

    /// <summary>Reads a digest file (gzip or not) from a path; see <see cref="Read(Stream)"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="CloudTrailParseException">The file is not a digest file's JSON (see <see cref="Read(Stream)"/>).</exception>
    public static CloudTrailDigest Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = File.OpenRead(path);
        return Read(file);
    }

    /// <summary>Reads a digest file asynchronously; see <see cref="Read(Stream)"/>.</summary>
    /// <param name="stream">The digest file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="CloudTrailParseException">The input is not a digest file's JSON (see <see cref="Read(Stream)"/>).</exception>
    public static Task<CloudTrailDigest> ReadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        ReadAsync(stream, synchronous: false, cancellationToken).AsTask();

    /// <summary>Parses a digest from its decompressed bytes, exactly as delivered (the hash is taken over them).</summary>
    /// <param name="utf8Json">The digest's JSON.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="CloudTrailParseException">The bytes are not JSON or not a JSON object.</exception>
    public static CloudTrailDigest Parse(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json.ToArray());

    private static async ValueTask<CloudTrailDigest> ReadAsync(Stream stream, bool synchronous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[]? bytes;
        try
        {
            bytes = await DigestBytes.ReadAllDecompressedAsync(stream, MaxBytes, synchronous, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw Error(CloudTrailErrorCode.InvalidCompressedData, 0, "The digest file's gzip data is corrupt.");
        }

        return bytes is null
            ? throw Error(CloudTrailErrorCode.DecompressedSizeExceeded, MaxBytes, "The digest file is larger than 256 MiB decompressed; no digest is that large.")
            : Parse(bytes);
    }

    private static CloudTrailDigest Parse(byte[] bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        int start = bytes.AsSpan().StartsWith(bom) ? 3 : 0;

        // JsonDocument checks UTF-8 only where it transcodes, and then throws InvalidOperationException.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            long invalid = FirstInvalidUtf8(bytes);
            throw Error(CloudTrailErrorCode.InvalidJson, invalid, string.Create(CultureInfo.InvariantCulture, $"The digest file is not valid UTF-8 at byte offset {invalid}."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.AsMemory(start));
        }
        catch (JsonException ex)
        {
            long offset = OffsetOf(bytes, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0, start);
            throw bytes.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8) < 0
                ? Error(CloudTrailErrorCode.EmptyInput, 0, "The digest file holds no JSON.")
                : Error(CloudTrailErrorCode.InvalidJson, offset, string.Create(CultureInfo.InvariantCulture, $"The digest file is not well-formed JSON: the error is at byte offset {offset}."));
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(CloudTrailErrorCode.NotAnObject, start, "The digest file's JSON is not an object.");
            }

            var fields = new Fields();
            string? endTimeText = null;
            bool previousSignatureSeen = false;
            IReadOnlyList<CloudTrailDigestLogFile>? logFiles = null;
            var digest = new CloudTrailDigest();
            foreach (JsonProperty member in root.EnumerateObject())
            {
                JsonElement value = member.Value;
                switch (member.Name)
                {
                    case "awsAccountId": digest = digest with { AwsAccountId = fields.String(member) }; break;
                    case "digestStartTime": digest = digest with { DigestStartTime = fields.Time(member) }; break;
                    case "digestEndTime":
                        digest = digest with { DigestEndTime = fields.Time(member) };
                        endTimeText = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                        break;
                    case "digestS3Bucket": digest = digest with { DigestS3Bucket = fields.String(member) }; break;
                    case "digestS3Object": digest = digest with { DigestS3Object = fields.String(member) }; break;
                    case "digestPublicKeyFingerprint": digest = digest with { DigestPublicKeyFingerprint = fields.String(member) }; break;
                    case "digestSignatureAlgorithm": digest = digest with { DigestSignatureAlgorithm = fields.String(member) }; break;
                    case "newestEventTime": digest = digest with { NewestEventTime = fields.Time(member) }; break;
                    case "oldestEventTime": digest = digest with { OldestEventTime = fields.Time(member) }; break;
                    case "previousDigestS3Bucket": digest = digest with { PreviousDigestS3Bucket = fields.String(member) }; break;
                    case "previousDigestS3Object": digest = digest with { PreviousDigestS3Object = fields.String(member) }; break;
                    case "previousDigestHashValue": digest = digest with { PreviousDigestHashValue = fields.String(member) }; break;
                    case "previousDigestHashAlgorithm": digest = digest with { PreviousDigestHashAlgorithm = fields.String(member) }; break;
                    case "previousDigestSignature":
                        digest = digest with { PreviousDigestSignature = fields.String(member) };
                        previousSignatureSeen = true;
                        break;
                    case "logFiles": logFiles = LogFilesOf(member, fields); break;
                    default: fields.Keep(member); break;
                }
            }

            return digest with
            {
                LogFiles = logFiles ?? ValueList<CloudTrailDigestLogFile>.Empty,
                AdditionalFields = fields.Build(),
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                EndTimeText = endTimeText,
                PreviousSignatureMissing = !previousSignatureSeen,
            };
        }
    }

    private static ValueList<CloudTrailDigestLogFile>? LogFilesOf(JsonProperty member, Fields fields)
    {
        JsonElement value = member.Value;
        fields.Forget(member.Name);
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            fields.Keep(member);
            return null;
        }

        var files = new List<CloudTrailDigestLogFile>(value.GetArrayLength());
        foreach (JsonElement element in value.EnumerateArray())
        {
            var own = new Fields();
            var file = new CloudTrailDigestLogFile();
            foreach (JsonProperty property in element.EnumerateObject())
            {
                file = property.Name switch
                {
                    "s3Bucket" => file with { S3Bucket = own.String(property) },
                    "s3Object" => file with { S3Object = own.String(property) },
                    "hashValue" => file with { HashValue = own.String(property) },
                    "hashAlgorithm" => file with { HashAlgorithm = own.String(property) },
                    "newestEventTime" => file with { NewestEventTime = own.Time(property) },
                    "oldestEventTime" => file with { OldestEventTime = own.Time(property) },
                    _ => own.Keep(property, file),
                };
            }

            files.Add(file with { AdditionalFields = own.Build() });
        }

        return new ValueList<CloudTrailDigestLogFile>([.. files]);
    }

    /// <summary>
    /// Checks the digest's signature, as <c>aws cloudtrail validate-logs</c> does: the members it needs are present, the
    /// digest says it sits where it was found (when a location is given), one of the keys has its fingerprint, and the
    /// signature is that key's RSASSA-PKCS1-v1_5 SHA-256 signature of <c>digestEndTime</c>, <c>bucket/key</c>, the
    /// <see cref="Sha256"/> and the previous signature (or <c>null</c>), joined by line feeds.
    /// </summary>
    /// <param name="signature">
    /// The digest's hexadecimal signature: its S3 object's <c>x-amz-meta-signature</c> metadata, or the next digest's
    /// <see cref="PreviousDigestSignature"/>.
    /// </param>
    /// <param name="publicKeys">The keys of the digest's region for its period.</param>
    /// <param name="bucket">The bucket the digest was found in, to check against <see cref="DigestS3Bucket"/>; null skips the check.</param>
    /// <param name="objectKey">The object key the digest was found at, to check against <see cref="DigestS3Object"/>; null skips the check.</param>
    /// <returns>
    /// <see cref="DigestValidationStatus.Valid"/>, or <see cref="DigestValidationStatus.InvalidFormat"/>,
    /// <see cref="DigestValidationStatus.Moved"/>, <see cref="DigestValidationStatus.PublicKeyNotFound"/> or
    /// <see cref="DigestValidationStatus.SignatureInvalid"/>, checked in that order.
    /// </returns>
    public DigestValidationStatus VerifySignature(string? signature, IEnumerable<CloudTrailPublicKey> publicKeys, string? bucket = null, string? objectKey = null)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        string? endTime = EndTimeText ?? (DigestEndTime is { } end ? TimeFormat.Format(end) : null);
        if (endTime is null || DigestStartTime is null || DigestS3Bucket is null || DigestS3Object is null
            || DigestPublicKeyFingerprint is null || Sha256 is null || PreviousSignatureMissing)
        {
            return DigestValidationStatus.InvalidFormat;
        }

        if ((bucket is not null && !string.Equals(bucket, DigestS3Bucket, StringComparison.Ordinal))
            || (objectKey is not null && !string.Equals(objectKey, DigestS3Object, StringComparison.Ordinal)))
        {
            return DigestValidationStatus.Moved;
        }

        CloudTrailPublicKey? key = publicKeys.FirstOrDefault(k => string.Equals(k.Fingerprint, DigestPublicKeyFingerprint, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return DigestValidationStatus.PublicKeyNotFound;
        }

        if (!DigestBytes.TryDecodeHex(signature, out byte[]? signatureBytes) || signatureBytes.Length == 0)
        {
            return DigestValidationStatus.SignatureInvalid;
        }

        string toSign = string.Concat(endTime, "\n", DigestS3Bucket, "/", DigestS3Object, "\n", Sha256, "\n", PreviousDigestSignature ?? "null");
        return key.Verify(Encoding.UTF8.GetBytes(toSign), signatureBytes) ? DigestValidationStatus.Valid : DigestValidationStatus.SignatureInvalid;
    }

    /// <summary>
    /// Checks the link from this digest to the one before it, which <c>aws cloudtrail validate-logs</c> only follows:
    /// the previous digest sits where this one says (<see cref="PreviousDigestS3Bucket"/>, <see cref="PreviousDigestS3Object"/>),
    /// its bytes hash to <see cref="PreviousDigestHashValue"/>, and <see cref="PreviousDigestSignature"/> is its valid
    /// signature (<see cref="VerifySignature"/>). A chain of such links from a digest whose own signature is valid proves
    /// every digest in it, and through them every log file they list.
    /// </summary>
    /// <param name="previous">The previous digest, read from its bytes.</param>
    /// <param name="publicKeys">The keys of the digests' region for the previous digest's period.</param>
    /// <returns>
    /// <see cref="DigestValidationStatus.Valid"/>, <see cref="DigestValidationStatus.NoPreviousDigest"/> for a starting
    /// digest, or <see cref="DigestValidationStatus.Moved"/>, <see cref="DigestValidationStatus.HashMismatch"/> or what
    /// the previous digest's <see cref="VerifySignature"/> gives.
    /// </returns>
    public DigestValidationStatus VerifyPrevious(CloudTrailDigest previous, IEnumerable<CloudTrailPublicKey> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(publicKeys);
        if (IsStartingDigest)
        {
            return DigestValidationStatus.NoPreviousDigest;
        }

        if (PreviousDigestS3Bucket is null || PreviousDigestS3Object is null || PreviousDigestHashValue is null || previous.Sha256 is null)
        {
            return DigestValidationStatus.InvalidFormat;
        }

        if (!string.Equals(previous.DigestS3Bucket, PreviousDigestS3Bucket, StringComparison.Ordinal)
            || !string.Equals(previous.DigestS3Object, PreviousDigestS3Object, StringComparison.Ordinal))
        {
            return DigestValidationStatus.Moved;
        }

        return !string.Equals(previous.Sha256, PreviousDigestHashValue, StringComparison.OrdinalIgnoreCase)
            ? DigestValidationStatus.HashMismatch
            : previous.VerifySignature(PreviousDigestSignature, publicKeys);
    }

    private static CloudTrailParseException Error(CloudTrailErrorCode code, long offset, string message) =>
        new(new CloudTrailRecordError(0, offset, code, message));

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int length) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += length;
        }

        return bytes.Length;
    }

    // JsonException's line and byte position, as an offset from the start of the bytes.
    private static long OffsetOf(byte[] bytes, long line, long column, int start)
    {
        int position = start;
        for (long l = 0; l < line; l++)
        {
            int next = bytes.AsSpan(position).IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            position += next + 1;
        }

        return Math.Min(bytes.Length, position + column);
    }

    /// <summary>
    /// A member of a type it does not fit, or unknown, kept as it was (in the reader's <see cref="ExtraFields"/>); the
    /// last of a repeated name counts.
    /// </summary>
    private sealed class Fields
    {
        private ExtraFields _extra;

        public string? String(JsonProperty member)
        {
            Forget(member.Name);
            switch (member.Value.ValueKind)
            {
                case JsonValueKind.String:
                    return member.Value.GetString();
                case JsonValueKind.Null:
                    return null;
                default:
                    Keep(member);
                    return null;
            }
        }

        public DateTimeOffset? Time(JsonProperty member)
        {
            Forget(member.Name);
            if (member.Value.ValueKind == JsonValueKind.String && TimeFormat.TryParse(member.Value.GetString().AsSpan(), out DateTimeOffset time))
            {
                return time;
            }

            if (member.Value.ValueKind != JsonValueKind.Null)
            {
                Keep(member);
            }

            return null;
        }

        public void Keep(JsonProperty member) => _extra.Add(member.Name, member.Value.Clone());

        public T Keep<T>(JsonProperty member, T value)
        {
            Keep(member);
            return value;
        }

        public IReadOnlyDictionary<string, JsonElement> Build() => _extra.Build();

        public void Forget(string name) => _extra.Forget(name);
    }
}
