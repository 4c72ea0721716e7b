using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CloudTrailModel.Internal;

internal enum StepResult
{
    Record,
    Error,
    NeedMore,
    End,
}

/// <summary>
/// Finds records in a stream of CloudTrail input and materialises them in the same pass. Input may be a log
/// file (<c>{"Records":[...]}</c>, other top-level members tolerated), JSON Lines, a bare record, or a bare array
/// of records, or a wrapper (see <c>RecordFramer.Wrappers.cs</c>), plain or gzip. The framer is a state machine over one pooled buffer: <see cref="Step"/> never
/// does I/O and says <see cref="StepResult.NeedMore"/> instead, so the sync and async readers share it. Only the
/// record being parsed is buffered; a bad record is reported and framing resynchronises at the next record.
/// </summary>
internal sealed partial class RecordFramer : IDisposable
{
    private const int InitialBufferSize = 256 * 1024;

    // Before a record is parsed at least this much input is buffered (unless the input ends sooner): a record
    // that runs past the buffer costs a parse restart signalled by an exception, which is far slower than
    // moving a few kilobytes to the front of the buffer. Only records larger than this can still restart.
    private const int ParseMargin = 32 * 1024;

    // A window smaller than this is not worth handing half of to another core.
    private const int MinSpeculationWindow = 64 * 1024;

    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(" \t\r\n,]}"u8);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private enum Mode
    {
        Start,
        TopLevel,
        BareRecord,
        InArray,
        AfterElement,
        AfterRecords,
        SkipValue,
        ResyncArray,
        ResyncTopLevel,
        Wrapper,
        Done,
    }

    private enum Candidate
    {
        Valid,
        Invalid,
        NeedMore,
    }

    private readonly Stream _source;
    private readonly bool _ownsSource;
    private readonly CloudTrailReaderOptions _options;
    private readonly ParseState _state = ParseStateCache.Rent();
    private RecordSpeculation? _speculation;
    private Stream? _stream;
    private ReadAheadStream? _readAhead;
    private bool? _aheadLines;
    private TailRecordingStream? _gzipInput;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _base;
    private long _totalRead;
    private bool _eof;
    private CloudTrailErrorCode? _inputFault;
    private bool _faultReported;
    private bool _sawDocument;
    private bool _topLevelArray;
    private long _nextIndex;
    private long _filterPassedAt = -1;
    private Mode _mode = Mode.Start;
    private Mode _afterSkip;
    private bool _skipStarted;
    private bool _stalled;
    private int _skipDepth;
    private bool _skipInString;
    private bool _skipEscape;
    private bool _skipScalar;

    public RecordFramer(Stream source, CloudTrailReaderOptions options, bool ownsSource)
    {
        _source = source;
        _ownsSource = ownsSource;
        _options = options;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);

