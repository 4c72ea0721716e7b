namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Frames the records that follow one another in a window (elements of an array, or JSON Lines), for the fan-out: the
/// helper that takes a batch frames it while the reading thread goes on reading records one by one.
/// </summary>
internal static class WindowSlices
{
    /// <summary>
    /// The start of the next complete record slice at or after <paramref name="from"/> (its length in
    /// <paramref name="length"/>), or -1 where the records stop being records in the same place, complete and within
    /// <paramref name="maxRecordBytes"/>. In an array each record but the <paramref name="first"/> follows a comma; in
    /// JSON Lines a top-level object is a record only when a record member comes first, as the probe would decide.
    /// </summary>
    public static int Next(ReadOnlySpan<byte> window, int from, bool lines, bool first, int maxRecordBytes, out int length)
    {
        length = 0;
        int i = RecordFramer.SkipWhitespace(window, from);
        if (!lines && !first)
        {
            if (i >= window.Length || window[i] != (byte)',')
            {
                return -1;
            }

            i = RecordFramer.SkipWhitespace(window, i + 1);
        }

        if (i >= window.Length || window[i] != (byte)'{' || (lines && !RecordMarkers.StartsWithMarker(window[i..])))
        {
            return -1;
        }

        var state = default(ValueScanState);
        length = ValueEndScanner.FindEnd(window[i..], ref state);
        return length < 0 || length > maxRecordBytes ? -1 : i;
    }
}
