using System.Buffers;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Framing;

namespace CloudTrailModel.Reading.Materialize;

/// <summary>
/// Materialises the complete record slices of one window on several threads and hands the results back in file order.
/// The first helper to start frames the batch (<see cref="WindowSlices"/>) while the reading thread goes on reading
/// records one by one; then the reading thread takes slices from the front and helpers from the back, each claiming
/// one slice at a time, so they meet in the middle. The reading thread never waits for a helper: a slice a helper is
/// still working on when the reading thread reaches it is materialised again there (a helper the scheduler has paused
/// costs one duplicate record, not a stall). Each thread has its own <see cref="ParseState"/>. The window is not moved
/// while a batch runs: the framer calls <see cref="Stop"/> first.
/// </summary>
internal sealed class RecordFanOut : IDisposable
{
    private const int Free = 0;
    private const int Claimed = 1;
    private const int Done = 2;
    private const int Taken = 3;

    private readonly StringPool _readerPool;
    private readonly int _maxDepth;
    private readonly int _maxRecordBytes;
    private readonly bool _headersOnly;
    private readonly ParseState?[] _helperStates;
    private readonly Action<object?> _help;
    private byte[] _buffer = [];
    private long _base;
    private int _from;
    private int _end;
    // Rented on the first batch and handed back on Dispose: a small file's reader would otherwise allocate about 23 KB
    // for them, more than its hundred records' own share.
    private int[] _starts = [];
    private int[] _lengths = [];
    private int[] _claims = [];
    private SliceResult[] _results = [];
    private int _count;

    // The slices framed, published once the batch is framed (-1 until then); 1 once a helper has begun framing it.
    private volatile int _framed = -1;
    private int _framing;

    // The next slice the reading thread takes, moved for every record: on a line of its own (helpers never read it).
    private PaddedIndex _next;
    private volatile bool _stopping = true;

    // Helpers are queued per batch and may start late (a busy thread pool): one of an earlier batch must not start work
    // on this one, and Stop waits only for helpers that run, never for one still queued.
    private volatile int _generation;
    private int _running;

    // The batch whose first helper is the decompressing thread (written before the generation is published), and the
    // last batch that thread helped with (only that thread writes it).
    private int _inputBatch;
    private int _inputHelped;

    /// <param name="helpers">Threads that help the reading thread (at least 1).</param>
    /// <param name="readerPool">The reading thread's string pool: helpers count first sightings in its table (<see cref="StringPool.ShareSightingsOf"/>).</param>
    /// <param name="maxDepth">The reader's nesting limit.</param>
    /// <param name="maxRecordBytes">The reader's record size limit: framing stops at a larger record.</param>
    /// <param name="headersOnly">Read only each record's header (for a filter, which runs on the reading thread).</param>
    public RecordFanOut(int helpers, StringPool readerPool, int maxDepth, int maxRecordBytes, bool headersOnly)
    {
        _readerPool = readerPool;
        _maxDepth = maxDepth;
        _maxRecordBytes = maxRecordBytes;
        _headersOnly = headersOnly;
        _helperStates = new ParseState?[helpers];
        _help = Help;
    }

    /// <summary>Whether a batch runs: not framed yet, or with slices the reading thread has not taken.</summary>
    public bool IsActive
    {
        get
        {
            int framed = _framed;
            return !_stopping && (framed < 0 || _next.Value < framed);
        }
    }

    /// <summary>How many slices the last batch framed: -1 while it is not framed, and once stopped (the window may have moved).</summary>
    public int Framed => _framed;

    /// <summary>Whether the batch holds top-level records (JSON Lines) rather than elements of an array.</summary>
    public bool Lines { get; private set; }

    /// <summary>
    /// Starts a new batch of the records from <paramref name="from"/> (a record's start) to <paramref name="end"/> in
    /// <paramref name="buffer"/>, whose index 0 is absolute offset <paramref name="bufferBase"/>.
    /// </summary>
    public void Begin(byte[] buffer, long bufferBase, int from, int end, bool lines)
    {
        Stop();
        _buffer = buffer;
        _base = bufferBase;
        _from = from;
        _end = end;
        _framing = 0;
        Lines = lines;
    }

    private void Add(int start, int length)
    {
        if (_count == _starts.Length)
        {
            int size = Math.Max(256, _count * 2);
            Rent(ref _starts, size, _count);
            Rent(ref _lengths, size, _count);
            Rent(ref _claims, size, _count);
            Rent(ref _results, size, _count);
        }

        _starts[_count] = start;
        _lengths[_count] = length;
        _claims[_count] = Free;
        _count++;
    }

