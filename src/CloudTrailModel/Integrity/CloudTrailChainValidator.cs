using CloudTrailModel.Internal;

namespace CloudTrailModel.Integrity;

/// <summary>
/// Validates the digest chains of a trail over a time range, offline or against any <see cref="ICloudTrailObjectStore"/>,
/// as <c>aws cloudtrail validate-logs</c> does: per organisation, account, region and trail it lists only the day
/// folders of the range, reads the digests delivered in it, checks each digest's signature (its own, from
/// <see cref="CloudTrailChainValidationOptions.DigestSignatureProvider"/>, and the link from the next digest through
/// <c>previousDigestSignature</c> and <c>previousDigestHashValue</c>), hashes every log file the digests list, and reports
/// valid, modified, deleted, missing and not yet delivered files, log files with data appended, and gaps in the chains.
/// </summary>
/// <remarks>
/// The keys digests name (log files, previous digests) are looked for under the prefix validated, with the trail's own
/// S3 key prefix replaced by it, so a folder synced with the prefix (<c>prefix</c> given) or without it (none) both
/// match; a digest is <see cref="DigestValidationStatus.Moved"/> when it names another place than where it was found.
/// A missing object is recognised by the store's <see cref="FileNotFoundException"/> (or <see cref="DirectoryNotFoundException"/>). Digests are chosen by the end time in their names, from
/// <see cref="CloudTrailChainValidationOptions.From"/> to two hours after <see cref="CloudTrailChainValidationOptions.To"/>
/// (the digests that list the range's last log files); log files by the delivery time in their names. Backfill digests
/// stand outside the chain and are proven by their own signature only.
/// </remarks>
public static class CloudTrailChainValidator
{
    /// <summary>Validates the digest chains under a prefix of a store (an S3 bucket in package <c>CloudTrailModel.S3</c>, or any other).</summary>
    /// <param name="store">The store the trail was delivered to.</param>
    /// <param name="prefix">The trail's S3 key prefix (the text before <c>AWSLogs/</c>, a final <c>/</c> optional), or null for none.</param>
    /// <param name="options">The keys, the range and what to validate.</param>
    /// <param name="cancellationToken">Cancels validation.</param>
    /// <returns>The report.</returns>
    /// <remarks>Failures of the store itself (other than an object not found) come through as the store's exceptions.</remarks>
    public static Task<CloudTrailChainReport> ValidateAsync(ICloudTrailObjectStore store, string? prefix, CloudTrailChainValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        string root = string.IsNullOrEmpty(prefix) || prefix.EndsWith('/') ? prefix ?? string.Empty : prefix + "/";
        return new ChainValidation(store, root, options).RunAsync(cancellationToken);
    }

    /// <summary>Validates the digest chains of a trail downloaded to a folder (laid out as the bucket: <c>AWSLogs/</c> at its root, or under <paramref name="prefix"/>).</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="options">The keys, the range and what to validate.</param>
    /// <param name="prefix">The trail's S3 key prefix inside the folder, or null for none.</param>
    /// <param name="cancellationToken">Cancels validation.</param>
    /// <returns>The report.</returns>
    public static Task<CloudTrailChainReport> ValidateAsync(string folder, CloudTrailChainValidationOptions options, string? prefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return ValidateAsync(new FolderObjectStore(folder), prefix, options, cancellationToken);
    }

    /// <summary>Validates the digest chains of a trail downloaded to a folder; see <see cref="ValidateAsync(string, CloudTrailChainValidationOptions, string?, CancellationToken)"/>.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="options">The keys, the range and what to validate.</param>
    /// <param name="prefix">The trail's S3 key prefix inside the folder, or null for none.</param>
    /// <returns>The report.</returns>
    public static CloudTrailChainReport Validate(string folder, CloudTrailChainValidationOptions options, string? prefix = null) =>
        Task.Run(() => ValidateAsync(folder, options, prefix)).GetAwaiter().GetResult();
}
