using System.Text.Json;
using System.Text.Unicode;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Reading.Materialize;

/// <summary>
/// Reads just the header fields of the record at a buffer position for <see cref="CloudTrailReaderOptions.Filter"/>,
/// skipping every other value without looking into it.
/// </summary>
internal static class RecordPrescan
{
    public static PrescanResult Scan(
        ParseState state, byte[] buffer, int start, int end, int maxDepth,
        out CloudTrailRecordHeader header, out int consumed)
    {
        consumed = 0;
        header = default;
        ReadOnlySpan<byte> span = buffer.AsSpan(start, end - start);
        var reader = new Utf8JsonReader(span, isFinalBlock: true, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));

        // Where in span the reader's span starts: values skipped fast make the reader again past them. Only whether the
        // record is malformed matters here (the full parse reports how), so the reader's lines and columns do not.
        int readerBase = 0;
        var fields = default(HeaderFields);
        try
        {
            if (!reader.Read())
            {
                return PrescanResult.Malformed;
            }

            while (true)
            {
                if (!reader.Read())
                {
                    return PrescanResult.Malformed;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if (reader.ValueIsEscaped)
                {
                    // Escaped member names are rare enough to leave to the full parser.
                    return PrescanResult.Malformed;
                }

                ReadOnlySpan<byte> member = reader.ValueSpan;
                if (!reader.Read() || !ReadMember(ref reader, member, state, span, ref readerBase, maxDepth, ref fields))
                {
                    return PrescanResult.Malformed;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: Utf8JsonReader reports some malformed values this way (an escaped string that
            // is not valid UTF-8, a name escaping a lone surrogate).
            return PrescanResult.Malformed;
        }

        consumed = readerBase + checked((int)reader.BytesConsumed);

        // The full parse rejects a record that is not valid UTF-8, or a typed string with an escaped lone surrogate
        // (Utf8JsonReader cannot make it a string): the scan leaves both to the full parse, or the filter could drop
        // such a record unreported. (A surrogate escape in a free-form value is fine there: those are left too, rarely.)
        ReadOnlySpan<byte> record = span[..consumed];
        if (!Utf8.IsValid(record) || HasSurrogateEscape(record))
        {
            return PrescanResult.Malformed;
        }

        header = new CloudTrailRecordHeader
        {
            EventSource = fields.Source,
            EventName = fields.Name,
            EventTime = fields.Time,
            AwsRegion = fields.Region,
            RecipientAccountId = fields.Recipient,
            UserAccountId = fields.UserAccount,
        };
        return PrescanResult.Scanned;
    }

    /// <summary>Whether the JSON holds a <c>\uD800</c>-<c>\uDFFF</c> escape (or something that looks like one).</summary>
    private static bool HasSurrogateEscape(ReadOnlySpan<byte> json)
    {
        int i = 0;
        while (true)
        {
            int hit = json[i..].IndexOf("\\u"u8);
            if (hit < 0)
            {
                return false;
            }

            i += hit + 2;
            if (i + 1 < json.Length && (json[i] | 0x20) == (byte)'d'
                && json[i + 1] is (byte)'8' or (byte)'9' or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }
    }

    /// <summary>Reads one member of the record (the reader is on its value) into <paramref name="fields"/> or skips it: false when malformed.</summary>
    private static bool ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> member, ParseState state, ReadOnlySpan<byte> span, ref int readerBase, int maxDepth, ref HeaderFields fields)
    {
        if (member.SequenceEqual("eventSource"u8))
        {
            fields.Source = PooledString(ref reader, state);
        }
        else if (member.SequenceEqual("eventName"u8))
        {
            fields.Name = PooledString(ref reader, state);
        }
        else if (member.SequenceEqual("awsRegion"u8))
        {
            fields.Region = PooledString(ref reader, state);
        }
        else if (member.SequenceEqual("recipientAccountId"u8))
        {
            fields.Recipient = PooledString(ref reader, state);
        }
        else if (member.SequenceEqual("eventTime"u8))
        {
            // As the full parse reads it: the last one counts.
            return ReadTime(ref reader, state, span, ref readerBase, maxDepth, out fields.Time);
        }
        else if (member.SequenceEqual("userIdentity"u8))
        {
            // The last userIdentity counts, as in the full parse.
            return ReadUserAccount(ref reader, state, span, ref readerBase, maxDepth, out fields.UserAccount);
        }
        else
        {
            return Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 1);
        }

        return true;
    }

    /// <summary>An event time as the full parse reads it (escaped or not; anything else is no time): false when malformed.</summary>
    private static bool ReadTime(ref Utf8JsonReader reader, ParseState state, ReadOnlySpan<byte> span, ref int readerBase, int maxDepth, out DateTimeOffset? time)
    {
        time = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            // An object or array is skipped whole, not taken for the record's own members.
            return Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 1);
        }

        if (reader.ValueIsEscaped ? TimeFormat.TryParse(reader.GetString()!, out DateTimeOffset t) : TimeFormat.TryParse(reader.ValueSpan, out t))
        {
            time = t;
        }

        return true;
    }

    /// <summary>The caller's account of a userIdentity value (none unless it is an object with one): false when malformed.</summary>
    private static bool ReadUserAccount(ref Utf8JsonReader reader, ParseState state, ReadOnlySpan<byte> span, ref int readerBase, int maxDepth, out string? account)
    {
        account = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 1);
        }

        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            bool isAccount = reader.ValueTextEquals("accountId"u8);
            if (!reader.Read())
            {
                return false;
            }

            if (isAccount)
            {
                account = PooledString(ref reader, state);
            }
            else if (!Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 2))
            {
                return false;
            }
        }
    }

    /// <summary>Skips the value the reader is on (at <paramref name="depth"/>), objects and arrays in one tight pass when it can.</summary>
    private static bool Skip(ref Utf8JsonReader reader, ParseState state, ReadOnlySpan<byte> span, ref int readerBase, int maxDepth, int depth)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            int end = state.SkipFast(ref reader, span, readerBase + checked((int)reader.TokenStartIndex), maxDepth, depth);
            if (end > 0)
            {
                readerBase = end;
                return true;
            }
        }

        return reader.TrySkip();
    }

    private static string? PooledString(ref Utf8JsonReader reader, ParseState state)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueIsEscaped ? reader.GetString() : state.Pool.Get(reader.ValueSpan);
        }

        // Not a string: skip it (containers too) and leave the field null.
        reader.TrySkip();
        return null;
    }
}
