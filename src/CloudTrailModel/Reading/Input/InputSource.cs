using System.Buffers.Binary;
using System.IO.Compression;

namespace CloudTrailModel.Reading.Input;

/// <summary>
/// The bytes of one reader's input: gzip told by its magic bytes (1F 8B, never by name) and decompressed on another
/// thread a few chunks ahead (bytes only), the decompressed size capped, and a truncated gzip member caught by its
/// trailer. A fault (corrupt gzip, the cap) ends the input where it happened; the framer reports it in order. It also
/// says, from the input's size, when other threads may join (<see cref="Parallel"/>).
/// </summary>
internal sealed class InputSource : IDisposable
{
    // Other threads join an input of unknown size after this much, and one known to be this large from its first byte.
    private const int UnknownSizeParallelAfter = 256 * 1024;
    private const long LargeInput = 1024 * 1024;

    private readonly Stream _source;
    private readonly bool _ownsSource;
    private readonly long _maxBytes;
    private long _parallelAfter;
    private Stream? _stream;
    private TailRecordingStream? _gzipInput;
    private ReadAheadStream? _readingAhead;

    /// <param name="source">The stream as given.</param>
    /// <param name="ownsSource">Whether <paramref name="source"/> is disposed with this.</param>
    /// <param name="maxBytes">The most (decompressed) bytes read (<see cref="CloudTrailReaderOptions.MaxDecompressedBytes"/>).</param>
    /// <param name="parallel">Whether other threads may work on this input (see <see cref="Parallel"/>).</param>
    public InputSource(Stream source, bool ownsSource, long maxBytes, bool parallel)
    {
        _parallelAfter = parallel ? UnknownSizeParallelAfter : -1;
        _source = source;
        _ownsSource = ownsSource;
        _maxBytes = maxBytes;
    }

    /// <summary>What the decompressing thread runs while it is ahead of the reader (see <see cref="ReadAheadStream.Helper"/>).</summary>
    public Func<bool>? Helper { get; init; }

    /// <summary>Whether a decompressing thread reads ahead now, and so can help (see <see cref="Helper"/>).</summary>
    public bool HelperReadsAhead => _readingAhead is { Producing: true };

    /// <summary>Wakes the decompressing thread if it waits for room, so it runs <see cref="Helper"/>.</summary>
    public void WakeHelper() => _readingAhead?.Wake();

    /// <summary>
    /// Whether other threads may work on this input now (gzip decompressed ahead, records materialised on helpers): from
    /// the first byte for an input known to be large, never for one known to be small, and for an input of unknown size
    /// once a window's worth has been read. On files under about 1 MB the hand-offs (a sleeping core woken for a batch or
    /// two) cost more than they save (<c>SmallGzipFilesBenchmarks</c>).
    /// </summary>
    public bool Parallel => _parallelAfter >= 0 && TotalRead >= _parallelAfter;

    /// <summary>The (decompressed) bytes read so far.</summary>
    public long TotalRead { get; private set; }

    /// <summary>Whether the input has ended (at its end, or at a fault).</summary>
    public bool Ended { get; private set; }

    /// <summary>Why the input ended early, if it did.</summary>
    public CloudTrailErrorCode? Fault { get; private set; }

    /// <summary>Whether data starts with gzip's magic bytes (1F 8B): how every reader of this library tells gzip, never by name.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B;

    /// <summary>Reads more bytes into <c>buffer[offset..]</c>: how many (0 once <see cref="Ended"/>).</summary>
    public int Read(byte[] buffer, int offset)
    {
        try
        {
            if (_stream is null)
            {
                int n = _source.Read(buffer, offset, buffer.Length - offset);
                if (n == 1)
                {
                    n += _source.Read(buffer, offset + 1, buffer.Length - offset - 1);
                }

                if (!Sniff(buffer, offset, n))
                {
                    return Account(n);
                }
            }

            return Account(_stream!.Read(buffer, offset, buffer.Length - offset));
        }
        catch (InvalidDataException)
        {
            return End(CloudTrailErrorCode.InvalidCompressedData);
        }
    }

