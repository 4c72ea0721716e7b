namespace CloudTrailModel.Internal;

/// <summary>A listed log or Insights file of a trail, in reading order.</summary>
internal sealed record TrailFile(CloudTrailObjectKey Key, long Size)
{
    // Reading order: key time (delivery), then ordinal key, so every run and every degree of parallelism agrees.
    public static int Compare(CloudTrailObjectKey a, CloudTrailObjectKey b)
    {
        int byTime = a.Time.UtcTicks.CompareTo(b.Time.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Key, b.Key);
    }
}
