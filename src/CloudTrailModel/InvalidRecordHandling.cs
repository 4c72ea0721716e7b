namespace CloudTrailModel;

/// <summary>What <see cref="CloudTrailReader"/> does when a record or the input around it cannot be read.</summary>
public enum InvalidRecordHandling
{
    /// <summary>
    /// Throw a <see cref="CloudTrailParseException"/> at the first problem, after every record before it
    /// has been yielded. This is the default.
    /// </summary>
    Throw = 0,

    /// <summary>
    /// Report each problem to <see cref="CloudTrailReaderOptions.OnInvalidRecord"/> and go on with the next
    /// record. Input that cannot continue (a truncated file, corrupt compressed data, a limit that was
    /// exceeded) ends the read after it has been reported.
    /// </summary>
    Skip = 1,
}