        // With a second core, the second half of each buffered window of a log file is parsed there (only the
        // headers when a filter is set: the filter itself always runs on the reading thread).
        if (options.AllowParallelParsing && Environment.ProcessorCount > 1)
        {
            _speculation = new RecordSpeculation(options.MaxDepth, headersOnly: options.Filter is not null);
        }
    }

    /// <summary>The record found by the last <see cref="Step"/> that returned <see cref="StepResult.Record"/>.</summary>
    public CloudTrailRecord? Record { get; private set; }

    /// <summary>The problem found by the last <see cref="Step"/> that returned <see cref="StepResult.Error"/>.</summary>
    public CloudTrailRecordError Error { get; private set; }

    private int MaxBufferSize => (int)Math.Min(Array.MaxLength, (long)_options.MaxRecordBytes * 2 + InitialBufferSize);

    /// <summary>How many records came from the second core (for tests).</summary>
    public long SpeculatedRecords { get; private set; }

    /// <summary>How many of the records taken from another thread a gzip input's decompressing thread parsed (for tests).</summary>
    public long RecordsParsedByDecompressor => _readAhead?.RecordsTaken ?? 0;

    /// <summary>The worker a read must wait for before its next <see cref="Step"/>, if any (lets async reads await it).</summary>
    public Task? PendingSpeculation =>
        _speculation is { IsActive: true } speculation && _base + _pos >= speculation.StartOffset ? speculation.Running : null;

    public void Dispose()
    {
        _speculation?.Drop();
        _speculation?.ReleaseState();
        _wrapper?.Dispose();
        if (_stream is not null && !ReferenceEquals(_stream, _source))
        {
            _stream.Dispose();
        }

        ParseStateCache.Return(_state);

        if (_ownsSource)
        {
            _source.Dispose();
        }

        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // ---------------------------------------------------------------- input

    public void Fill()
    {
        if (!PrepareFill())
        {
            return;
        }

        try
        {
            if (_stream is null)
            {
                int n = _source.Read(_buffer, _end, _buffer.Length - _end);
                if (n == 1)
                {
                    n += _source.Read(_buffer, _end + 1, _buffer.Length - _end - 1);
                }

                Sniff(n);
                return;
            }

            Account(_stream.Read(_buffer, _end, _buffer.Length - _end));
        }
        catch (InvalidDataException)
        {
            Fault(CloudTrailErrorCode.InvalidCompressedData);
        }
    }

    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_speculation?.Running is { } running)
        {
            await running.ConfigureAwait(false);
        }

        if (!PrepareFill())
        {
            return;
        }

        try
        {
            if (_stream is null)
            {
                int n = await _source.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                if (n == 1)
                {
                    n += await _source.ReadAsync(_buffer.AsMemory(_end + 1), cancellationToken).ConfigureAwait(false);
                }

                Sniff(n);
                return;
            }

            Account(await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException)
        {
            Fault(CloudTrailErrorCode.InvalidCompressedData);
        }
    }

    private bool PrepareFill()
    {
        // The buffer may be moved or replaced below: a worker must not be reading it then.
        _speculation?.WaitForWorker();
        if (_eof)
        {
            // Asked for more after the end: a framing path failed to finish. End the read rather than spin.
            _stalled = true;
            return false;
        }

        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _base += _pos;
            _end -= _pos;
            _pos = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxBufferSize)
            {
                // A single JSON token larger than the record limit: nothing more can be framed.
                Fault(CloudTrailErrorCode.RecordTooLarge);
                return false;
            }

            byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(MaxBufferSize, (long)_buffer.Length * 2));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return true;
    }

    /// <summary>Decides from the first bytes whether the input is gzip (magic bytes 1F 8B, never the file name).</summary>
    private void Sniff(int n)
    {
        if (n >= 2 && _buffer[_end] == 0x1F && _buffer[_end + 1] == 0x8B)
        {
            _gzipInput = new TailRecordingStream(new PrefixedStream(_buffer.AsSpan(_end, n), _source));
            // Decompress on another core while this one parses. On two cores decompression keeps that core busy most
            // of the time, so the decompressing thread itself parses records ahead in the time it would otherwise wait
            // (a third thread only slowed both, measured), and windows go to the thread pool only once all is
            // decompressed; with a third core, the thread pool takes half of each window.
            AheadParser? parser = _speculation is not null && Environment.ProcessorCount < 3
                ? new AheadParser(_options.MaxDepth, headersOnly: _options.Filter is not null)
                : null;
            _readAhead = new ReadAheadStream(new GZipStream(_gzipInput, CompressionMode.Decompress), parser);
            _stream = _readAhead;

            return;
        }

        _stream = _source;
        Account(n);
    }

    private void Account(int n)
    {
        if (n <= 0)
        {
            _eof = true;
            CheckGzipTrailer();
            return;
        }

        _totalRead += n;
        _end += n;
        if (_totalRead > _options.MaxDecompressedBytes)
        {
            _end -= (int)(_totalRead - _options.MaxDecompressedBytes);
            Fault(CloudTrailErrorCode.DecompressedSizeExceeded);
        }
    }

    /// <summary>
    /// The last gzip member's ISIZE is the size of its decompressed data modulo 2^32, so it can never exceed what
    /// was decompressed. A truncated member ends on arbitrary bytes, which almost always break that rule.
    /// (Concatenated members make an exact comparison impossible, so smaller values are accepted.)
    /// </summary>
    private void CheckGzipTrailer()
    {
        if (_gzipInput is null || _inputFault is not null)
        {
            return;
        }

        ReadOnlySpan<byte> tail = _gzipInput.Tail;
        if (tail.Length < 8 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) > (uint)_totalRead)
        {
            Fault(CloudTrailErrorCode.InvalidCompressedData);
        }
    }

    /// <summary>The input cannot go on: treat it as ended here and report why once framing reaches the end.</summary>
    private void Fault(CloudTrailErrorCode code)
    {
        _inputFault ??= code;
        _eof = true;
    }

    // ---------------------------------------------------------------- framing

    public StepResult Step()
    {
        Record = null;
        Wrapper = null;
        if (_stalled)
        {
            _stalled = false;
            return Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done);
        }

        while (true)
        {
            switch (_mode)
            {
                case Mode.Start:
                    if (_end - _pos < 3 && !_eof)
                    {
                        return StepResult.NeedMore;
                    }

                    if (_buffer.AsSpan(_pos, _end - _pos).StartsWith(Utf8Bom))
                    {
                        _pos += 3;
                    }

                    _mode = Mode.TopLevel;
                    continue;

                case Mode.TopLevel:
                {
                    if (!SkipWhitespace())
                    {
                        if (!_eof)
                        {
                            return StepResult.NeedMore;
                        }

                        if (_inputFault is not null)
                        {
                            return Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done);
                        }

                        if (!_sawDocument)
                        {
                            _sawDocument = true;
                            return Fail(CloudTrailErrorCode.EmptyInput, _pos, consumesSlot: false, Mode.Done);
                        }

                        _mode = Mode.Done;
                        continue;
                    }

                    byte c = _buffer[_pos];
                    if (c == (byte)'{')
                    {
                        _sawDocument = true;
                        if (TakeSpeculated(Mode.TopLevel, requireMarker: false, out StepResult? taken))
                        {
                            if (taken is { } line)
                            {
                                return line;
                            }

                            continue;
                        }

                        StepResult? probe = ProbeTopLevelObject();
                        if (probe is { } result)
                        {
                            return result;
                        }

                        continue;
                    }

                    if (c == (byte)'[')
                    {
                        _sawDocument = true;
                        _topLevelArray = true;
                        _pos++;
                        _mode = Mode.InArray;
                        continue;
                    }

                    bool wasDocument = _sawDocument;
                    _sawDocument = true;
                    if (IsScalarStart(c))
                    {
                        _afterSkip = Mode.TopLevel;
                        return Fail(CloudTrailErrorCode.NotCloudTrail, _pos, consumesSlot: true, Mode.SkipValue);
                    }

                    return Fail(wasDocument ? CloudTrailErrorCode.TrailingData : CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, Mode.ResyncTopLevel, resyncFrom: _pos + 1);
                }

                case Mode.BareRecord:
                {
                    StepResult? result = MaterializeAt(Mode.TopLevel, Mode.ResyncTopLevel, requireMarker: false);
                    if (result is { } r)
                    {
                        return r;
                    }

                    continue;
                }

                case Mode.InArray:
                {
                    if (!SkipWhitespace())
                    {
                        return _eof ? Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done) : StepResult.NeedMore;
                    }

                    byte c = _buffer[_pos];
                    if (c == (byte)']')
                    {
                        _pos++;
                        _mode = _topLevelArray ? Mode.TopLevel : Mode.AfterRecords;
                        _topLevelArray = false;
                        continue;
                    }

                    if (c == (byte)'{')
                    {
                        // A bare array may hold wrapped events rather than records.
                        if (_topLevelArray && PeekWrapperKind() is var kind and not WrapperKind.None)
                        {
                            if (kind is { } wrapper)
                            {
                                EnterWrapper(wrapper, Mode.AfterElement);
                                continue;
                            }

                            if (!_eof && _end - _pos < WrapperDocumentLimit)
                            {
                                return StepResult.NeedMore;
                            }
                        }

                        StepResult? result = MaterializeAt(Mode.AfterElement, Mode.ResyncArray, requireMarker: _topLevelArray);
                        if (result is { } r)
                        {
                            return r;
                        }

                        continue;
                    }

                    if (IsScalarStart(c) || c == (byte)'[')
                    {
                        _afterSkip = Mode.AfterElement;
                        return Fail(CloudTrailErrorCode.NotAnObject, _pos, consumesSlot: true, Mode.SkipValue);
                    }

                    return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: true, Mode.ResyncArray, resyncFrom: _pos + 1);
                }

                case Mode.AfterElement:
                {
                    if (!SkipWhitespace())
                    {
                        return _eof ? Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done) : StepResult.NeedMore;
                    }

                    byte c = _buffer[_pos];
                    if (c == (byte)',')
                    {
                        _pos++;
                        _mode = Mode.InArray;
                        continue;
                    }

                    if (c == (byte)']')
                    {
                        _pos++;
                        _mode = _topLevelArray ? Mode.TopLevel : Mode.AfterRecords;
                        _topLevelArray = false;
                        continue;
                    }

                    // A missing comma between two records costs no record: report it and read on.
                    return c == (byte)'{'
                        ? Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, Mode.InArray)
                        : Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, Mode.ResyncArray, resyncFrom: _pos + 1);
                }

                case Mode.AfterRecords:
                {
                    if (!SkipWhitespace())
                    {
                        return _eof ? Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done) : StepResult.NeedMore;
                    }

                    byte c = _buffer[_pos];
                    if (c == (byte)'}')
                    {
                        _pos++;
                        _mode = Mode.TopLevel;
                        continue;
                    }

                    if (c == (byte)',')
                    {
                        // Another top-level member after Records: skip its name and value.
                        int valueStart = MemberValueStart(_pos + 1);
                        if (valueStart == -1)
                        {
                            return _eof ? Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done) : StepResult.NeedMore;
                        }

                        if (valueStart == -2)
                        {
                            return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, Mode.ResyncTopLevel, resyncFrom: _pos + 1);
                        }

                        _pos = valueStart;
                        _afterSkip = Mode.AfterRecords;
                        _mode = Mode.SkipValue;
                        continue;
                    }

                    return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, Mode.ResyncTopLevel, resyncFrom: _pos + 1);
                }

                case Mode.SkipValue:
                {
                    StepResult? result = SkipOneValue();
                    if (result is { } r)
                    {
                        return r;
                    }

                    continue;
                }

                case Mode.Wrapper:
                {
                    StepResult? result = StepWrapper();
                    if (result is { } r)
                    {
                        return r;
                    }

                    continue;
                }

                case Mode.ResyncArray:
                case Mode.ResyncTopLevel:
                {
                    StepResult? result = Resync(_mode == Mode.ResyncTopLevel);
                    if (result is { } r)
                    {
                        return r;
                    }

                    continue;
                }

                default:
                    if (_inputFault is not null && !_faultReported)
                    {
                        return Fail(CloudTrailErrorCode.Truncated, _end, consumesSlot: false, Mode.Done);
                    }

                    return StepResult.End;
            }
        }
    }

    /// <summary>
    /// Looks into a top-level object just far enough to tell a log file (a <c>Records</c> array: stream its
    /// elements) from a bare record (a record member first: parse it whole) from some other JSON document.
    /// </summary>
    private StepResult? ProbeTopLevelObject()
    {
        if (ScanWouldRepeat(_options.MaxRecordBytes))
        {
            return StepResult.NeedMore;
        }

        DocumentScans++;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, _end - _pos), _eof, new JsonReaderState(new JsonReaderOptions { MaxDepth = _options.MaxDepth }));
        try
        {
            reader.Read();
            while (true)
            {
                if (!reader.Read())
                {
                    return NeedMoreOrTooLarge(Mode.TopLevel);
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _pos += (int)reader.BytesConsumed;
                    return Fail(CloudTrailErrorCode.NotCloudTrail, _pos - (int)reader.BytesConsumed, consumesSlot: true, Mode.TopLevel);
                }

                if (reader.ValueTextEquals("Records"u8))
                {
                    if (!reader.Read())
                    {
                        return NeedMoreOrTooLarge(Mode.TopLevel);
                    }

                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        _pos += (int)reader.BytesConsumed;
                        _topLevelArray = false;
                        _mode = Mode.InArray;
                        return null;
                    }
                }
                else if (RecordMarkers.IsMarker(ref reader))
                {
                    _mode = Mode.BareRecord;
                    return null;
                }
                else if (WrapperMarkers.Of(ref reader) is var kind and not WrapperKind.None)
                {
                    return EnterWrapper(kind, Mode.TopLevel);
                }
                else if (!reader.Read())
                {
                    return NeedMoreOrTooLarge(Mode.TopLevel);
                }

                if (!reader.TrySkip())
                {
                    return NeedMoreOrTooLarge(Mode.TopLevel);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed before it showed what it is (InvalidOperationException: a member name escaping a lone
            // surrogate, which ValueTextEquals cannot unescape): a bad bare record (a record member may not have come first).
            _mode = Mode.BareRecord;
            return null;
        }
    }

    /// <summary>Takes a record that parsed cleanly at <see cref="_pos"/>, unless it breaks a rule of the input as a whole.</summary>
    private StepResult Accept(CloudTrailRecord record, int consumed, Mode next, bool requireMarker)
    {
        int start = _pos;
        _pos += consumed;
        _mode = next;
        if (consumed > _options.MaxRecordBytes)
        {
            return Fail(CloudTrailErrorCode.RecordTooLarge, start, consumesSlot: true, next);
        }

        if ((requireMarker && !RecordMarkers.HasMarker(record)) || RecordMarkers.IsS3EventNotification(record))
        {
            return Fail(CloudTrailErrorCode.NotCloudTrail, start, consumesSlot: true, next);
        }

        _nextIndex++;
        Record = record;
        return StepResult.Record;
    }

    private StepResult NeedMoreOrTooLarge(Mode mode)
    {
        if (_end - _pos >= _options.MaxRecordBytes || _eof)
        {
            if (_eof)
            {
                return Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: true, Mode.Done);
            }

            _afterSkip = mode;
            return Fail(CloudTrailErrorCode.RecordTooLarge, _pos, consumesSlot: true, Mode.SkipValue);
        }

        ScanRanOut();
        return StepResult.NeedMore;
    }

    /// <summary>Parses the record at <see cref="_pos"/>; null means "go on" (the mode was changed).</summary>
    private StepResult? MaterializeAt(Mode next, Mode resyncMode, bool requireMarker)
    {
        if (next == Mode.AfterElement && TakeSpeculated(next, requireMarker, out StepResult? taken))
        {
            return taken;
        }

        // Records of a log file's array, or JSON Lines (top-level records): hand half of a full window to the other core
        // (a decompressing thread that parses ahead is told which, and has the other core until it has read all).
        bool lines = next == Mode.TopLevel;
        if (_readAhead is { ParsesAhead: true } readAhead && _aheadLines != lines)
        {
            _aheadLines = lines;
            readAhead.SetLayout(lines);
        }

        if (_speculation is { IsActive: false } speculation && _end - _pos >= MinSpeculationWindow
            && (_readAhead is not { ParsesAhead: true } ahead || ahead.ProducerEnded))
        {
            speculation.TryStart(_buffer, _pos, _end, _base, lines: next == Mode.TopLevel);
        }

        if (!_eof && _end - _pos < ParseMargin)
        {
            return StepResult.NeedMore;
        }

        // A record the filter already accepted (or that is over the limit) is not shown to the filter again.
        bool filterParsed = false;
        if (_options.Filter is { } filter && _base + _pos != _filterPassedAt)
        {
            switch (RecordPrescan.Scan(_state, _buffer, _pos, _end, _eof, _options.MaxDepth, out CloudTrailRecordHeader header, out int scanned))
            {
                case PrescanResult.Scanned when scanned <= _options.MaxRecordBytes && !filter(header):
                    return Reject(scanned, next);
                case PrescanResult.Scanned:
                    _filterPassedAt = _base + _pos;
                    break;
                case PrescanResult.NeedMore when !_eof:
                    if (_end - _pos >= _options.MaxRecordBytes)
                    {
                        _afterSkip = next;
                        return Fail(CloudTrailErrorCode.RecordTooLarge, _pos, consumesSlot: true, Mode.SkipValue);
                    }

                    return StepResult.NeedMore;
                case PrescanResult.Malformed:
                    // Malformed (the full parse reports it precisely), or something the scan leaves to the full parse
                    // (an escaped member name): if the record parses, the filter is shown its parsed header.
                    filterParsed = true;
                    break;
                default:
                    // Cut off at the end of the input: the full parse reports it.
                    break;
            }
        }

        return Materialize(next, resyncMode, requireMarker, filterParsed);
    }

    /// <summary>
    /// Takes the record at <see cref="_pos"/> from the other core, if it parsed it: true with the step's result (null:
    /// go on), or false when the record must be parsed here (also when only its header was read there and the
    /// filter accepted it: the filter is then not asked again).
    /// </summary>
    private bool TakeSpeculated(Mode next, bool requireMarker, out StepResult? result)
    {
        result = null;
        long offset = _base + _pos;
        bool lines = next == Mode.TopLevel;
        CloudTrailRecord? taken = null;
        CloudTrailRecordHeader header = default;
        int length = 0;
        // A record is used only in the context it was parsed for: an object is a record in an array, but at the top
        // level only when a record member comes first (else it may be a whole log file).
        bool found = _speculation is { IsActive: true } speculation && offset >= speculation.StartOffset && speculation.Lines == lines
            && speculation.TryTake(offset, out taken, out header, out length);
        if (!found && _readAhead is { ParsesAhead: true } readAhead && readAhead.TryTakeParsed(offset, _end - _pos, lines, out SpeculatedEntry entry))
        {
            (taken, header, length, found) = (entry.Record, entry.Header, entry.Length, true);
        }

        if (!found)
        {
            return false;
        }

        SpeculatedRecords++;
        if (taken is not null)
        {
            result = Accept(taken, length, next, requireMarker);
            return true;
        }

        // Only the header was read there: the filter decides, here on the reading thread.
        if (length <= _options.MaxRecordBytes && !_options.Filter!(header))
        {
            result = Reject(length, next);
            return true;
        }

        _filterPassedAt = offset;
        return false;
    }

    /// <summary>A record the filter rejected still takes its slot, so indexes match an unfiltered read.</summary>
    private StepResult? Reject(int length, Mode next)
    {
        _pos += length;
        _nextIndex++;
        _mode = next;
        return null;
    }

    private StepResult? Materialize(Mode next, Mode resyncMode, bool requireMarker, bool filterParsed = false)
    {
        MaterializeStatus status = RecordMaterializer.Materialize(
            _state, _buffer, _pos, _end, _eof, _options.MaxDepth,
            out CloudTrailRecord? record, out int consumed, out CloudTrailErrorCode code, out long? line, out long? column);
        switch (status)
        {
            case MaterializeStatus.Ok when filterParsed && consumed <= _options.MaxRecordBytes && !_options.Filter!(CloudTrailRecordHeader.Of(record!)):
                return Reject(consumed, next);

            case MaterializeStatus.Ok:
                return Accept(record!, consumed, next, requireMarker);

            case MaterializeStatus.Rejected:
                int rejected = _pos;
                _pos += consumed;
                return Fail(code, rejected, consumesSlot: true, next);

            case MaterializeStatus.NeedMore:
                if (_end - _pos >= _options.MaxRecordBytes)
                {
                    _afterSkip = next;
                    return Fail(CloudTrailErrorCode.RecordTooLarge, _pos, consumesSlot: true, Mode.SkipValue);
                }

                return StepResult.NeedMore;

            default:
                if (code == CloudTrailErrorCode.Truncated)
                {
                    return Fail(code, _pos, consumesSlot: true, Mode.Done);
                }

                return Fail(code, _pos, consumesSlot: true, resyncMode, resyncFrom: _pos + 1, line, column);
        }
    }

    /// <summary>
    /// Skips one JSON value of any size in constant memory: a structural scan (strings, escapes, nesting) that
    /// never needs a whole token in the buffer, so a record far over <see cref="CloudTrailReaderOptions.MaxRecordBytes"/>
    /// (or one huge string) is passed over without being held. The value is discarded, so it is not validated;
    /// if it was malformed, framing notices right after it and resynchronises.
    /// </summary>
    private StepResult? SkipOneValue()
    {
        if (!_skipStarted)
        {
            if (!SkipWhitespace())
            {
                return _eof ? Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done) : StepResult.NeedMore;
            }

            _skipStarted = true;
            _skipDepth = 0;
            _skipInString = false;
            _skipEscape = false;
            _skipScalar = false;
            byte first = _buffer[_pos];
            if (first is (byte)'{' or (byte)'[')
            {
                _skipDepth = 1;
                _pos++;
            }
            else if (first == (byte)'"')
            {
                _skipInString = true;
                _pos++;
            }
            else
            {
                _skipScalar = true;
            }
        }

        while (true)
        {
            if (_skipEscape)
            {
                if (_pos >= _end)
                {
                    return SkipNeedsMore();
                }

                _pos++;
                _skipEscape = false;
            }

            ReadOnlySpan<byte> rest = _buffer.AsSpan(_pos, _end - _pos);
            if (_skipScalar)
            {
                int stop = rest.IndexOfAny(ScalarEnd);
                if (stop < 0)
                {
                    _pos = _end;
                    return _eof ? SkipDone() : StepResult.NeedMore;
                }

                _pos += stop;
                return SkipDone();
            }

            int rel = _skipInString ? rest.IndexOfAny((byte)'"', (byte)'\\') : rest.IndexOfAny(Structural);
            if (rel < 0)
            {
                _pos = _end;
                return SkipNeedsMore();
            }

            _pos += rel;
            byte c = _buffer[_pos++];
            if (_skipInString)
            {
                if (c == (byte)'\\')
                {
                    _skipEscape = true;
                    continue;
                }

                _skipInString = false;
            }
            else if (c == (byte)'"')
            {
                _skipInString = true;
                continue;
            }
            else if (c is (byte)'{' or (byte)'[')
            {
                _skipDepth++;
                continue;
            }
            else
            {
                _skipDepth--;
            }

            if (_skipDepth <= 0)
            {
                return SkipDone();
            }
        }
    }

    private StepResult SkipNeedsMore()
    {
        if (_eof)
        {
            _skipStarted = false;
            return Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, Mode.Done);
        }

        return StepResult.NeedMore;
    }

    private StepResult? SkipDone()
    {
        _skipStarted = false;
        _mode = _afterSkip;
        return null;
    }

    /// <summary>
    /// After a malformed record, finds where the next good record starts: an object that follows a <c>,</c> or
    /// <c>}</c> (in an array) or starts a line (at top level), is well-formed, has a CloudTrail member at its top
    /// level, and (in an array) is followed by <c>,</c> or <c>]</c>.
    /// </summary>
    private StepResult? Resync(bool topLevel)
    {
        int from = _pos;
        while (true)
        {
            int rel = _buffer.AsSpan(from, _end - from).IndexOf((byte)'{');
            if (rel < 0)
            {
                _pos = _end;
                if (_eof)
                {
                    _mode = Mode.Done;
                    return null;
                }

                return StepResult.NeedMore;
            }

            int q = from + rel;
            if (!PrecededLikeRecord(q, topLevel))
            {
                from = q + 1;
                continue;
            }

            switch (ValidateCandidate(q, topLevel, out bool looksLikeRecord))
            {
                case Candidate.Valid:
                    _pos = q;
                    _mode = topLevel ? Mode.TopLevel : Mode.InArray;
                    return null;
                case Candidate.NeedMore when _end - q < _options.MaxRecordBytes:
                    _pos = q;
                    return StepResult.NeedMore;
                case Candidate.Invalid when looksLikeRecord:
                    // Another malformed record right after the first (a bad line after a bad line): it is a record
                    // slot of its own, so it is reported, not silently passed over.
                    return Fail(CloudTrailErrorCode.InvalidJson, q, consumesSlot: true, _mode, resyncFrom: q + 1);
                default:
                    from = q + 1;
                    break;
            }
        }
    }

    private bool PrecededLikeRecord(int q, bool topLevel)
    {
        int p = q - 1;
        if (topLevel)
        {
            while (p >= 0 && _buffer[p] is (byte)' ' or (byte)'\t')
            {
                p--;
            }

            // Or right after a '}' (never followed by '{' in well-formed JSON): documents written back to back, as Firehose writes them.
            return p < 0 || _buffer[p] is (byte)'\n' or (byte)'\r' or (byte)'}';
        }

        while (p >= 0 && IsWhitespace(_buffer[p]))
        {
            p--;
        }

        return p < 0 || _buffer[p] is (byte)',' or (byte)'}' or (byte)'[';
    }

    private Candidate ValidateCandidate(int q, bool topLevel, out bool looksLikeRecord)
    {
        looksLikeRecord = false;
        var reader = new Utf8JsonReader(_buffer.AsSpan(q, _end - q), _eof, new JsonReaderState(new JsonReaderOptions { MaxDepth = _options.MaxDepth }));
        try
        {
            reader.Read();
            bool marker = false;
            bool first = true;
            while (true)
            {
                if (!reader.Read())
                {
                    return Candidate.NeedMore;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if ((topLevel && reader.ValueTextEquals("Records"u8)) || ((topLevel || _topLevelArray) && WrapperMarkers.Of(ref reader) != WrapperKind.None))
                {
                    return Candidate.Valid;
                }

                marker |= RecordMarkers.IsMarker(ref reader);
                looksLikeRecord |= first && marker;
                first = false;
                if (!reader.Read() || !reader.TrySkip())
                {
                    return Candidate.NeedMore;
                }
            }

            if (!marker)
            {
                return Candidate.Invalid;
            }

            if (topLevel)
            {
                return Candidate.Valid;
            }

            int after = q + (int)reader.BytesConsumed;
            while (after < _end && IsWhitespace(_buffer[after]))
            {
                after++;
            }

            if (after == _end)
            {
                return _eof ? Candidate.Invalid : Candidate.NeedMore;
            }

            return _buffer[after] is (byte)',' or (byte)']' ? Candidate.Valid : Candidate.Invalid;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a member name escaping a lone surrogate (ValueTextEquals cannot unescape it).
            return Candidate.Invalid;
        }
    }

    /// <summary>From just after a <c>,</c> in the top-level object, finds the start of the member's value: -1 need more, -2 malformed.</summary>
    private int MemberValueStart(int i)
    {
        ReadOnlySpan<byte> span = _buffer.AsSpan(0, _end);
        while (i < span.Length && IsWhitespace(span[i]))
        {
            i++;
        }

        if (i == span.Length)
        {
            return -1;
        }

        if (span[i] != (byte)'"')
        {
            return -2;
        }

        i++;
        while (true)
        {
            int rel = span[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (rel < 0)
            {
                return -1;
            }

            i += rel;
            if (span[i] == (byte)'\\')
            {
                i += 2;
                if (i >= span.Length)
                {
                    return -1;
                }

                continue;
            }

            i++;
            break;
        }

        while (i < span.Length && IsWhitespace(span[i]))
        {
            i++;
        }

        if (i == span.Length)
        {
            return -1;
        }

        return span[i] == (byte)':' ? i + 1 : -2;
    }

    private StepResult Fail(CloudTrailErrorCode code, int position, bool consumesSlot, Mode next, int resyncFrom = -1, long? line = null, long? column = null)
    {
        if (code == CloudTrailErrorCode.Truncated && _inputFault is { } fault)
        {
            // The input stopped because of a limit or corrupt gzip, not because the file ends here.
            code = fault;
            _faultReported = true;
        }

        long index = consumesSlot ? _nextIndex++ : _nextIndex;
        long offset = _base + position;
        Error = new CloudTrailRecordError(index, offset, code, ErrorMessages.For(code, index, offset, line, column))
        {
            LineInRecord = line,
            BytePositionInLine = column,
        };
        _mode = next;
        if (resyncFrom >= 0)
        {
            _pos = Math.Min(resyncFrom, _end);
        }

        return StepResult.Error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SkipWhitespace()
    {
        while (_pos < _end)
        {
            if (!IsWhitespace(_buffer[_pos]))
            {
                return true;
            }

            _pos++;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static bool IsScalarStart(byte c) => c is (byte)'"' or (byte)'-' or (byte)'t' or (byte)'f' or (byte)'n' or (>= (byte)'0' and <= (byte)'9');
}
