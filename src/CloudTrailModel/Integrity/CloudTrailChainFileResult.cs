namespace CloudTrailModel.Integrity;

/// <summary>The outcome of chain validation for one digest or log file.</summary>
/// <param name="Key">The object's key in the store (the bucket key CloudTrail delivered it to).</param>
/// <param name="Kind"><see cref="CloudTrailObjectKind.Digest"/> or <see cref="CloudTrailObjectKind.Log"/>.</param>
/// <param name="Status">What validation found.</param>
/// <param name="Check">
/// The check that decided <paramref name="Status"/> (<see cref="DigestValidationStatus.Valid"/> when it passed): for
/// example <see cref="DigestValidationStatus.HashMismatch"/> for a modified file or
/// <see cref="DigestValidationStatus.PublicKeyNotFound"/> for a digest signed with an unknown key; null when no check ran
/// (a deleted, missing, not yet delivered or unverified file).
/// </param>
/// <param name="DigestKey">For a log file, the key of the digest that lists it (null when none does); for a digest, the newer digest that names it as previous (null for the newest).</param>
public sealed record CloudTrailChainFileResult(string Key, CloudTrailObjectKind Kind, CloudTrailChainFileStatus Status, DigestValidationStatus? Check, string? DigestKey)
{
    /// <summary>Whether the digest is a backfill digest (<c>_backfill</c>), delivered later for log files a delay kept out of their hour's digest; false for a log file.</summary>
    public bool IsBackfill { get; init; }
}
