using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Integrity;

/// <summary>A log file a digest lists (an element of <c>logFiles</c>), with the SHA-256 of its decompressed bytes.</summary>
public sealed record CloudTrailDigestLogFile
{
    /// <summary>The bucket the log file was delivered to (<c>s3Bucket</c>).</summary>
    public string? S3Bucket { get; init; }

    /// <summary>The log file's object key (<c>s3Object</c>).</summary>
    public string? S3Object { get; init; }

    /// <summary>The lowercase hexadecimal SHA-256 of the log file's decompressed bytes (<c>hashValue</c>).</summary>
    public string? HashValue { get; init; }

    /// <summary>The hash algorithm (<c>hashAlgorithm</c>), <c>SHA-256</c>.</summary>
    public string? HashAlgorithm { get; init; }

    /// <summary>The newest <c>eventTime</c> in the log file (<c>newestEventTime</c>).</summary>
    public DateTimeOffset? NewestEventTime { get; init; }

    /// <summary>The oldest <c>eventTime</c> in the log file (<c>oldestEventTime</c>).</summary>
    public DateTimeOffset? OldestEventTime { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    /// <summary>
    /// Checks a log file's bytes, as delivered (gzip, detected by its magic bytes, or already decompressed), against
    /// <see cref="HashValue"/>: its decompressed bytes are hashed as they are read, in bounded memory. The stream is read
    /// to its end and not disposed.
    /// </summary>
    /// <param name="logFile">The log file's bytes.</param>
    /// <returns><see cref="DigestValidationStatus.Valid"/>, <see cref="DigestValidationStatus.HashMismatch"/>, or
    /// <see cref="DigestValidationStatus.InvalidFormat"/> when the digest lists no hash or the gzip data is corrupt (a file
    /// cut short is <see cref="DigestValidationStatus.HashMismatch"/>: it is not the file listed).</returns>
    public DigestValidationStatus Verify(Stream logFile) =>
        DigestBytes.RunSynchronously(VerifyAsync(logFile, synchronous: true, CancellationToken.None));

    /// <summary>Checks a log file's bytes against <see cref="HashValue"/> asynchronously; see <see cref="Verify(Stream)"/>.</summary>
    /// <param name="logFile">The log file's bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The outcome, as <see cref="Verify(Stream)"/> gives it.</returns>
    public Task<DigestValidationStatus> VerifyAsync(Stream logFile, CancellationToken cancellationToken = default) =>
        VerifyAsync(logFile, synchronous: false, cancellationToken).AsTask();

    private async ValueTask<DigestValidationStatus> VerifyAsync(Stream logFile, bool synchronous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logFile);
        if (!DigestBytes.TryDecodeHex(HashValue, out byte[]? expected) || expected.Length != 32)
        {
            return DigestValidationStatus.InvalidFormat;
        }

        byte[]? actual = await DigestBytes.Sha256OfDecompressedAsync(logFile, synchronous, cancellationToken).ConfigureAwait(false);
        return actual is null ? DigestValidationStatus.InvalidFormat
            : actual.AsSpan().SequenceEqual(expected) ? DigestValidationStatus.Valid
            : DigestValidationStatus.HashMismatch;
    }
}
