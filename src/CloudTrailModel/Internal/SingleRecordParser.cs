using System.Buffers;
using System.Text;
using CloudTrailModel.Reading.Framing;
using CloudTrailModel.Reading.Materialize;

namespace CloudTrailModel.Internal;

/// <summary>
/// Parses exactly one record from memory (<see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>), with a kept
/// reader's tables where one is free (<see cref="ParseStateCache.RentForOneRecord"/>), so records parsed one at a time
/// share their repeated values as a reader's records do.
/// </summary>
internal static class SingleRecordParser
{
    public static CloudTrailRecord? Parse(string json, out CloudTrailRecordError error)
    {
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(json));
        try
        {
            return Parse(bytes, Encoding.UTF8.GetBytes(json, bytes), out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public static CloudTrailRecord? Parse(ReadOnlySpan<byte> utf8Json, out CloudTrailRecordError error)
    {
        // The parser reads from an array; a record keeps none of it (its raw values and deferred strings are copied
        // into an array of its own), so the copy is rented.
        byte[] bytes = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            utf8Json.CopyTo(bytes);
            return Parse(bytes, utf8Json.Length, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static CloudTrailRecord? Parse(byte[] bytes, int length, out CloudTrailRecordError error)
    {
        error = default;
        ReadOnlySpan<byte> utf8Json = bytes.AsSpan(0, length);
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

        ParseState state = ParseStateCache.RentForOneRecord();
        MaterializeStatus status;
        CloudTrailRecord? record;
        int consumed;
        CloudTrailErrorCode code;
        long? line, column;
        try
        {
            status = RecordMaterializer.Materialize(
                state, bytes, start, length, inputEnded: true, CloudTrailReaderOptions.DefaultMaxDepth,
                out record, out consumed, out code, out line, out column);
        }
        finally
        {
            ParseStateCache.ReturnForOneRecord(state);
        }

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