    /// <summary>Reads more bytes into <c>buffer[offset..]</c> asynchronously: how many (0 once <see cref="Ended"/>).</summary>
    public async ValueTask<int> ReadAsync(byte[] buffer, int offset, CancellationToken cancellationToken)
    {
        try
        {
            if (_stream is null)
            {
                int n = await _source.ReadAsync(buffer.AsMemory(offset), cancellationToken).ConfigureAwait(false);
                if (n == 1)
                {
                    n += await _source.ReadAsync(buffer.AsMemory(offset + 1), cancellationToken).ConfigureAwait(false);
                }

                if (!Sniff(buffer, offset, n))
                {
                    return Account(n);
                }
            }

            return Account(await _stream!.ReadAsync(buffer.AsMemory(offset), cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException)
        {
            return End(CloudTrailErrorCode.InvalidCompressedData);
        }
    }

    public void Dispose()
    {
        if (_stream is not null && !ReferenceEquals(_stream, _source))
        {
            _stream.Dispose();
        }

        if (_ownsSource)
        {
            _source.Dispose();
        }
    }

    /// <summary>Whether the first bytes read are gzip's magic: if so they are handed to the decompressor, not the caller.</summary>
    private bool Sniff(byte[] buffer, int offset, int n)
    {
        // The size matters only to when other threads join: not asked of the stream when none may.
        long unread = _parallelAfter >= 0 ? UnreadLength(_source) : -1;
        if (IsGzip(buffer.AsSpan(offset, n)))
        {
            // The trailer's ISIZE is the decompressed size (of the last member, modulo 2^32), known when the first read
            // took the whole file, as it does for files smaller than the window.
            JudgeSize(unread == 0 && n >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + n - 4)) : -1);
            _gzipInput = new TailRecordingStream(new PrefixedStream(buffer.AsSpan(offset, n), _source));
            var gzip = new GZipStream(_gzipInput, CompressionMode.Decompress);
            _stream = _parallelAfter >= 0 ? _readingAhead = new ReadAheadStream(gzip, (int)_parallelAfter) { Helper = Helper } : gzip;
            return true;
        }

        JudgeSize(unread < 0 ? -1 : n + unread);
        _stream = _source;
        return false;
    }

    /// <summary>What is left of a stream that knows its length (a file, a buffer), or -1.</summary>
    private static long UnreadLength(Stream stream)
    {
        try
        {
            return stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : -1;
        }
        catch (NotSupportedException)
        {
            return -1;
        }
    }

    /// <summary>Sets when other threads join (<see cref="Parallel"/>) from the input's size, when it is known (not negative).</summary>
    private void JudgeSize(long size)
    {
        if (size >= 0)
        {
            // A size that understates (a gzip member appended after a small one) still lets threads join, later.
            _parallelAfter = size >= LargeInput ? 0 : LargeInput;
        }
    }

    private int Account(int n)
    {
        if (n <= 0)
        {
            CheckGzipTrailer();
            Ended = true;
            return 0;
        }

        TotalRead += n;
        if (TotalRead > _maxBytes)
        {
            int over = (int)(TotalRead - _maxBytes);
            TotalRead = _maxBytes;
            End(CloudTrailErrorCode.DecompressedSizeExceeded);
            return n - over;
        }

        return n;
    }

    /// <summary>
    /// The last gzip member's ISIZE is the size of its decompressed data modulo 2^32, so it can never exceed what
    /// was decompressed. A truncated member ends on arbitrary bytes, which almost always break that rule.
    /// (Concatenated members make an exact comparison impossible, so smaller values are accepted.)
    /// </summary>
    private void CheckGzipTrailer()
    {
        if (_gzipInput is null || Fault is not null)
        {
            return;
        }

        ReadOnlySpan<byte> tail = _gzipInput.Tail;
        if (tail.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) > (uint)TotalRead)
        {
            End(CloudTrailErrorCode.InvalidCompressedData);
        }
    }

    /// <summary>The input cannot go on: it ends here, and the framer reports why once it reaches the end.</summary>
    private int End(CloudTrailErrorCode code)
    {
        Fault ??= code;
        Ended = true;
        return 0;
    }
}
