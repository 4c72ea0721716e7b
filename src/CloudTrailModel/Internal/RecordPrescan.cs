using System.Text.Json;

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
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), isFinalBlock, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));
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
                    if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TimeFormat.TryParse(reader.ValueSpan, out DateTimeOffset t))
                    {
                        time = t;
                    }
                }
                else if (member.SequenceEqual("userIdentity"u8) && reader.TokenType == JsonTokenType.StartObject)
                {
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
                        else if (!reader.TrySkip())
                        {
                            return PrescanResult.NeedMore;
                        }
                    }
                }
                else if (!reader.TrySkip())
                {
                    return PrescanResult.NeedMore;
                }
            }
        }
        catch (JsonException)
        {
            return PrescanResult.Malformed;
        }

        consumed = checked((int)reader.BytesConsumed);
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
