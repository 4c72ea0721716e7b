using CloudTrailModel.Reading.Framing;
using CloudTrailModel.Reading.Materialize;

namespace CloudTrailModel.Internal;

/// <summary>Parses exactly one record from memory (<see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>).</summary>
internal static class SingleRecordParser
{
    public static CloudTrailRecord? Parse(ReadOnlySpan<byte> utf8Json, out CloudTrailRecordError error)
    {
        error = default;
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        int start = utf8Json.StartsWith(bom) ? 3 : 0;
        ReadOnlySpan<byte> whitespace = " \t\r\n"u8;
        int first = utf8Json[start..].IndexOfAnyExcept(whitespace);
        if (first < 0)
        {
            error = Error(CloudTrailErrorCode.EmptyInput, 0, null, null);
            return null;
        }

        start += first;
        if (utf8Json[start] != (byte)'{')
        {
            error = Error(CloudTrailErrorCode.NotAnObject, start, null, null);
            return null;
        }

        byte[] bytes = utf8Json.ToArray();
        MaterializeStatus status = RecordMaterializer.Materialize(
            ParseState.ForOneRecord(), bytes, start, bytes.Length, inputEnded: true, CloudTrailReaderOptions.DefaultMaxDepth,
            out CloudTrailRecord? record, out int consumed, out CloudTrailErrorCode code, out long? line, out long? column);
        if (status != MaterializeStatus.Ok)
        {
            error = Error(code, start, line, column);
            return null;
        }

        int end = start + consumed;
        if (utf8Json[end..].IndexOfAnyExcept(whitespace) >= 0)
        {
            error = Error(CloudTrailErrorCode.TrailingData, end, null, null);
            return null;
        }

        if (!RecordMarkers.HasMarker(record!))
        {
            error = RecordRecognition.NotARecord(record!, start);
            return null;
        }

        return record;
    }

    private static CloudTrailRecordError Error(CloudTrailErrorCode code, long offset, long? line, long? column) =>
        new(0, offset, code, ErrorMessages.For(code, 0, offset, line, column)) { LineInRecord = line, BytePositionInLine = column };
}
