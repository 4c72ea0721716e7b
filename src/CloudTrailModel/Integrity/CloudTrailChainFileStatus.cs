namespace CloudTrailModel.Integrity;

/// <summary>What chain validation (<see cref="CloudTrailChainValidator"/>) found for one digest or log file, in the words of <c>aws cloudtrail validate-logs</c>.</summary>
public enum CloudTrailChainFileStatus
{
    /// <summary>
    /// Proven: a digest whose signature is valid (from its <c>x-amz-meta-signature</c>, or through the link from a proven
    /// newer digest), or a log file listed in a proven digest whose decompressed bytes hash to the listed value.
    /// </summary>
    Valid = 0,

    /// <summary>
    /// Changed since CloudTrail delivered it: a log file whose hash is not the one listed (or whose gzip is corrupt), or a
    /// digest whose signature does not verify or whose hash is not the one its newer digest lists.
    /// </summary>
    Modified = 1,

    /// <summary>Listed (a log file by a digest, a digest by the next digest's <c>previousDigestS3Object</c>) but absent from the store.</summary>
    Deleted = 2,

    /// <summary>A log file present in the store and in the range, delivered before the newest digest, that no digest lists.</summary>
    Missing = 3,

    /// <summary>A log file present in the store and newer than its region's newest digest: the digest that will list it is not delivered yet.</summary>
    NotYetDelivered = 4,

    /// <summary>
    /// A log file whose listed hash matches its gzip member, followed by more bytes (which gzip readers skip): data was
    /// appended after delivery.
    /// </summary>
    AppendedData = 5,

    /// <summary>
    /// Not proven either way: a digest with no signature to check (none supplied, and no proven newer digest links to it)
    /// or a log file whose hash matches but whose digest is not proven.
    /// </summary>
    Unverified = 6,

    /// <summary>
    /// A digest that cannot be checked as CloudTrail wrote it: not a digest's JSON, members missing, found at another
    /// location than it names, or signed with a key whose fingerprint is not among the supplied public keys
    /// (<see cref="CloudTrailChainFileResult.Check"/> says which).
    /// </summary>
    Invalid = 7,
}
