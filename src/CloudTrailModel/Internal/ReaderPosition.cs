using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>
/// Where a value handed to a converter starts in the whole JSON text. <see cref="Utf8JsonReader.TokenStartIndex"/>
/// counts from the start of the reader's current buffer, and a serializer reading a stream hands its converters a new
/// reader for each buffer; only the reader's line and byte-in-line, kept in <see cref="JsonReaderState"/>, run on across buffers.
/// </summary>
internal static class ReaderPosition
{
    /// <summary>
    /// The offset of the one-byte token (<c>{</c>) the reader whose state is <paramref name="afterToken"/> has just read:
    /// exact on the first line of the text (the whole of any JSON that AWS sends), however the input was buffered; on a
    /// later line, <paramref name="tokenStartIndex"/>, exact when the text was read from memory.
    /// </summary>
    public static long OfToken(JsonReaderState afterToken, long tokenStartIndex, out long line, out long byteInLine)
    {
        (line, long after) = LineAndByte(afterToken);
        byteInLine = after - 1;
        return line == 0 && byteInLine >= 0 ? byteInLine : tokenStartIndex;
    }

    /// <summary>
    /// The reader's 0-based line and byte in that line. <see cref="Utf8JsonReader"/> exposes them only in the exceptions it
    /// throws, so a reader resumed from the state is made to throw on its first byte (on the error path only).
    /// </summary>
    private static (long Line, long Byte) LineAndByte(JsonReaderState state)
    {
        var probe = new Utf8JsonReader("\0"u8, isFinalBlock: true, state);
        try
        {
            probe.Read();
        }
        catch (JsonException e)
        {
            return (e.LineNumber ?? -1, e.BytePositionInLine ?? 0);
        }

        return (-1, 0);
    }
}
