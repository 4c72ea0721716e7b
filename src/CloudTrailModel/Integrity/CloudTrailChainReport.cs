namespace CloudTrailModel.Integrity;

/// <summary>
/// The result of validating a trail's digest chains over a time range (<see cref="CloudTrailChainValidator"/>): every
/// digest and log file considered with what was found, and the gaps in the chains.
/// </summary>
public sealed class CloudTrailChainReport
{
    internal CloudTrailChainReport(IReadOnlyList<CloudTrailChainFileResult> digests, IReadOnlyList<CloudTrailChainFileResult> logFiles, IReadOnlyList<CloudTrailChainGap> gaps)
    {
        Digests = digests;
        LogFiles = logFiles;
        Gaps = gaps;
    }

    /// <summary>The digest files, newest first per account, region and trail (backfill digests after each chain), with deleted ones where the chain names them.</summary>
    public IReadOnlyList<CloudTrailChainFileResult> Digests { get; }

    /// <summary>The log files: those the digests list, in digest order, then those present that no digest lists, in key order.</summary>
    public IReadOnlyList<CloudTrailChainFileResult> LogFiles { get; }

    /// <summary>The breaks in the chains.</summary>
    public IReadOnlyList<CloudTrailChainGap> Gaps { get; }

    /// <summary>
    /// Whether everything found is proven: at least one digest, every digest and log file <see cref="CloudTrailChainFileStatus.Valid"/>
    /// or <see cref="CloudTrailChainFileStatus.NotYetDelivered"/>, and no gap.
    /// </summary>
    public bool IsValid =>
        Digests.Count > 0 && Gaps.Count == 0
        && Digests.All(d => d.Status == CloudTrailChainFileStatus.Valid)
        && LogFiles.All(l => l.Status is CloudTrailChainFileStatus.Valid or CloudTrailChainFileStatus.NotYetDelivered);

    /// <summary>How many digests have a status.</summary>
    /// <param name="status">The status to count.</param>
    /// <returns>The number of digests with <paramref name="status"/>.</returns>
    public int CountDigests(CloudTrailChainFileStatus status) => Digests.Count(d => d.Status == status);

    /// <summary>How many log files have a status.</summary>
    /// <param name="status">The status to count.</param>
    /// <returns>The number of log files with <paramref name="status"/>.</returns>
    public int CountLogFiles(CloudTrailChainFileStatus status) => LogFiles.Count(l => l.Status == status);
}