    /// <summary>
    /// Hands the batch to the helpers (the reading thread takes its own slices as it goes). When
    /// <paramref name="inputHelps"/>, the decompressing thread is the first helper (<see cref="HelpOnce"/>), so no
    /// third thread competes with it and the reading thread on two cores.
    /// </summary>
    public void Start(bool inputHelps)
    {
        int generation = _generation + 1;
        _inputBatch = inputHelps ? generation : 0;
        _generation = generation;
        _stopping = false;
        for (int i = inputHelps ? 1 : 0; i < _helperStates.Length; i++)
        {
            Task.Factory.StartNew(_help, (generation * 16) + i, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Takes the record at absolute offset <paramref name="offset"/>, the reading thread's next, with its length: a
    /// helper's, or materialised here with <paramref name="state"/>. False while the batch is not framed (the reading
    /// thread reads the record itself), and when no slice starts there (the batch is then stopped).
    /// </summary>
    public bool TryTake(ParseState state, long offset, out SliceResult result, out int length)
    {
        result = default;
        length = 0;
        int framed = _framed;
        if (framed < 0)
        {
            return false;
        }

        // Records the reading thread read itself before the batch was framed: marked, so helpers stop there.
        int i = _next.Value;
        long at = offset - _base;
        while (i < framed && _starts[i] < at)
        {
            Interlocked.CompareExchange(ref _claims[i], Taken, Free);
            i++;
        }

        if (i >= framed || _starts[i] != at)
        {
            Stop();
            return false;
        }

        _next.Value = i + 1;
        length = _lengths[i];
        if (Volatile.Read(ref _claims[i]) == Done)
        {
            result = _results[i];
            _results[i] = default;
            return true;
        }

        // Free (a helper stops when it meets a taken slice) or claimed by a helper that has not finished: read it here.
        Interlocked.CompareExchange(ref _claims[i], Taken, Free);
        result = Materialize(state, _starts[i], length);
        return true;
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
        _framed = -1;
        _next.Value = 0;
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

        Rent(ref _starts, 0, 0);
        Rent(ref _lengths, 0, 0);
        Rent(ref _claims, 0, 0);
        Rent(ref _results, 0, 0);
    }

    /// <summary>Hands a rented array back for one of <paramref name="size"/> (none for 0) with its first <paramref name="count"/> items.</summary>
    private static void Rent<T>(ref T[] array, int size, int count)
    {
        T[] bigger = size == 0 ? [] : ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, count).CopyTo(bigger);
        if (array.Length > 0)
        {
            // Results were cleared by Stop; their slots hold no records when handed back.
            ArrayPool<T>.Shared.Return(array);
        }

        array = bigger;
    }

    /// <summary>
    /// Helps with the running batch once, as the first helper, from the decompressing thread (see
    /// <see cref="Start"/>): true if there was a batch it had not helped with yet.
    /// </summary>
    public bool HelpOnce()
    {
        // Only a batch started for it: helper 0 of any other went to the thread pool (its state is that helper's).
        int generation = _generation;
        if (_stopping || generation != _inputBatch || generation == _inputHelped)
        {
            return false;
        }

        _inputHelped = generation;
        Help(generation * 16);
        return true;
    }

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

            int framed = Frame();
            ParseState state = _helperStates[helper] ??= RentHelperState();
            for (int i = framed - 1; i >= 0 && !_stopping; i--)
            {
                int claim = Interlocked.CompareExchange(ref _claims[i], Claimed, Free);
                if (claim == Taken)
                {
                    // The reading thread has come this far (it marks every slice it reads itself): everything before is its own.
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

    // Handed back by Dispose, whose ParseStateCache.Return ends the sharing of sightings (ParseState.Release).
    private ParseState RentHelperState()
    {
        ParseState state = ParseStateCache.Rent();
        state.Pool.ShareSightingsOf(_readerPool);
        return state;
    }

    /// <summary>
    /// The number of slices in the batch: framed here by the first helper to start (with several helpers, the others
    /// wait for it, as they would have nothing to take), or 0 when the batch was stopped first.
    /// </summary>
    private int Frame()
    {
        if (Interlocked.Exchange(ref _framing, 1) == 0)
        {
            ReadOnlySpan<byte> window = _buffer.AsSpan(0, _end);
            int at = _from;
            while (!_stopping)
            {
                int start = WindowSlices.Next(window, at, Lines, first: _count == 0, _maxRecordBytes, out int length);
                if (start < 0)
                {
                    break;
                }

                Add(start, length);
                at = start + length;
            }

            _framed = _count;
        }

        var wait = default(SpinWait);
        int framed;
        while ((framed = _framed) < 0 && !_stopping)
        {
            wait.SpinOnce(sleep1Threshold: -1);
        }

        return Math.Max(framed, 0);
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
