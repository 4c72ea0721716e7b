using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Input;

namespace CloudTrailModel.Integrity;

/// <summary>Reading digest and log files as delivered (gzip or not, by their magic bytes), and hexadecimal hashes.</summary>
internal static class DigestBytes
{
    /// <summary>
    /// The result of an operation run with <c>synchronous: true</c>, whose awaits then all complete at once (so does the
    /// operation); waits for it otherwise, which never happens.
    /// </summary>
    public static T RunSynchronously<T>(ValueTask<T> operation) =>
        operation.IsCompleted ? operation.Result : operation.AsTask().GetAwaiter().GetResult();

    /// <summary>Decodes hexadecimal text in either case; false for null, odd lengths and other characters.</summary>
    public static bool TryDecodeHex(string? hex, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (hex is null || hex.Length % 2 != 0)
        {
            return false;
        }

        byte[] decoded = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, decoded, out _, out int written) != OperationStatus.Done || written != decoded.Length)
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    /// <summary>The SHA-256 of the stream's decompressed bytes, read to the end in bounded memory; null for corrupt gzip.</summary>
    public static async ValueTask<byte[]?> Sha256OfDecompressedAsync(Stream stream, bool synchronous, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            Stream? input = await OpenAsync(stream, buffer, synchronous, cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                // Empty: the hash of no bytes.
                return hash.GetHashAndReset();
            }

            try
            {
                int n;
                while ((n = synchronous ? input.Read(buffer) : await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                }
            }
            finally
            {
                await DisposeAsync(input, synchronous).ConfigureAwait(false);
            }

            return hash.GetHashAndReset();
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The stream's decompressed bytes (at most <paramref name="limit"/>), or null when there are more; throws
    /// <see cref="InvalidDataException"/> for corrupt gzip.
    /// </summary>
    public static async ValueTask<byte[]?> ReadAllDecompressedAsync(Stream stream, long limit, bool synchronous, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            Stream? input = await OpenAsync(stream, buffer, synchronous, cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                return [];
            }

            try
            {
                using var output = new MemoryStream();
                int n;
                while ((n = synchronous ? input.Read(buffer) : await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (output.Length + n > limit)
                    {
                        return null;
                    }

                    output.Write(buffer, 0, n);
                }

                return output.ToArray();
            }
            finally
            {
                await DisposeAsync(input, synchronous).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ValueTask DisposeAsync(Stream stream, bool synchronous)
    {
        if (!synchronous)
        {
            return stream.DisposeAsync();
        }

        stream.Dispose();
        return ValueTask.CompletedTask;
    }

    // The stream from its first bytes on, decompressed when they are gzip's magic bytes (1F 8B); null when it is empty.
    // Disposing the returned stream leaves the caller's open (PrefixedStream does not dispose it).
    private static async ValueTask<Stream?> OpenAsync(Stream stream, byte[] buffer, bool synchronous, CancellationToken cancellationToken)
    {
        int n = 0;
        while (n < 2)
        {
            int read = synchronous ? stream.Read(buffer, n, 2 - n) : await stream.ReadAsync(buffer.AsMemory(n, 2 - n), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            n += read;
        }

        if (n == 0)
        {
            return null;
        }

        var prefixed = new PrefixedStream(buffer.AsSpan(0, n), stream);
        return InputSource.IsGzip(buffer.AsSpan(0, n)) ? new GZipStream(prefixed, CompressionMode.Decompress) : prefixed;
    }
}
