namespace CloudTrailModel.Reading.Materialize;

/// <summary>What <see cref="RecordPrescan"/> made of a record slice.</summary>
internal enum PrescanResult
{
    /// <summary>The header was read and the record's length is known.</summary>
    Scanned,

    /// <summary>Malformed, or something left to the full parse (an escaped member name).</summary>
    Malformed,
}
