namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Bounds the work of scans that must see a whole document (or a top-level object's members) from its start: after a
/// scan from an offset ran out of input, it runs again from there only once the input held there has doubled, so a
/// document read in small chunks is scanned a logarithmic number of times, not once per chunk. It runs anyway at the
/// end of the input, with the window full, or once the limit's worth is held.
/// </summary>
internal sealed class RescanGate
{
    private long _offset = -1;
    private long _at;

    /// <summary>Whether a scan from absolute offset <paramref name="offset"/>, with <paramref name="held"/> bytes held from there, should wait for more input.</summary>
    public bool ShouldWait(long offset, int held, long limit, bool inputEnded, bool windowFull) =>
        !inputEnded && !windowFull && offset == _offset && held < Math.Min(_at, limit);

    /// <summary>Notes that a scan from <paramref name="offset"/> ran out of input with <paramref name="held"/> bytes held.</summary>
    public void RanOut(long offset, int held)
    {
        _offset = offset;
        _at = 2L * held;
    }
}
