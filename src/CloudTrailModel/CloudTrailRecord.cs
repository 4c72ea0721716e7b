using System.Diagnostics.CodeAnalysis;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

// Parsing one record; the members, their storage, reader and writer are generated from CloudTrailRecord.members.
public sealed partial record CloudTrailRecord
{
    /// <summary>Parses one record from UTF-8 JSON.</summary>
    /// <param name="utf8Json">Exactly one JSON object (whitespace around it is allowed).</param>
    /// <returns>The record.</returns>
    /// <exception cref="CloudTrailParseException">
    /// The input is not one well-formed JSON object, or the object has none of the members of a record
    /// (<see cref="CloudTrailErrorCode.NotCloudTrail"/>: an EventBridge event, a log file, <c>{}</c>).
    /// </exception>
    public static CloudTrailRecord Parse(ReadOnlySpan<byte> utf8Json)
    {
        CloudTrailRecord? record = SingleRecordParser.Parse(utf8Json, out CloudTrailRecordError error);
        return record ?? throw new CloudTrailParseException(error);
    }

    /// <summary>Parses one record from JSON text.</summary>
    /// <param name="json">Exactly one JSON object.</param>
    /// <returns>The record.</returns>
    /// <exception cref="CloudTrailParseException">
    /// The input is not one well-formed JSON object, or the object has none of the members of a record
    /// (<see cref="CloudTrailErrorCode.NotCloudTrail"/>: an EventBridge event, a log file, <c>{}</c>).
    /// </exception>
    public static CloudTrailRecord Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CloudTrailRecord? record = SingleRecordParser.Parse(json, out CloudTrailRecordError error);
        return record ?? throw new CloudTrailParseException(error);
    }

    /// <summary>Tries to parse one record from UTF-8 JSON; never throws for bad input.</summary>
    /// <param name="utf8Json">Exactly one JSON object.</param>
    /// <param name="record">The record, when the input was valid.</param>
    /// <returns><see langword="true"/> when the input was one well-formed JSON object with at least one member of a record.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out CloudTrailRecord? record)
    {
        record = SingleRecordParser.Parse(utf8Json, out _);
        return record is not null;
    }

    /// <summary>Tries to parse one record from JSON text; never throws for bad input.</summary>
    /// <param name="json">Exactly one JSON object.</param>
    /// <param name="record">The record, when the input was valid.</param>
    /// <returns><see langword="true"/> when the input was one well-formed JSON object with at least one member of a record.</returns>
    public static bool TryParse([NotNullWhen(true)] string? json, [NotNullWhen(true)] out CloudTrailRecord? record)
    {
        if (json is null)
        {
            record = null;
            return false;
        }

        record = SingleRecordParser.Parse(json, out _);
        return record is not null;
    }
}
