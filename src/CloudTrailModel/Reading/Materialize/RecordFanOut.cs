using CloudTrailModel.Internal;

namespace CloudTrailModel.Reading.Materialize;

/// <summary>
/// Materialises the complete record slices the framer found in one window on several threads and hands the results
/// back in file order. The slices are cut into chunks: the reading thread takes chunks from the front (materialising a
/// chunk itself when no helper has taken it), helper threads from the back, so they meet in the middle and the reading
/// thread waits at most for one chunk, however busy the other cores are. Each thread has its own
/// <see cref="ParseState"/>. The window is not moved while a batch runs: the framer calls <see cref="Stop"/> first.
/// </summary>
internal sealed class RecordFanOut : IDisposable
{
    /// <summary>Records a thread materialises at a time.</summary>
    public const int ChunkRecords = 8;

    private const int Free = 0;
    private const int Claimed = 1;
    private const int Done = 2;

    private readonly int _maxDepth;
    private readonly bool _headersOnly;
    private readonly ParseState?[] _helperStates;
    private readonly Action<object?> _help;
    private byte[] _buffer = [];
    private long _base;
    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private SliceResult[] _results = new SliceResult[256];
    private int[] _chunks = new int[256 / ChunkRecords];
    private int _count;
    private int _next;
    private volatile bool _stopping = true;
    private TaskCompletionSource? _waiter;

    // Helpers are queued per batch and may start late (a busy thread pool): one of an earlier batch must not start work
    // on this one, and Stop waits only for helpers that run, never for one still queued.
    private volatile int _generation;
    private int _running;

    /// <param name="helpers">Threads that help the reading thread (at least 1).</param>
    /// <param name="maxDepth">The reader's nesting limit.</param>
    /// <param name="headersOnly">Read only each record's header (for a filter, which runs on the reading thread).</param>
    public RecordFanOut(int helpers, int maxDepth, bool headersOnly)
    {
        _maxDepth = maxDepth;
        _headersOnly = headersOnly;
        _helperStates = new ParseState?[helpers];
        _help = Help;
    }

    /// <summary>Whether a batch has slices the reading thread has not taken.</summary>
    public bool IsActive => _next < _count;

    /// <summary>Whether the batch holds top-level records (JSON Lines) rather than elements of an array.</summary>
    public bool Lines { get; private set; }

    /// <summary>The absolute input offset of the next slice to take.</summary>
    public long NextOffset => _base + _starts[_next];

    /// <summary>The slices added since <see cref="Begin"/>.</summary>
    public int Count => _count;

    /// <summary>Starts a new batch over <paramref name="buffer"/>, whose index 0 is absolute offset <paramref name="bufferBase"/>.</summary>
    public void Begin(byte[] buffer, long bufferBase, bool lines)
    {
        Stop();
        _buffer = buffer;
        _base = bufferBase;
        Lines = lines;
    }

