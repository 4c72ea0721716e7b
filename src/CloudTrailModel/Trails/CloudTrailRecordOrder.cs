namespace CloudTrailModel;

/// <summary>The order in which <see cref="CloudTrailTrail"/> yields the records of a trail.</summary>
public enum CloudTrailRecordOrder
{
    /// <summary>
    /// File by file, files by their key's time (delivery time) and then ordinal key, each file's records in file order.
    /// The cheapest order: records are yielded as they are read. Records are in no time order within a file (CloudTrail
    /// promises none) and only roughly across files.
    /// </summary>
    File,

    /// <summary>
    /// By <c>eventTime</c>, merged across files inside <see cref="CloudTrailTrailOptions.LatenessWindow"/>; ties in the
    /// order <see cref="File"/> would give. A record delivered more than the window after its <c>eventTime</c> (by its
    /// file's key time) is late: it is yielded as soon as it is read, out of order, and counted in
    /// <see cref="CloudTrailTrailProgress.LateRecords"/>. Records wait in memory until the window has passed them.
    /// </summary>
    EventTime,
}
