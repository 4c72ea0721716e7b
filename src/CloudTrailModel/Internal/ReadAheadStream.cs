using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace CloudTrailModel.Internal;

/// <summary>
/// Reads an inner stream (a decompressor) on a background task, a few pooled chunks ahead of the consumer, so
/// decompression on one core overlaps parsing on another. Memory is bounded by <see cref="ChunkCount"/> chunks.
/// Exceptions from the inner stream (corrupt gzip) surface on the consumer's next read.
/// The consumer may also post one job at a time (<see cref="TryPost"/>): the producer runs it while it would
/// otherwise wait for the consumer, so on two cores parsing can use the time decompression leaves.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int ChunkSize = 256 * 1024;
    private const int ChunkCount = 4;

    private readonly Stream _inner;
    private readonly Channel<Chunk> _chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChunkCount)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private Chunk _current;
    private int _currentPos;

    private readonly Lock _jobLock = new();
    private PostedJob? _job;
    private TaskCompletionSource? _jobArrived;
    private bool _ended;

    private readonly record struct Chunk(byte[]? Buffer, int Length, ExceptionDispatchInfo? Error);

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _producer = Task.Run(ProduceAsync);
    }

    /// <summary>
    /// Posts work for the producer's thread (it replaces a posted job that has not started, which is revoked), or
    /// returns null when the producer has ended. The caller waits for <see cref="PostedJob.Completion"/>, or revokes
    /// the job if it has not started (see <see cref="PostedJob.TryRevoke"/>), so it never waits on the inner stream.
    /// </summary>
    public PostedJob? TryPost(Action work)
    {
        var job = new PostedJob(work);
        lock (_jobLock)
        {
            if (_ended)
            {
                return null;
            }

            _job?.TryRevoke();
            _job = job;
            _jobArrived?.TrySetResult();
        }

        return job;
    }

    private void RunPostedJob()
    {
        PostedJob? job;
        lock (_jobLock)
        {
            job = _job;
            _job = null;
        }

        if (job?.RunIfNotRevoked() == true)
        {
            JobsRun++;
        }
    }

    /// <summary>How many posted jobs the producer ran (for tests).</summary>
    public long JobsRun { get; private set; }

    private async Task ProduceAsync()
    {
        CancellationToken token = _stop.Token;
        try
        {
            while (true)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int filled = 0;
                try
                {
                    while (filled < ChunkSize)
                    {
                        int n = await _inner.ReadAsync(buffer.AsMemory(filled, ChunkSize - filled), token).ConfigureAwait(false);
                        if (n == 0)
                        {
                            break;
                        }

                        filled += n;
                    }
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (filled == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    _chunks.Writer.TryComplete();
                    return;
                }

                // While the consumer is behind, run what it posts instead of only waiting.
                var chunk = new Chunk(buffer, filled, null);
                while (!_chunks.Writer.TryWrite(chunk))
                {
                    Task arrived;
                    lock (_jobLock)
                    {
                        _jobArrived = _job is null ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
                        arrived = _jobArrived?.Task ?? Task.CompletedTask;
                    }

                    if (!arrived.IsCompleted)
                    {
                        Task<bool> space = _chunks.Writer.WaitToWriteAsync(token).AsTask();
                        await Task.WhenAny(space, arrived).ConfigureAwait(false);
                        if (space.IsCompleted)
                        {
                            // Rethrows a cancellation.
                            await space.ConfigureAwait(false);
                        }
                    }

                    lock (_jobLock)
                    {
                        _jobArrived = null;
                    }

                    RunPostedJob();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _chunks.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // Handed to the consumer, which rethrows it where a direct read would have thrown.
            _chunks.Writer.TryWrite(new Chunk(null, 0, ExceptionDispatchInfo.Capture(ex)));
            _chunks.Writer.TryComplete();
        }
        finally
        {
            // A job posted now would never run: revoke it (its poster then does the work itself).
            PostedJob? job;
            lock (_jobLock)
            {
                _ended = true;
                job = _job;
                _job = null;
            }

            job?.TryRevoke();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int copied = CopyFromCurrent(buffer);
            if (copied > 0)
            {
                return copied;
            }

            if (_chunks.Reader.TryRead(out Chunk next))
            {
                Take(next);
            }
            else if (!_chunks.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                // Sync reads over gzip wait for the producer here; a completed channel is the end of the data.
                return 0;
            }
        }

        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            int copied = CopyFromCurrent(buffer.Span);
            if (copied > 0)
            {
                return copied;
            }

            if (_chunks.Reader.TryRead(out Chunk next))
            {
                Take(next);
            }
            else if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }

        return 0;
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
                _producer.GetAwaiter().GetResult();
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

            _inner.Dispose();
            _stop.Dispose();
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

/// <summary>
/// Work posted to another thread: it runs at most once, unless revoked before it starts. <see cref="Completion"/>
/// completes when it has run or was revoked.
/// </summary>
internal sealed class PostedJob
{
    private const int Posted = 0;
    private const int Running = 1;
    private const int Finished = 2;

    private readonly Action _work;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public PostedJob(Action work) => _work = work;

    /// <summary>Completes when the work has run or was revoked.</summary>
    public Task Completion => _done.Task;

    /// <summary>Runs the work unless it was revoked: true when it ran.</summary>
    public bool RunIfNotRevoked()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Posted) != Posted)
        {
            return false;
        }

        try
        {
            _work();
        }
        finally
        {
            Volatile.Write(ref _state, Finished);
            _done.TrySetResult();
        }

        return true;
    }

    /// <summary>Cancels the work if it has not started: true then (and <see cref="Completion"/> is complete).</summary>
    public bool TryRevoke()
    {
        if (Interlocked.CompareExchange(ref _state, Finished, Posted) != Posted)
        {
            return false;
        }

        _done.TrySetResult();
        return true;
    }
}
