namespace CloudTrailModel.Integrity;

/// <summary>The outcome of one integrity check of a digest file or of a log file it lists.</summary>
public enum DigestValidationStatus
{
    /// <summary>The check passed.</summary>
    Valid = 0,

    /// <summary>
    /// A member the check needs is missing or not of its type (a fingerprint, location, time, hash or the
    /// <c>previousDigestSignature</c> member), the digest was not read from bytes (built in code, so it has no
    /// <see cref="CloudTrailDigest.Sha256"/>), or a log file is not valid gzip.
    /// </summary>
    InvalidFormat = 1,

    /// <summary>The digest names another location (<c>digestS3Bucket</c>/<c>digestS3Object</c>) than the one it was found at.</summary>
    Moved = 2,

    /// <summary>None of the given public keys has the digest's <c>digestPublicKeyFingerprint</c>.</summary>
    PublicKeyNotFound = 3,

    /// <summary>The signature is missing, not hexadecimal, or not the key's signature of the digest.</summary>
    SignatureInvalid = 4,

    /// <summary>The SHA-256 of a log file (decompressed) or of the previous digest is not the one listed.</summary>
    HashMismatch = 5,

    /// <summary>The digest is a starting digest: it names no previous digest to check.</summary>
    NoPreviousDigest = 6,
}
