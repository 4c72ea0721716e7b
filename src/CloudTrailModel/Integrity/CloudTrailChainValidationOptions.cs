namespace CloudTrailModel.Integrity;

/// <summary>What <see cref="CloudTrailChainValidator"/> validates and with which keys; like the options of <c>aws cloudtrail validate-logs</c>.</summary>
public sealed record CloudTrailChainValidationOptions
{
    /// <summary>
    /// CloudTrail's public keys for the digests' regions and period (<see cref="CloudTrailPublicKey.ParseList"/> reads
    /// <c>aws cloudtrail list-public-keys</c>); each digest's key is found by its <c>digestPublicKeyFingerprint</c>.
    /// </summary>
    public IReadOnlyList<CloudTrailPublicKey> PublicKeys { get; init; } = [];

    /// <summary>The start of the range (<c>--start-time</c>): log files delivered from then on, and the digests that list them; null for everything.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>The end of the range (<c>--end-time</c>): log files delivered until then, and the digests (up to two hours later) that list them; null for now.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only these accounts (the key's account folder), or null for every account found (every member account of an organisation trail).</summary>
    public IReadOnlyCollection<string>? AccountIds { get; init; }

    /// <summary>Only these regions (the key's region folder), or null for every region found.</summary>
    public IReadOnlyCollection<string>? Regions { get; init; }

    /// <summary>Only the digests of this trail (the trail name in a digest's file name), or null for every trail delivering to the prefix.</summary>
    public string? TrailName { get; init; }

    /// <summary>
    /// Gives a digest's own signature, the hexadecimal <c>x-amz-meta-signature</c> metadata CloudTrail stores with each
    /// digest object (the store's key in, null out when unknown). The S3 package supplies it from S3; for a downloaded
    /// folder supply what was captured when downloading. Without it only the link from a newer proven digest proves a
    /// digest, so the newest digest of each chain stays <see cref="CloudTrailChainFileStatus.Unverified"/>, and so does
    /// everything it would prove.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<string?>>? DigestSignatureProvider { get; init; }

    /// <summary>How many log files are hashed at once (each one streamed); 4 by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 4;
}
