using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace CloudTrailModel.Reading.Input;

/// <summary>
/// Reads an inner stream (a decompressor) on a background task, a few pooled chunks ahead of the consumer, so
/// decompression on one core overlaps parsing on another; the first bytes the consumer reads itself, so a small file
/// never pays for the thread. Memory is bounded by <see cref="ChunkCount"/> chunks.
/// Exceptions from the inner stream (corrupt gzip) surface on the consumer's next read. Only bytes pass through here;
/// while it is a full channel ahead, the producer runs <see cref="Helper"/> (the reader's first fan-out helper), so on
/// two cores two threads parse and decompress rather than three competing for them.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    private const int ChunkSize = 256 * 1024;
    private const int ChunkCount = 4;

    // Up to this much data the consumer reads the inner stream itself (see the constructor).
    private readonly int _syncBytes;

    private readonly Stream _inner;
    private readonly Channel<ReadAheadChunk> _chunks = Channel.CreateBounded<ReadAheadChunk>(new BoundedChannelOptions(ChunkCount)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly CancellationTokenSource _stop = new();
    private Task? _producer;
    private long _syncRead;
    private bool _syncEnded;
    private ReadAheadChunk _current;
    private int _currentPos;

    // Set by the producer after each chunk and at the end, so a blocked synchronous reader is woken directly (an async
    // wait completes through a thread-pool thread, which comes late on a busy pool).
    private readonly ManualResetEventSlim _written = new(false, spinCount: 0);

    // Whether the producer is working (decompressing) rather than waiting for its input; set by the
    // producer, read by an asynchronous reader that finds no chunk (see ReadAsync). At most this long such a reader
    // waits on its thread before it awaits.
    private bool _decompressing;
    private static readonly TimeSpan BriefWait = TimeSpan.FromMilliseconds(2);

    // Wakes a producer that waits for room: a chunk was taken, or the reader has records for it to materialise.
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>
    /// Helps materialise the records of the reader's window, if it has a batch not helped with yet: true if so. Run by
    /// the producer while it is chunks ahead of the reader, so the decompressing thread helps parse rather than a third.
    /// </summary>
    public Func<bool>? Helper { get; init; }

    /// <summary>Whether the producer runs (started, not finished): then it can help.</summary>
    public bool Producing => _producer is { IsCompleted: false };

    /// <summary>Wakes the producer if it waits for room, so it runs <see cref="Helper"/>.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken by another at the same time.
            }
        }
    }

    /// <param name="inner">The stream to read ahead (owned: disposed with this one).</param>
    /// <param name="syncBytes">How much the consumer reads itself before the producer starts.</param>
    public ReadAheadStream(Stream inner, int syncBytes)
    {
        _inner = inner;
        _syncBytes = syncBytes;
    }

    private async Task ProduceAsync()
    {
        CancellationToken token = _stop.Token;
        Volatile.Write(ref _decompressing, true);
        try
        {
            while (true)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int filled;
                ExceptionDispatchInfo? error;
                try
                {
                    (filled, error) = await FillChunkAsync(buffer, token).ConfigureAwait(false);
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

                var chunk = new ReadAheadChunk(buffer, filled, null);
                while (!_chunks.Writer.TryWrite(chunk))
                {
                    // The channel is full, so the reader has data: this thread helps it materialise records until there
                    // is room again, woken by either.
                    if (Helper?.Invoke() != true)
                    {
                        await _wake.WaitAsync(token).ConfigureAwait(false);
                    }
                }

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
                await _chunks.Writer.WriteAsync(new ReadAheadChunk(null, 0, ExceptionDispatchInfo.Capture(ex)), token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Disposed: nobody reads on.
            }

            Complete();
        }
    }

    /// <summary>Decompresses into one chunk: how much, and the failure that ended it after some data, if one did.</summary>
    private async ValueTask<(int Filled, ExceptionDispatchInfo? Error)> FillChunkAsync(byte[] buffer, CancellationToken token)
    {
        int filled = 0;
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
            return (filled, ExceptionDispatchInfo.Capture(ex));
        }

        return (filled, null);
    }

    private void Complete()
    {
        Volatile.Write(ref _decompressing, false);
        _chunks.Writer.TryComplete();
        _written.Set();
    }

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
            // millisecond away: wait for it on this thread, up to BriefWait, as a sync read does. An await would hand
            // the continuation to the thread pool, whose idle workers, spinning for work on two cores, delay it by
            // more than the wait. When the producer waits for input (a network stream), the reader awaits.
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
        if (!_chunks.Reader.TryRead(out ReadAheadChunk next))
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
        if (_syncRead >= _syncBytes)
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

    private void Take(ReadAheadChunk next)
    {
        // A chunk was taken: a producer waiting for room goes on.
        Wake();
        if (_current.Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_current.Buffer);
        }

        // Cleared before a producer error is rethrown, so the returned buffer can never be returned twice.
        _current = default;
        _currentPos = 0;
        next.Error?.Throw();
        _current = next;
    }

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

            while (_chunks.Reader.TryRead(out ReadAheadChunk chunk))
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

            _inner.Dispose();
            _stop.Dispose();
            _written.Dispose();
            _wake.Dispose();
        }

        base.Dispose(disposing);
    }
}