    /// <summary>Adds the next complete record slice of the window.</summary>
    public void Add(int start, int length)
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
            Array.Resize(ref _results, _count * 2);
        }

        _starts[_count] = start;
        _lengths[_count] = length;
        _count++;
    }

    /// <summary>Hands the batch's chunks to the helpers (the reading thread takes its own as it goes).</summary>
    public void Start()
    {
        int chunks = ChunkCount;
        if (_chunks.Length < chunks)
        {
            _chunks = new int[Math.Max(chunks, _chunks.Length * 2)];
        }

        Array.Clear(_chunks, 0, chunks);
        int generation = _generation + 1;
        _generation = generation;
        _stopping = false;
        for (int i = 0; i < _helperStates.Length; i++)
        {
            Task.Factory.StartNew(_help, (generation * 16) + i, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    /// <summary>The length and result of the next slice, materialising its chunk here when no helper has taken it.</summary>
    public SliceResult TakeNext(ParseState state, out int length)
    {
        int chunk = _next / ChunkRecords;
        if (Interlocked.CompareExchange(ref _chunks[chunk], Claimed, Free) == Free)
        {
            MaterializeChunk(state, chunk);
        }
        else
        {
            // A wake-up may be for another chunk: look again until this one is done.
            while (Volatile.Read(ref _chunks[chunk]) != Done)
            {
                WaitFor(chunk).GetAwaiter().GetResult();
            }
        }

        length = _lengths[_next];
        SliceResult result = _results[_next];
        _results[_next] = default;
        _next++;
        return result;
    }

    /// <summary>
    /// A task to await before <see cref="TakeNext"/> when a helper is still materialising the next slice's chunk (so
    /// an asynchronous reader awaits the hand-off rather than blocks), or null.
    /// </summary>
    public Task? Pending
    {
        get
        {
            if (!IsActive)
            {
                return null;
            }

            int chunk = _next / ChunkRecords;
            return Volatile.Read(ref _chunks[chunk]) == Claimed ? WaitFor(chunk) : null;
        }
    }

    /// <summary>Ends the batch: helpers take no more chunks, and this returns once none reads the window.</summary>
    public void Stop()
    {
        _stopping = true;
        var wait = default(SpinWait);
        while (Volatile.Read(ref _running) != 0)
        {
            // A running helper finishes at most the chunk it holds.
            wait.SpinOnce();
        }

        Array.Clear(_results, 0, _count);
        _count = 0;
        _next = 0;
        _buffer = [];
    }

    public void Dispose()
    {
        Stop();
        for (int i = 0; i < _helperStates.Length; i++)
        {
            ParseStateCache.Return(_helperStates[i]);
            _helperStates[i] = null;
        }
    }

    private int ChunkCount => (_count + ChunkRecords - 1) / ChunkRecords;

    private void Help(object? start)
    {
        int helper = (int)start! % 16;
        int generation = (int)start! / 16;
        Interlocked.Increment(ref _running);
        try
        {
            // Stopping is read first: once Start has cleared it, the generation read next is the new batch's.
            if (_stopping || _generation != generation)
            {
                return;
            }

            ParseState state = _helperStates[helper] ??= ParseStateCache.Rent();
            for (int chunk = ChunkCount - 1; chunk >= 0 && !_stopping; chunk--)
            {
                if (Interlocked.CompareExchange(ref _chunks[chunk], Claimed, Free) == Free)
                {
                    MaterializeChunk(state, chunk);
                }
                else if (chunk * ChunkRecords <= Volatile.Read(ref _next))
                {
                    // The reading thread has taken everything from here to the front.
                    return;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private void MaterializeChunk(ParseState state, int chunk)
    {
        int end = Math.Min(_count, (chunk + 1) * ChunkRecords);
        for (int i = chunk * ChunkRecords; i < end; i++)
        {
            _results[i] = Materialize(state, _starts[i], _lengths[i]);
        }

        Volatile.Write(ref _chunks[chunk], Done);
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }

    private SliceResult Materialize(ParseState state, int start, int length)
    {
        try
        {
            if (_headersOnly)
            {
                PrescanResult scan = RecordPrescan.Scan(state, _buffer, start, start + length, _maxDepth, out CloudTrailRecordHeader header, out int scanned);
                return new SliceResult(scan == PrescanResult.Scanned && scanned == length, null, header);
            }

            MaterializeStatus status = RecordMaterializer.Materialize(
                state, _buffer, start, start + length, inputEnded: false, _maxDepth, out CloudTrailRecord? record, out int consumed, out _, out _, out _);
            return status == MaterializeStatus.Ok && consumed == length ? new SliceResult(true, record, default) : default;
        }
#pragma warning disable CA1031 // whatever failed here fails again, reported in order, when the reading thread reads the slice itself
        catch (Exception)
#pragma warning restore CA1031
        {
            return default;
        }
    }

    /// <summary>A task that completes once <paramref name="chunk"/> is done (registered before the last look, so no completion is missed).</summary>
    private Task WaitFor(int chunk)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _waiter, waiter);
        if (Volatile.Read(ref _chunks[chunk]) == Done)
        {
            Interlocked.CompareExchange(ref _waiter, null, waiter);
            return Task.CompletedTask;
        }

        return waiter.Task;
    }
}
