using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using System.Text.Json;
using CloudTrailModel.Reading.Input;

namespace CloudTrailModel.Reading.Framing;

/// <summary>The CloudWatch Logs Lambda event: base64 of gzip of messages, decoded into the pooled payload buffer.</summary>
internal sealed partial class WrapperDocument
{
    /// <summary>
    /// A CloudWatch Logs Lambda event: <c>awslogs.data</c> is base64 of gzip of one or more messages. Every slot found
    /// in it reports the offset of the <c>data</c> string's opening quote (the decoded bytes are not the input's).
    /// </summary>
    private void ReadAwsLogs(ReadOnlySpan<byte> doc, long offset, long budget, int maxPayload)
    {
        var r = new Utf8JsonReader(doc, ReaderOptions);
        r.Read();
        long dataOffset = -1;
        int decoded = -1;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool isAwsLogs = r.ValueTextEquals("awslogs"u8);
            r.Read();
            if (isAwsLogs && r.TokenType == JsonTokenType.StartObject)
            {
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    bool isData = r.ValueTextEquals("data"u8);
                    r.Read();
                    if (isData && r.TokenType == JsonTokenType.String)
                    {
                        dataOffset = offset + r.TokenStartIndex;
                        decoded = Decode(ref r);
                    }

                    r.Skip();
                }
            }

            // On the end of awslogs (nothing to skip) or on another member's value.
            r.Skip();
        }

        if (dataOffset < 0)
        {
            Error(CloudTrailErrorCode.NotCloudTrail, offset);
            return;
        }

        if (decoded < 0)
        {
            Error(CloudTrailErrorCode.InvalidEncodedData, dataOffset);
            return;
        }

        if (Decompress(decoded, budget, maxPayload, out CloudTrailErrorCode code))
        {
            ReadPayloadMessages(dataOffset);
        }
        else
        {
            Error(code, dataOffset);
        }
    }

    /// <summary>Decodes the base64 string the reader is on into the payload buffer: its length, or -1 when it is not base64.</summary>
    private int Decode(ref Utf8JsonReader r)
    {
        ReadOnlySpan<byte> text = r.ValueSpan;
        if (r.ValueIsEscaped)
        {
            // JSON may escape the slashes of base64 as \/.
            Ensure(ref _scratch, text.Length);
            text = _scratch.AsSpan(0, r.CopyString(_scratch));
        }

        Ensure(ref _payload, Base64.GetMaxDecodedFromUtf8Length(text.Length));
        return Base64.DecodeFromUtf8(text, _payload, out _, out int written) == OperationStatus.Done ? written : -1;
    }

    /// <summary>Replaces gzip data in the payload buffer with what it decompresses to, within the limits.</summary>
    private bool Decompress(int length, long budget, int maxPayload, out CloudTrailErrorCode code)
    {
        code = default;
        if (!InputSource.IsGzip(_payload.AsSpan(0, length)))
        {
            // Not compressed (a test harness may send plain JSON): read it as it is.
            PayloadEnd = length;
            return true;
        }

        long limit = Math.Min(Math.Min(budget, maxPayload), MaxPayloadLimit);
        byte[] compressed = _payload;
        _payload = ArrayPool<byte>.Shared.Rent(FirstPayloadSize(length, limit));
        int n = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed, 0, length, writable: false), CompressionMode.Decompress);
            while (n <= limit)
            {
                if (n == _payload.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(GrownPayloadSize(n, limit));
                    Buffer.BlockCopy(_payload, 0, bigger, 0, n);
                    ArrayPool<byte>.Shared.Return(_payload);
                    _payload = bigger;
                }

                int read = gzip.Read(_payload, n, (int)Math.Min(_payload.Length - n, limit + 1 - n));
                if (read == 0)
                {
                    break;
                }

                n += read;
            }
        }
        catch (InvalidDataException)
        {
            code = CloudTrailErrorCode.InvalidCompressedData;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }

        DecompressedBytes += n;
        PayloadEnd = n;
        if (code == default && n > limit)
        {
            code = budget < maxPayload ? CloudTrailErrorCode.DecompressedSizeExceeded : CloudTrailErrorCode.RecordTooLarge;
        }

        return code == default;
    }

    /// <summary>
    /// The largest decompressed payload: one byte under the largest array, so the buffer can always hold one byte past
    /// the limit and a payload over it is told apart from one that ends there.
    /// </summary>
    internal static long MaxPayloadLimit => Array.MaxLength - 1;

    /// <summary>The first buffer for a payload of <paramref name="compressed"/> bytes: room for fourfold, never past the limit.</summary>
    internal static int FirstPayloadSize(int compressed, long limit)
    {
        long cap = Math.Max(0, Math.Min(limit, MaxPayloadLimit) + 1);
        return (int)Math.Clamp((long)compressed * 4, Math.Min(4096, cap), cap);
    }

    /// <summary>The next buffer once <paramref name="filled"/> bytes are full: twice as large, never past the limit.</summary>
    internal static int GrownPayloadSize(int filled, long limit) => (int)Math.Min((long)filled * 2, Math.Min(limit, MaxPayloadLimit) + 1);

    /// <summary>The decoded payload: one or more CloudWatch Logs messages, back to back or on lines of their own.</summary>
    private void ReadPayloadMessages(long dataOffset)
    {
        int pos = 0;
        while (true)
        {
            ReadOnlySpan<byte> rest = _payload.AsSpan(pos, PayloadEnd - pos);
            int first = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (first < 0)
            {
                return;
            }

            pos += first;
            if (_payload[pos] != (byte)'{')
            {
                Error(CloudTrailErrorCode.NotCloudTrail, dataOffset);
                return;
            }

            var r = new Utf8JsonReader(_payload.AsSpan(pos, PayloadEnd - pos), ReaderOptions);
            try
            {
                r.Read();
                r.Skip();
            }
            catch (JsonException)
            {
                Error(CloudTrailErrorCode.InvalidJson, dataOffset);
                return;
            }

            int length = (int)r.BytesConsumed;
            ReadLogsMessage(_payload.AsSpan(pos, length), 0, dataOffset, inPayload: true, pos);
            pos += length;
        }
    }
}
