using System.Diagnostics;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Reading.Materialize;

/// <summary>
/// Materialises the complete record slices the framer found in one window on several threads and hands the results
/// back in file order. The reading thread takes slices from the front and helper threads from the back, each claiming
/// one slice at a time, so they meet in the middle. The reading thread never waits for a helper: a slice a helper is
/// still working on when the reading thread reaches it is materialised again there (a helper the scheduler has paused
/// costs one duplicate record, not a stall). Each helper is one thread-pool work item that serves batch after batch
/// while the reader keeps starting them, so a window does not pay a thread's start-up. Each thread has its own
/// <see cref="ParseState"/>. The window is not moved while a batch runs: the framer calls <see cref="Stop"/> first.
/// </summary>
internal sealed class RecordFanOut : IDisposable
{
    private const int Free = 0;
    private const int Claimed = 1;
    private const int Done = 2;
    private const int Taken = 3;

    // Between batches a helper spins this long (the next batch is usually being framed), then sleeps until woken.
    private static readonly TimeSpan SpinTime = TimeSpan.FromMicroseconds(100);
    // A helper woken by no batch for this long gives its thread back (Start queues it again).
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(2);

    private readonly int _maxDepth;
    private readonly bool _headersOnly;
    private readonly ParseState?[] _helperStates;
    private readonly Action<int> _help;
    private readonly int[] _alive;
    private readonly ManualResetEventSlim[] _wake;
    private volatile bool _disposed;
    private byte[] _buffer = [];
    private long _base;
    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private int[] _claims = new int[256];
    private SliceResult[] _results = new SliceResult[256];
    private int _count;
    private int _next;
    private volatile bool _stopping = true;

    // Each batch has its own generation: a helper that saw an earlier one must not start work on this one, and Stop waits
    // only for helpers inside a batch, never for one still queued or asleep.
    private int _generation;
    private int _running;

    /// <param name="helpers">Threads that help the reading thread (at least 1).</param>
    /// <param name="maxDepth">The reader's nesting limit.</param>
    /// <param name="headersOnly">Read only each record's header (for a filter, which runs on the reading thread).</param>
    public RecordFanOut(int helpers, int maxDepth, bool headersOnly)
    {
        _maxDepth = maxDepth;
        _headersOnly = headersOnly;
        _helperStates = new ParseState?[helpers];
        _alive = new int[helpers];
        _wake = new ManualResetEventSlim[helpers];
        for (int i = 0; i < helpers; i++)
        {
            _wake[i] = new ManualResetEventSlim(false, spinCount: 0);
        }

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
        for (int i = 0; i < _wake.Length; i++)
        {
            _wake[i].Set();
        }

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
            Array.Resize(ref _claims, _count * 2);
            Array.Resize(ref _results, _count * 2);
        }

        _starts[_count] = start;
        _lengths[_count] = length;
        _claims[_count] = Free;
        _count++;
    }

    /// <summary>Hands the batch to the helpers (the reading thread takes its own slices as it goes).</summary>
    public void Start()
    {
        _stopping = false;
        Interlocked.Increment(ref _generation);
        for (int i = 0; i < _alive.Length; i++)
        {
            _wake[i].Set();
            // A helper still waiting from the last batch takes this one; else one is queued (it starts with the newest batch).
            if (Interlocked.CompareExchange(ref _alive[i], 1, 0) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_help, i, preferLocal: false);
            }
        }
    }

    /// <summary>The length and result of the next slice: a helper's, or materialised here with <paramref name="state"/>.</summary>
    public SliceResult TakeNext(ParseState state, out int length)
    {
        int i = _next++;
        length = _lengths[i];
        if (Volatile.Read(ref _claims[i]) == Done)
        {
            SliceResult result = _results[i];
            _results[i] = default;
            return result;
        }

        // Free (a helper stops when it meets a taken slice) or claimed by a helper that has not finished: read it here.
        Interlocked.CompareExchange(ref _claims[i], Taken, Free);
        return Materialize(state, _starts[i], length);
    }

    /// <summary>Ends the batch: helpers take no more slices, and this returns once none reads the window.</summary>
    public void Stop()
    {
        _stopping = true;
        // A full fence: a helper increments _running and then reads _stopping, so this store must not pass the read below.
        Interlocked.MemoryBarrier();
        var wait = default(SpinWait);
        while (Volatile.Read(ref _running) != 0)
        {
            // A running helper finishes at most the slice it holds: no sleeping for a millisecond over that.
            wait.SpinOnce(sleep1Threshold: -1);
        }

        Array.Clear(_results, 0, _count);
        _count = 0;
        _next = 0;
        _buffer = [];
    }

    public void Dispose()
    {
        _disposed = true;
        for (int i = 0; i < _wake.Length; i++)
        {
            _wake[i].Set();
        }

        Stop();
        for (int i = 0; i < _helperStates.Length; i++)
        {
            ParseStateCache.Return(_helperStates[i]);
            _helperStates[i] = null;
        }
    }

    // One helper's loop: it takes each new batch; between batches it spins briefly (the next is usually being framed),
    // then sleeps until woken (Begin wakes it, so the wake-up overlaps the framing), and gives its thread back when idle.
    private void Help(int helper)
    {
        int seen = 0;
        long idleSince = Stopwatch.GetTimestamp();
        var wait = default(SpinWait);
        ManualResetEventSlim wake = _wake[helper];
        while (!_disposed)
        {
            int generation = Volatile.Read(ref _generation);
            if (generation != seen && !_stopping)
            {
                seen = generation;
                Work(helper, generation);
                idleSince = Stopwatch.GetTimestamp();
                wait.Reset();
                continue;
            }

            if (Stopwatch.GetElapsedTime(idleSince) < SpinTime)
            {
                wait.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            wake.Reset();
            if (Volatile.Read(ref _generation) == seen && !wake.Wait(IdleWait))
            {
                // Leaving: a batch started before the flag was cleared is taken here, one started after is queued by Start.
                Interlocked.Exchange(ref _alive[helper], 0);
                if (_disposed || _stopping || Volatile.Read(ref _generation) == seen || Interlocked.CompareExchange(ref _alive[helper], 1, 0) != 0)
                {
                    return;
                }
            }

            idleSince = Stopwatch.GetTimestamp();
            wait.Reset();
        }
    }

    private void Work(int helper, int generation)
    {
        Interlocked.Increment(ref _running);
        try
        {
            // Stopping is read after the increment: Stop, having set it, waits for this helper to leave.
            if (_stopping || Volatile.Read(ref _generation) != generation)
            {
                return;
            }

            ParseState state = _helperStates[helper] ??= ParseStateCache.Rent();
            for (int i = _count - 1; i >= 0 && !_stopping; i--)
            {
                int claim = Interlocked.CompareExchange(ref _claims[i], Claimed, Free);
                if (claim == Taken || i < Volatile.Read(ref _next))
                {
                    // The reading thread has come this far: everything before is its own.
                    return;
                }

                if (claim == Free)
                {
                    _results[i] = Materialize(state, _starts[i], _lengths[i]);
                    Volatile.Write(ref _claims[i], Done);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
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
}
