using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace CloudTrailModel.Internal;

/// <summary>
/// Reads an inner stream (a decompressor) on a background task, a few pooled chunks ahead of the consumer, so
/// decompression on one core overlaps parsing on another; the first <see cref="SyncBytes"/> the consumer reads itself,
/// so a small file never pays for the thread. Memory is bounded by <see cref="ChunkCount"/> chunks.
/// Exceptions from the inner stream (corrupt gzip) surface on the consumer's next read.
/// With an <see cref="AheadParser"/>, the producer parses records of the chunk it holds while the consumer is behind
/// (all chunks queued) instead of only waiting: on two cores parsing then uses the time decompression leaves, and the
/// work balances itself, since the producer stops as soon as the consumer takes a chunk. The consumer takes those
/// records by offset (<see cref="TryTakeParsed"/>).
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int ChunkSize = 256 * 1024;
    private const int ChunkCount = 4;

    // Up to this much data the consumer reads the inner stream itself: handing a small file's few chunks over from a
    // thread costs more than overlapping saves. Measured on two cores with the direct wake below, against both
    // before: a 12 KB file 50 vs 98 us, 60 KB 125 vs 154 us, 150 KB 229 vs 250 us (and 128 KB here was slower for it).
    private const int SyncBytes = 64 * 1024;

    private readonly Stream _inner;
    private readonly AheadParser? _parser;
    private readonly Channel<Chunk> _chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChunkCount)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly CancellationTokenSource _stop = new();
    private readonly Func<bool> _consumerWaits;
    private Task? _producer;
    private long _syncRead;
    private bool _syncEnded;
    private Chunk _current;
    private int _currentPos;

    // Chunks in the channel: written by both threads, read by the producer between records.
    private int _queued;

    // Set by the producer after each chunk and at the end, so a blocked synchronous reader is woken directly (an async
    // wait completes through a thread-pool thread: measured at 1-2 ms at a file's start and end on two cores).
    private readonly ManualResetEventSlim _written = new(false, spinCount: 0);

    // Whether the producer is working (decompressing or parsing ahead) rather than waiting for its input; set by the
    // producer, read by an asynchronous reader that finds no chunk (see ReadAsync). At most this long such a reader
    // waits on its thread before it awaits.
    private bool _decompressing;
    private static readonly TimeSpan BriefWait = TimeSpan.FromMilliseconds(2);

    // Consumer side: parsed records of chunks taken, in input order, until the consumer has passed them.
    private readonly Queue<ParsedChunk> _parsed = new();

    private readonly record struct Chunk(byte[]? Buffer, int Length, ExceptionDispatchInfo? Error, ParsedChunk? Parsed);

    /// <param name="inner">The stream to read ahead (owned: disposed with this one).</param>
    /// <param name="parser">Parses records of chunks ahead of the consumer while it is behind, or null.</param>
    public ReadAheadStream(Stream inner, AheadParser? parser = null)
    {
        _inner = inner;
        _parser = parser;
        _consumerWaits = () => Volatile.Read(ref _queued) < ChunkCount || _stop.IsCancellationRequested;
    }

    /// <summary>Whether the producer parses records ahead of the consumer.</summary>
    public bool ParsesAhead => _parser is not null;

    /// <summary>Says whether records are elements of an array or top-level values (see <see cref="AheadParser.SetLayout"/>).</summary>
    public void SetLayout(bool lines) => _parser?.SetLayout(lines);

    /// <summary>Whether all of the inner stream has been read (the producer's core is free from now on).</summary>
    public bool ProducerEnded => _producer?.IsCompleted ?? _syncEnded;

    /// <summary>How many records parsed ahead the consumer took (for tests).</summary>
    public long RecordsTaken { get; private set; }

    /// <summary>
    /// Takes the record the producer parsed at absolute offset <paramref name="offset"/> of the decompressed data, if it
    /// did and in the same layout (<paramref name="lines"/>: top-level records), and its bytes are all among the
    /// <paramref name="available"/> buffered. Records before the offset are forgotten: the consumer has passed them.
    /// </summary>
    public bool TryTakeParsed(long offset, int available, bool lines, out SpeculatedEntry entry)
    {
        while (_parsed.TryPeek(out ParsedChunk? chunk))
        {
            if (chunk.End <= offset)
            {
                _parsed.Dequeue();
                _parser!.Recycle(chunk);
                continue;
            }

            List<SpeculatedEntry> entries = chunk.Entries;
            while (chunk.Next < entries.Count && entries[chunk.Next].Offset < offset)
            {
                chunk.Next++;
            }

            if (chunk.Lines == lines && chunk.Next < entries.Count && entries[chunk.Next].Offset == offset && entries[chunk.Next].Length <= available)
            {
                entry = entries[chunk.Next];
                entries[chunk.Next] = default;
                chunk.Next++;
                RecordsTaken++;
                return true;
            }

            break;
        }

        entry = default;
        return false;
    }

    private async Task ProduceAsync()
    {
        CancellationToken token = _stop.Token;
        long offset = _syncRead;
        Volatile.Write(ref _decompressing, true);
        try
        {
            while (true)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int filled = 0;
                ExceptionDispatchInfo? error = null;
                try
                {
                    while (filled < ChunkSize)
                    {
                        ValueTask<int> read = _inner.ReadAsync(buffer.AsMemory(filled, ChunkSize - filled), token);
                        if (!read.IsCompleted)
                        {
                            // Waiting for input: an asynchronous reader should not wait for it on a thread.
                            Volatile.Write(ref _decompressing, false);
                        }

                        int n = await read.ConfigureAwait(false);
                        Volatile.Write(ref _decompressing, true);
                        if (n == 0)
                        {
                            break;
                        }

                        filled += n;
                    }
                }
                catch (Exception ex) when (filled > 0 && ex is not OperationCanceledException)
                {
                    // What was decompressed before the failure is handed on first.
                    error = ExceptionDispatchInfo.Capture(ex);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (filled == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    Complete();
                    return;
                }

                // The consumer is behind: parse this chunk's records until it takes a chunk, instead of only waiting.
                ParsedChunk? parsed = null;
                if (_parser is not null && Volatile.Read(ref _queued) >= ChunkCount)
                {
                    parsed = _parser.Parse(buffer, filled, offset, _consumerWaits);
                }

                var chunk = new Chunk(buffer, filled, null, parsed);
                offset += filled;
                while (!_chunks.Writer.TryWrite(chunk))
                {
                    // The channel is full: the reader is not waiting for this thread.
                    if (!await _chunks.Writer.WaitToWriteAsync(token).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                Interlocked.Increment(ref _queued);
                _written.Set();
                error?.Throw();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Complete();
        }
        catch (Exception ex)
        {
            // Handed to the consumer, which rethrows it where a direct read would have thrown (waiting for space: with
            // the consumer behind, every chunk may be taken, and the failure must not be lost).
            try
            {
                await _chunks.Writer.WriteAsync(new Chunk(null, 0, ExceptionDispatchInfo.Capture(ex), null), token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Disposed: nobody reads on.
            }

            Complete();
        }
    }

    private void Complete()
    {
        Volatile.Write(ref _decompressing, false);
        _chunks.Writer.TryComplete();
        _written.Set();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_producer is null && !buffer.IsEmpty)
        {
            return _syncEnded ? 0 : Synced(_inner.Read(buffer));
        }

        while (!buffer.IsEmpty)
        {
            int copied = CopyFromCurrent(buffer);
            if (copied > 0)
            {
                return copied;
            }

            switch (TakeNext())
            {
                case false:
                    return 0;
                case null:
                    // Sync reads over gzip wait for the producer here.
                    _written.Wait();
                    break;
            }
        }

        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_producer is null && !buffer.IsEmpty)
        {
            return _syncEnded ? 0 : Synced(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }

        while (!buffer.IsEmpty)
        {
            int copied = CopyFromCurrent(buffer.Span);
            if (copied > 0)
            {
                return copied;
            }

            // While the producer is decompressing (not waiting for its input), its next chunk is a fraction of a
            // millisecond away: wait for it on this thread, up to BriefWait, as a sync read does. An await here gives
            // the thread back to the pool, and on two cores the pool's idle workers, spinning for work, delayed the
            // reader's continuation by ~1.4 ms a time: a 20 MB gzip file read 30% slower asynchronously than
            // synchronously (29.7 vs 23.0 ms). When the producer waits for input (a network stream), the reader awaits.
            bool? took = TakeNext();
            if (took == false)
            {
                return 0;
            }

            if (took is null && !WaitBriefly(cancellationToken)
                && !await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>Waits on this thread, up to <see cref="BriefWait"/>, for a chunk the producer is decompressing: true if one came.</summary>
    private bool WaitBriefly(CancellationToken cancellationToken) =>
        Volatile.Read(ref _decompressing) && _written.Wait(BriefWait, cancellationToken);

    /// <summary>
    /// Takes the next chunk if one is queued: true; false at the end of the data (the channel completed and emptied);
    /// null when the reader must wait for the producer. The event is reset before the last look, so a chunk written
    /// after it sets the event again.
    /// </summary>
    private bool? TakeNext()
    {
        if (!_chunks.Reader.TryRead(out Chunk next))
        {
            _written.Reset();
            if (!_chunks.Reader.TryRead(out next))
            {
                return _chunks.Reader.Completion.IsCompleted ? false : null;
            }
        }

        Take(next);
        return true;
    }

    /// <summary>
    /// Accounts for a read the consumer made itself, and once the data is large enough hands the inner stream to the
    /// producer thread (after this read: the two never read it at once).
    /// </summary>
    private int Synced(int n)
    {
        if (n <= 0)
        {
            _syncEnded = true;
            return 0;
        }

        _syncRead += n;
        if (_syncRead >= SyncBytes)
        {
            _producer = Task.Run(ProduceAsync);
        }

        return n;
    }

    private int CopyFromCurrent(Span<byte> destination)
    {
        if (_current.Buffer is null || _currentPos >= _current.Length)
        {
            return 0;
        }

        int copied = Math.Min(destination.Length, _current.Length - _currentPos);
        _current.Buffer.AsSpan(_currentPos, copied).CopyTo(destination);
        _currentPos += copied;
        return copied;
    }

    private void Take(Chunk next)
    {
        if (_current.Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_current.Buffer);
        }

        // Cleared before a producer error is rethrown, so the returned buffer can never be returned twice.
        _current = default;
        _currentPos = 0;
        next.Error?.Throw();
        _current = next;
        Interlocked.Decrement(ref _queued);
        if (next.Parsed is { } parsed)
        {
            _parsed.Enqueue(parsed);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            try
            {
                _producer?.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }

            while (_chunks.Reader.TryRead(out Chunk chunk))
            {
                if (chunk.Buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            }

            if (_current.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_current.Buffer);
                _current = default;
            }

            _parser?.ReleaseState();
            _inner.Dispose();
            _stop.Dispose();
            _written.Dispose();
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
