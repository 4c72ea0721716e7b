using System.Text.Json;

namespace CloudTrailModel;

/// <summary>
/// Thrown when CloudTrail input cannot be read in <see cref="InvalidRecordHandling.Throw"/> mode, or by
/// <see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>. The message never contains field values.
/// </summary>
public sealed class CloudTrailParseException : JsonException
{
    /// <summary>Creates an exception for the given error.</summary>
    /// <param name="error">The problem found.</param>
    public CloudTrailParseException(CloudTrailRecordError error)
        : base(error.Message, path: null, lineNumber: error.LineInRecord, bytePositionInLine: error.BytePositionInLine)
    {
        Error = error;
    }

    /// <summary>The problem, with its record index, byte offset and code.</summary>
    public CloudTrailRecordError Error { get; }

    /// <summary>What went wrong, as a stable code.</summary>
    public CloudTrailErrorCode ErrorCode => Error.ErrorCode;

    /// <summary>The 0-based index of the record slot the problem belongs to.</summary>
    public long RecordIndex => Error.RecordIndex;

    /// <summary>The absolute byte offset, in the decompressed input, of the bad record.</summary>
    public long BytePosition => Error.BytePosition;
}
