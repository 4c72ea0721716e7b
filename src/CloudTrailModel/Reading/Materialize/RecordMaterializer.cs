using System.Text.Json;
using System.Text.Unicode;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Reading.Materialize;

/// <summary>Turns a record slice the framer found complete into a <see cref="CloudTrailRecord"/> in one pass, or says why it cannot.</summary>
internal static class RecordMaterializer
{
    /// <summary>
    /// Parses the object of <c>buffer[start..end)</c>, a complete record slice, or the rest of an input that ended
    /// before the value did (<paramref name="inputEnded"/>: a failure there may be <see cref="CloudTrailErrorCode.Truncated"/>).
    /// On <see cref="MaterializeStatus.Failed"/> <paramref name="code"/> says why.
    /// </summary>
    public static MaterializeStatus Materialize(
        ParseState state, byte[] buffer, int start, int end, bool inputEnded, int maxDepth,
        out CloudTrailRecord? record, out int consumed, out CloudTrailErrorCode code, out long? line, out long? column)
    {
        // Free-form values are skipped fast; a record that fails is parsed again without that, so what is reported
        // (the error, its line and column) is exactly the reader's own.
        state.FastSkipMaxDepth = maxDepth;
        MaterializeStatus status = MaterializeOnce(state, buffer, start, end, inputEnded, maxDepth, framed: true, out record, out consumed, out code, out line, out column);
        if (status == MaterializeStatus.Failed && state.SkippedFast)
        {
            state.FastSkipMaxDepth = 0;
            status = MaterializeOnce(state, buffer, start, end, inputEnded, maxDepth, framed: true, out record, out consumed, out code, out line, out column);
        }

        return status;
    }

    /// <summary>
    /// Parses the record starting at <paramref name="start"/> of <c>buffer[start..end)</c>, bytes not framed yet (the
    /// rest of a window), so the parse finds the record's end itself: true with the record and its length when it
    /// ends there and is valid. Otherwise false, nothing said: the caller frames the record and materialises the
    /// slice, which reports any error exactly.
    /// </summary>
    public static bool TryMaterializeUnframed(ParseState state, byte[] buffer, int start, int end, int maxDepth, out CloudTrailRecord? record, out int consumed)
    {
        state.FastSkipMaxDepth = maxDepth;
        return MaterializeOnce(state, buffer, start, end, inputEnded: false, maxDepth, framed: false, out record, out consumed, out _, out _, out _) == MaterializeStatus.Ok;
    }

    private static MaterializeStatus MaterializeOnce(
        ParseState state, byte[] buffer, int start, int end, bool inputEnded, int maxDepth, bool framed,
        out CloudTrailRecord? record, out int consumed, out CloudTrailErrorCode code, out long? line, out long? column)
    {
        record = null;
        consumed = 0;
        code = default;
        line = null;
        column = null;
        state.SetSource(buffer, start, end - start);

        // The record is checked to be valid UTF-8 below before it is returned, so its strings may be decoded later.
        state.AllowDeferredStrings = true;
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), isFinalBlock: true, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));
        try
        {
            ParseState.Read(ref reader);
            record = CloudTrailRecord.ReadRecord(ref reader, state);
            consumed = state.SourceIndex(reader.BytesConsumed);

            // Utf8JsonReader checks UTF-8 only in the strings it transcodes; raw subtrees are kept as bytes, so one
            // vectorised pass makes invalid UTF-8 anywhere in a record an error instead of bytes that cannot be written back.
            if (!Utf8.IsValid(buffer.AsSpan(start, consumed)))
            {
                record = null;
                code = CloudTrailErrorCode.InvalidJson;
                return MaterializeStatus.Rejected;
            }

            return MaterializeStatus.Ok;
        }
        catch (JsonException ex)
        {
            if (!framed)
            {
                return MaterializeStatus.Failed;
            }

            code = Classify(buffer.AsSpan(start, end - start), inputEnded, maxDepth);
            if (code == CloudTrailErrorCode.InvalidJson)
            {
                line = ex.LineNumber;
                column = ex.BytePositionInLine;
            }

            return MaterializeStatus.Failed;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader reports some malformed values (bad escapes, invalid UTF-8 in names) this way.
            code = CloudTrailErrorCode.InvalidJson;
            return MaterializeStatus.Failed;
        }
    }

    /// <summary>Tells a record that is cut short or too deep from one that is malformed, by scanning it again without the model.</summary>
    private static CloudTrailErrorCode Classify(ReadOnlySpan<byte> span, bool inputEnded, int maxDepth)
    {
        var reader = new Utf8JsonReader(span, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth + 1 }));
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= maxDepth && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    return CloudTrailErrorCode.MaxDepthExceeded;
                }

                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    // The value ended: what failed was the model or what follows, not the syntax of the record.
                    return CloudTrailErrorCode.InvalidJson;
                }
            }

            return inputEnded ? CloudTrailErrorCode.Truncated : CloudTrailErrorCode.InvalidJson;
        }
        catch (JsonException)
        {
            return CloudTrailErrorCode.InvalidJson;
        }
    }
}
