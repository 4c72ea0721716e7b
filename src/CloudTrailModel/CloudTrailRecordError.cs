namespace CloudTrailModel;

/// <summary>
/// One problem found while reading CloudTrail input, as reported to
/// <see cref="CloudTrailReaderOptions.OnInvalidRecord"/> in <see cref="InvalidRecordHandling.Skip"/> mode.
/// </summary>
/// <param name="RecordIndex">
/// The 0-based index of the record slot the problem belongs to, counted over every record slot of the input
/// (returned and reported alike). For a problem after the last record (a truncated envelope, trailing data)
/// it is the index the next record would have had.
/// </param>
/// <param name="BytePosition">
/// The absolute byte offset, in the decompressed input, of the start of the bad record (or of the point where
/// the input stopped making sense).
/// </param>
/// <param name="ErrorCode">What went wrong, as a stable code.</param>
/// <param name="Message">A human-readable description. It never contains field values from the input.</param>
public readonly record struct CloudTrailRecordError(
    long RecordIndex,
    long BytePosition,
    CloudTrailErrorCode ErrorCode,
    string Message)
{
    /// <summary>
    /// For <see cref="CloudTrailErrorCode.InvalidJson"/>: the 0-based line, counted from the start of the record,
    /// where the JSON stopped being valid; otherwise <see langword="null"/>.
    /// </summary>
    public long? LineInRecord { get; init; }

    /// <summary>
    /// For <see cref="CloudTrailErrorCode.InvalidJson"/>: the 0-based byte position within <see cref="LineInRecord"/>
    /// where the JSON stopped being valid; otherwise <see langword="null"/>.
    /// </summary>
    public long? BytePositionInLine { get; init; }
}
