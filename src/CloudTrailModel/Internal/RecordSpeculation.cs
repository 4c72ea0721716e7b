using System.Collections.Concurrent;

namespace CloudTrailModel.Internal;

/// <summary>
/// Parses the second half of the framer's buffered window on another core while the framer parses the first
/// half. Work starts at a guessed record boundary; its records are used only when the framer's own sequential
/// framing arrives exactly at the offsets the guess produced, so a wrong guess costs time, never correctness.
/// Only records that parsed cleanly are speculated: anything else (an error, the end of the window, the end of
/// the array; in JSON Lines, an object that does not start with a record member, which may be a whole log file)
/// ends the chain and the framer handles it itself. The worker only reads the buffer region it was
/// given; the framer waits for the worker before it moves, grows or returns that buffer.
/// </summary>
internal sealed class RecordSpeculation
{
    // Made on first use, as the list's room: a small file (no window large enough to share) never needs them (38 KB).
    private ParseState? _state;
    private readonly int _maxDepth;
    private readonly bool _headersOnly;
    // The state's list while a state is held (kept with it for the readers that follow: ~12 KB a reader).
    private List<SpeculatedEntry> _entries = [];
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private long _base;
    private int _next;
    private Task? _task;

    /// <param name="maxDepth">The reader's nesting limit.</param>
    /// <param name="headersOnly">Read only each record's header and length (for a filter), not the record.</param>
    public RecordSpeculation(int maxDepth, bool headersOnly)
    {
        _maxDepth = maxDepth;
        _headersOnly = headersOnly;
    }

    /// <summary>Whether a chain was started and not yet used up or dropped.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Whether the chain holds top-level records (JSON Lines) rather than elements of an array.</summary>
    public bool Lines { get; private set; }

    /// <summary>The absolute input offset of the first speculated record.</summary>
    public long StartOffset { get; private set; }

    /// <summary>The worker, while it is running.</summary>
    public Task? Running => _task is { IsCompleted: false } task ? task : null;

