using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Input;

namespace CloudTrailModel.Integrity;

/// <summary>
/// Hashes a log file as delivered (SHA-256 of its decompressed bytes, as digests list it) in one streaming pass, and tells
/// whether bytes follow its gzip member: gzip readers (.NET's too) skip such bytes, so the hash alone cannot see them.
/// </summary>
internal static class LogFileCheck
{
    /// <summary>The outcome of checking one log file.</summary>
    internal readonly record struct Outcome(DigestValidationStatus Status, bool Appended);

    public static async Task<Outcome> CheckAsync(Stream raw, string? expectedHash, CancellationToken cancellationToken)
    {
        if (!DigestBytes.TryDecodeHex(expectedHash, out byte[]? expected) || expected.Length != 32)
        {
            return new Outcome(DigestValidationStatus.InvalidFormat, false);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int n = await ReadAtLeastAsync(raw, buffer.AsMemory(0, 2), cancellationToken).ConfigureAwait(false);
            if (!InputSource.IsGzip(buffer.AsSpan(0, n)))
            {
                // Not gzip (a copy decompressed by hand): the bytes themselves are what the digest hashed.
                hash.AppendData(buffer, 0, n);
                while ((n = await raw.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                }

                return new Outcome(Compare(hash, expected), false);
            }

            var tail = new TailRecordingStream(new PrefixedStream(buffer.AsSpan(0, 2), raw));
            uint crc = Crc32.Initial;
            long length = 0;
            await using (var gzip = new GZipStream(tail, CompressionMode.Decompress, leaveOpen: true))
            {
                while ((n = await gzip.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                    length += n;
                }
            }

            // GZipStream stops at bytes after the member that are not gzip: read them too, so the tail is the file's end.
            while (await tail.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }

            DigestValidationStatus status = Compare(hash, expected);
            return new Outcome(status, status == DigestValidationStatus.Valid && !EndsWithTrailer(tail.Tail, Crc32.Finish(crc), length));
        }
        catch (InvalidDataException)
        {
            return new Outcome(DigestValidationStatus.InvalidFormat, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A file that is one gzip member ends with that member's trailer: the CRC-32 and size (mod 2^32) of all its output.
    private static bool EndsWithTrailer(ReadOnlySpan<byte> tail, uint crc, long length) =>
        tail.Length == 8 && BinaryPrimitives.ReadUInt32LittleEndian(tail) == crc && BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) == (uint)length;

    private static DigestValidationStatus Compare(IncrementalHash hash, byte[] expected) =>
        hash.GetHashAndReset().AsSpan().SequenceEqual(expected) ? DigestValidationStatus.Valid : DigestValidationStatus.HashMismatch;

    private static async ValueTask<int> ReadAtLeastAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
