namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Where a structural scan of one JSON value stands when the buffered input ends before the value does, so the scan
/// resumes after a window refill without looking at a byte twice.
/// </summary>
internal struct ValueScanState
{
    /// <summary>The containers open at this point (0 before the value's first bracket).</summary>
    public int Depth;

    /// <summary>Whether this point is inside a string.</summary>
    public bool InString;

    /// <summary>Whether the next byte is escaped (the last one was a backslash that was not itself escaped).</summary>
    public bool Escaped;
}
