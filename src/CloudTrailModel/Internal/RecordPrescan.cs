using System.Text.Json;
using System.Text.Unicode;

namespace CloudTrailModel.Internal;

internal enum PrescanResult
{
    /// <summary>The header was read and the record's length is known.</summary>
    Scanned,
    NeedMore,
    Malformed,
}

/// <summary>
/// Reads just the header fields of the record at a buffer position for <see cref="CloudTrailReaderOptions.Filter"/>,
/// skipping every other value without looking into it.
/// </summary>
internal static class RecordPrescan
{
    public static PrescanResult Scan(
        ParseState state, byte[] buffer, int start, int end, bool isFinalBlock, int maxDepth,
        out CloudTrailRecordHeader header, out int consumed)
    {
        consumed = 0;
        header = default;
        ReadOnlySpan<byte> span = buffer.AsSpan(start, end - start);
        var reader = new Utf8JsonReader(span, isFinalBlock, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));

        // Where in span the reader's span starts: values skipped fast make the reader again past them. Only whether the
        // record is malformed matters here (the full parse reports how), so the reader's lines and columns do not.
        int readerBase = 0;
        string? source = null, name = null, region = null, recipient = null, userAccount = null;
        DateTimeOffset? time = null;
        try
        {
            if (!reader.Read())
            {
                return PrescanResult.NeedMore;
            }

            while (true)
            {
                if (!reader.Read())
                {
                    return PrescanResult.NeedMore;
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
                if (!reader.Read())
                {
                    return PrescanResult.NeedMore;
                }

                if (member.SequenceEqual("eventSource"u8))
                {
                    source = PooledString(ref reader, state);
                }
                else if (member.SequenceEqual("eventName"u8))
                {
                    name = PooledString(ref reader, state);
                }
                else if (member.SequenceEqual("awsRegion"u8))
                {
                    region = PooledString(ref reader, state);
                }
                else if (member.SequenceEqual("recipientAccountId"u8))
                {
                    recipient = PooledString(ref reader, state);
                }
                else if (member.SequenceEqual("eventTime"u8))
                {
                    // As the full parse reads it (the last one counts, escaped or not; anything else is no time).
                    time = null;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (reader.ValueIsEscaped ? TimeFormat.TryParse(reader.GetString()!, out DateTimeOffset t) : TimeFormat.TryParse(reader.ValueSpan, out t))
                        {
                            time = t;
                        }
                    }
                    else if (!Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 1))
                    {
                        // An object or array is skipped whole, not taken for the record's own members.
                        return PrescanResult.NeedMore;
                    }
                }
                else if (member.SequenceEqual("userIdentity"u8))
                {
                    // The last userIdentity counts, as in the full parse: one that is not an object has no account.
                    userAccount = null;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        if (!Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 1))
                        {
                            return PrescanResult.NeedMore;
                        }

                        continue;
                    }

                    while (true)
                    {
                        if (!reader.Read())
                        {
                            return PrescanResult.NeedMore;
                        }

                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            break;
                        }

                        bool isAccount = reader.ValueTextEquals("accountId"u8);
                        if (!reader.Read())
                        {
                            return PrescanResult.NeedMore;
                        }

                        if (isAccount)
                        {
                            userAccount = PooledString(ref reader, state);
                        }
                        else if (!Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 2))
                        {
                            return PrescanResult.NeedMore;
                        }
                    }
                }
                else if (!Skip(ref reader, state, span, ref readerBase, maxDepth, depth: 1))
                {
                    return PrescanResult.NeedMore;
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
            EventSource = source,
            EventName = name,
            EventTime = time,
            AwsRegion = region,
            RecipientAccountId = recipient,
            UserAccountId = userAccount,
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
