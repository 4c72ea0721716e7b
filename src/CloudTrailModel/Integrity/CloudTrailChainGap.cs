namespace CloudTrailModel.Integrity;

/// <summary>A break in a trail's digest chain for one account and region: digests after it do not prove the ones before.</summary>
/// <param name="Kind">What broke the chain.</param>
/// <param name="NewerDigestKey">The digest on the newer side of the gap.</param>
/// <param name="OlderDigestKey">The digest on the older side: the deleted one it names, or the next older digest found; null when there is none.</param>
public sealed record CloudTrailChainGap(CloudTrailChainGapKind Kind, string NewerDigestKey, string? OlderDigestKey);
