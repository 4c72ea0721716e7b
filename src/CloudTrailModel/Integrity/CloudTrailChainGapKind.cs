namespace CloudTrailModel.Integrity;

/// <summary>Why a trail's digest chain is broken between two digests.</summary>
public enum CloudTrailChainGapKind
{
    /// <summary>A digest names a previous digest (<c>previousDigestS3Object</c>) that is not in the store.</summary>
    DigestDeleted = 0,

    /// <summary>
    /// A starting digest (no previous digest) follows older digests of the same trail and region: logging or log file
    /// validation was turned off and on again, so the time between is not covered by the chain.
    /// </summary>
    ChainRestarted = 1,

    /// <summary>A digest that no newer digest names as its previous one (the newer digest names another), so the chain does not reach it.</summary>
    Unlinked = 2,
}
