namespace CloudTrailModel.Reading.Materialize;

/// <summary>What <see cref="RecordMaterializer"/> made of a slice.</summary>
internal enum MaterializeStatus
{
    /// <summary>A record.</summary>
    Ok,

    /// <summary>Malformed, too deep or cut short: the error code says which.</summary>
    Failed,

    /// <summary>The record is complete (its length is known) but cannot be accepted, e.g. it is not valid UTF-8.</summary>
    Rejected,
}
