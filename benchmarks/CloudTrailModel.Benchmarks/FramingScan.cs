using CloudTrailModel.Reading.Framing;

namespace CloudTrailModel.Benchmarks;

/// <summary>Frames a log file's records with the reader's structural scan alone: each record's range, nothing read from it.</summary>
internal static class FramingScan
{
    public static int CountRecords(byte[] json)
    {
        int i = json.AsSpan().IndexOf("\"Records\""u8);
        i += json.AsSpan(i).IndexOf((byte)'[') + 1;
        int records = 0;
        while (true)
        {
            int start = json.AsSpan(i).IndexOfAnyExcept(" \t\r\n,"u8);
            if (start < 0 || json[i + start] != (byte)'{')
            {
                return records;
            }

            var state = default(ValueScanState);
            int end = ValueEndScanner.FindEnd(json.AsSpan(i + start), ref state);
            if (end < 0)
            {
                return records;
            }

            records++;
            i += start + end;
        }
    }
}
