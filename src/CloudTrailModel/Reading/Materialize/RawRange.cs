namespace CloudTrailModel.Internal;

/// <summary>Where a free-form value sits in the source of a record (an empty range: absent or JSON null).</summary>
internal readonly record struct RawRange(int Start, int Length);