    /// <summary>
    /// Finds a record boundary in the second half of <c>buffer[start..end)</c> and starts parsing from it on the
    /// thread pool. Returns false (and starts nothing) when no boundary is found. <paramref name="lines"/>: the records are top-level
    /// values (JSON Lines) rather than elements of an array.
    /// </summary>
    public bool TryStart(byte[] buffer, int start, int end, long bufferBase, bool lines)
    {
        int boundary = FindRecordStart(buffer, start + ((end - start) / 2), end, lines);
        if (boundary < 0)
        {
            return false;
        }

        _buffer = buffer;
        _start = boundary;
        _end = end;
        _base = bufferBase;
        Lines = lines;
        _next = 0;
        _state ??= ParseStateCache.Rent();
        _entries = _state.SpeculatedEntries;
        _entries.Clear();
        StartOffset = bufferBase + boundary;
        IsActive = true;
        _entries.EnsureCapacity(256);
        _task = Task.Factory.StartNew(static s => ((RecordSpeculation)s!).Run(), this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        return true;
    }

    /// <summary>
    /// Takes the speculated record that starts at absolute offset <paramref name="offset"/>, waiting for the worker
    /// if it is not there yet: the record, or in headers-only mode its header (and a null record), and its length.
    /// False when the chain does not hold that record; the chain is then dropped.
    /// </summary>
    public bool TryTake(long offset, out CloudTrailRecord? record, out CloudTrailRecordHeader header, out int consumed)
    {
        WaitForWorker();
        if (_next < _entries.Count && _entries[_next].Offset == offset)
        {
            SpeculatedEntry entry = _entries[_next];
            _entries[_next] = default;
            _next++;
            record = entry.Record;
            header = entry.Header;
            consumed = entry.Length;
            if (_next == _entries.Count)
            {
                Drop();
            }

            return true;
        }

        Drop();
        record = null;
        header = default;
        consumed = 0;
        return false;
    }

    /// <summary>Blocks until the worker no longer reads the buffer.</summary>
    public void WaitForWorker()
    {
        Task? task = _task;
        if (task is null)
        {
            return;
        }

        if (!task.IsCompleted)
        {
            // The worker ends its chain at the end of the window, so the wait is bounded by one window's work.
            task.GetAwaiter().GetResult();
        }

        _task = null;
        _buffer = [];
    }

    /// <summary>Forgets the chain (after waiting for the worker).</summary>
    public void Drop()
    {
        WaitForWorker();
        _entries.Clear();
        _next = 0;
        IsActive = false;
    }

    /// <summary>Hands the parse state back for other readers (after <see cref="Drop"/>: the worker is done).</summary>
    public void ReleaseState()
    {
        ParseStateCache.Return(_state);
        _state = null;
        _entries = [];
    }

    private void Run() => ParseChain(_state!, _buffer, _start, _end, _base, Lines, _headersOnly, _maxDepth, _entries, stop: null);

    /// <summary>
    /// Parses the records from <paramref name="pos"/> (a record's start) on into <paramref name="entries"/>, each with
    /// its absolute offset (<paramref name="bufferBase"/> plus its index), until one does not parse cleanly, the data
    /// or the array ends, an object follows that is not a record (JSON Lines), or <paramref name="stop"/> says so.
    /// </summary>
    public static void ParseChain(
        ParseState state, byte[] buffer, int pos, int end, long bufferBase, bool lines, bool headersOnly, int maxDepth,
        List<SpeculatedEntry> entries, Func<bool>? stop)
    {
        try
        {
            while (true)
            {
                int consumed;
                if (headersOnly)
                {
                    if (RecordPrescan.Scan(state, buffer, pos, end, isFinalBlock: false, maxDepth, out CloudTrailRecordHeader header, out consumed) != PrescanResult.Scanned)
                    {
                        return;
                    }

                    entries.Add(new SpeculatedEntry(bufferBase + pos, consumed, null, header));
                }
                else
                {
                    MaterializeStatus status = RecordMaterializer.Materialize(
                        state, buffer, pos, end, isFinalBlock: false, maxDepth, out CloudTrailRecord? record, out consumed, out _, out _, out _);
                    if (status != MaterializeStatus.Ok)
                    {
                        return;
                    }

                    entries.Add(new SpeculatedEntry(bufferBase + pos, consumed, record, default));
                }

                pos = SkipWhitespace(buffer, pos + consumed, end);
                if (!lines)
                {
                    if (pos >= end || buffer[pos] != (byte)',')
                    {
                        return;
                    }

                    pos = SkipWhitespace(buffer, pos + 1, end);
                }

                // A top-level object is a record only when a record member comes first (else it may be a log file).
                if (pos >= end || buffer[pos] != (byte)'{' || (lines && !StartsWithRecordMember(buffer, pos, end)) || stop?.Invoke() == true)
                {
                    return;
                }
            }
        }
        catch (Exception)
        {
            // Whatever failed here fails again, reported properly, when the framer parses the record itself.
        }
    }

    /// <summary>
    /// The first object at or after <paramref name="from"/> whose first member is one only CloudTrail records have at
    /// their top level (<c>eventVersion</c> in real logs) and that follows a comma (in an array) or the end of
    /// another object (JSON Lines; in valid JSON no brace inside a record can follow one), or -1.
    /// </summary>
    public static int FindRecordStart(byte[] buffer, int from, int end, bool lines)
    {
        int i = from;
        while (i < end)
        {
            int hit = buffer.AsSpan(i, end - i).IndexOf((byte)'{');
            if (hit < 0)
            {
                return -1;
            }

            int brace = i + hit;
            i = brace + 1;
            if (!StartsWithRecordMember(buffer, brace, end))
            {
                continue;
            }

            int before = SkipWhitespaceBack(buffer, brace - 1, from);
            if (before >= from && buffer[before] == (lines ? (byte)'}' : (byte)','))
            {
                return brace;
            }
        }

        return -1;
    }

    /// <summary>Whether the object at <paramref name="brace"/> starts with a record member.</summary>
    private static bool StartsWithRecordMember(byte[] buffer, int brace, int end)
    {
        int quote = SkipWhitespace(buffer, brace + 1, end);
        if (quote >= end || buffer[quote] != (byte)'"')
        {
            return false;
        }

        int close = buffer.AsSpan(quote + 1, Math.Min(end - quote - 1, 32)).IndexOf((byte)'"');
        return close >= 0 && IsRecordMember(buffer.AsSpan(quote + 1, close));
    }

    private static bool IsRecordMember(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("eventVersion"u8) || name.SequenceEqual("eventTime"u8) || name.SequenceEqual("eventSource"u8)
        || name.SequenceEqual("eventName"u8) || name.SequenceEqual("eventID"u8) || name.SequenceEqual("userIdentity"u8)
        || name.SequenceEqual("awsRegion"u8) || name.SequenceEqual("eventType"u8) || name.SequenceEqual("eventCategory"u8);

    private static int SkipWhitespace(byte[] buffer, int pos, int end)
    {
        while (pos < end && buffer[pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            pos++;
        }

        return pos;
    }

    private static int SkipWhitespaceBack(byte[] buffer, int pos, int floor)
    {
        while (pos >= floor && buffer[pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            pos--;
        }

        return pos;
    }
}

/// <summary>A record parsed on another thread (or only its header, for a filter), at an absolute input offset.</summary>
internal readonly record struct SpeculatedEntry(long Offset, int Length, CloudTrailRecord? Record, CloudTrailRecordHeader Header);

/// <summary>
/// Parses records of a decompressed chunk on the decompressing thread, while the reader is behind (see
/// <see cref="ReadAheadStream"/>): from the first record boundary in the chunk until the reader takes a chunk or the
/// chunk ends (a record cut by the chunk's end is left to the reader). Records are parsed in the layout the reader
/// last said it reads (<see cref="SetLayout"/>); until then, none.
/// </summary>
internal sealed class AheadParser
{
    private const int Unknown = 0;
    private const int Array = 1;
    private const int Lines = 2;

    // Made on first use (on the decompressing thread): a small file never needs it.
    private ParseState? _state;
    private readonly ConcurrentQueue<ParsedChunk> _free = new();
    private readonly int _maxDepth;
    private readonly bool _headersOnly;
    private int _layout;

    /// <param name="maxDepth">The reader's nesting limit.</param>
    /// <param name="headersOnly">Read only each record's header and length (for a filter), not the record.</param>
    public AheadParser(int maxDepth, bool headersOnly)
    {
        _maxDepth = maxDepth;
        _headersOnly = headersOnly;
    }

    /// <summary>Says (from the reader's thread) whether records are elements of an array or top-level values.</summary>
    public void SetLayout(bool lines) => Volatile.Write(ref _layout, lines ? Lines : Array);

    /// <summary>
    /// Parses records of <c>buffer[0..length)</c>, the decompressed data from absolute offset <paramref name="offset"/>
    /// on, until <paramref name="stop"/> says so: the records, or null when there were none.
    /// </summary>
    public ParsedChunk? Parse(byte[] buffer, int length, long offset, Func<bool> stop)
    {
        int layout = Volatile.Read(ref _layout);
        if (layout == Unknown)
        {
            return null;
        }

        bool lines = layout == Lines;
        int start = RecordSpeculation.FindRecordStart(buffer, 0, length, lines);
        if (start < 0)
        {
            return null;
        }

        ParsedChunk parsed = _free.TryDequeue(out ParsedChunk? reused) ? reused : new ParsedChunk();
        parsed.End = offset + length;
        parsed.Lines = lines;
        _state ??= ParseStateCache.Rent();
        RecordSpeculation.ParseChain(_state, buffer, start, length, offset, lines, _headersOnly, _maxDepth, parsed.Entries, stop);
        if (parsed.Entries.Count == 0)
        {
            Recycle(parsed);
            return null;
        }

        return parsed;
    }

    /// <summary>Hands the parse state back for other readers, once the decompressing thread has ended.</summary>
    public void ReleaseState()
    {
        ParseStateCache.Return(_state);
        _state = null;
    }

    /// <summary>Hands a chunk's list back for reuse: from the reader's thread once it has passed it, or here when empty.</summary>
    public void Recycle(ParsedChunk parsed)
    {
        parsed.Entries.Clear();
        parsed.Next = 0;
        _free.Enqueue(parsed);
    }
}

/// <summary>The records parsed ahead in one chunk, in input order.</summary>
internal sealed class ParsedChunk
{
    /// <summary>The records (or headers) and where each starts.</summary>
    public List<SpeculatedEntry> Entries { get; } = new(256);

    /// <summary>The absolute offset just past the chunk.</summary>
    public long End { get; set; }

    /// <summary>Whether the records were parsed as top-level values (JSON Lines) rather than array elements.</summary>
    public bool Lines { get; set; }

    /// <summary>The reader's position in <see cref="Entries"/>.</summary>
    public int Next { get; set; }
}
