using System.Buffers;
using System.Runtime.CompilerServices;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Input;
using CloudTrailModel.Reading.Materialize;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Finds records in CloudTrail input and hands each complete record slice to materialisation. Input may be a log file
/// (<c>{"Records":[...]}</c>, other top-level members tolerated), JSON Lines, a bare record, a bare array of records,
/// or a wrapper (see <c>RecordFramer.Wrappers.cs</c>), plain or gzip (<see cref="InputSource"/>). The framer is a state
/// machine over one pooled window: <see cref="Step"/> never does I/O and says <see cref="StepResult.NeedMore"/>
/// instead, so the sync and async readers share it. A record's end is found by a structural scan that resumes after a
/// refill (<see cref="ValueEndScanner"/>) before anything is parsed; a bad record is reported and framing
/// resynchronises at the next record. With more than one core, the slices of a window are materialised on several
/// threads (<see cref="RecordFanOut"/>) and come back in file order.
/// </summary>
internal sealed partial class RecordFramer : IDisposable
{
    private const int InitialBufferSize = 256 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private readonly InputSource _input;
    private readonly CloudTrailReaderOptions _options;
    private readonly ParseState _state = ParseStateCache.Rent();
    private RecordFanOut? _fanOut;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _base;
    private bool _eof;
    private bool _faultReported;
    private bool _sawDocument;
    private bool _topLevelArray;
    private long _nextIndex;
    private long _filterPassedAt = -1;
    private FramerMode _mode = FramerMode.Start;
    private FramerMode _afterSkip;
    private bool _stalled;
    private CloudTrailErrorCode? _windowFault;

    public RecordFramer(Stream source, CloudTrailReaderOptions options, bool ownsSource)
    {
        int helpers = options.AllowParallelParsing ? Math.Min(Environment.ProcessorCount - 1, MaxHelpers) : 0;
        if (helpers > 0)
        {
            // Only headers are read on helpers when a filter is set: the filter itself runs on the reading thread.
            _fanOut = new RecordFanOut(helpers, _state.Pool, options.MaxDepth, options.MaxRecordBytes, headersOnly: options.Filter is not null);
        }

        // Gzip is decompressed on another thread, which helps materialise while it is ahead (one hand-off for both).
        _input = new InputSource(source, ownsSource, options.MaxDecompressedBytes, parallel: _fanOut is not null) { Helper = _fanOut is { } fanOut ? fanOut.HelpOnce : null };
        _options = options;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The record found by the last <see cref="Step"/> that returned <see cref="StepResult.Record"/>.</summary>
    public CloudTrailRecord? Record { get; private set; }

    /// <summary>The problem found by the last <see cref="Step"/> that returned <see cref="StepResult.Error"/>.</summary>
    public CloudTrailRecordError Error { get; private set; }

    /// <summary>Why the input ended early (corrupt gzip, a size limit), if it did.</summary>
    private CloudTrailErrorCode? Fault => _input.Fault ?? _windowFault;

    private int MaxBufferSize => (int)Math.Min(Array.MaxLength, (long)_options.MaxRecordBytes * 2 + InitialBufferSize);

    public void Dispose()
    {
        // The reading thread's state is handed back first, so the next reader's reading thread rents it again and the
        // helpers their own: each state's tables stay in the cache of the core that used them.
        _fanOut?.Stop();
        ParseStateCache.Return(_state);
        _fanOut?.Dispose();
        _wrapper?.Dispose();
        _input.Dispose();
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public StepResult Step()
    {
        Record = null;
        Wrapper = null;
        if (_stalled)
        {
            _stalled = false;
            return Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, FramerMode.Done);
        }

        while (true)
        {
            StepResult? result = _mode switch
            {
                FramerMode.Start => StepStart(),
                FramerMode.TopLevel => StepTopLevel(),
                FramerMode.BareRecord => MaterializeAt(FramerMode.TopLevel, FramerMode.ResyncTopLevel, requireMarker: false),
                FramerMode.InArray => StepInArray(),
                FramerMode.AfterElement => StepAfterElement(),
                FramerMode.AfterRecords => StepAfterRecords(),
                FramerMode.SkipValue => SkipOneValue(),
                FramerMode.Wrapper => StepWrapper(),
                FramerMode.ResyncArray => Resync(topLevel: false),
                FramerMode.ResyncTopLevel => Resync(topLevel: true),
                _ => StepDone(),
            };
            if (result is { } r)
            {
                return r;
            }
        }
    }

    private StepResult StepDone() =>
        Fault is not null && !_faultReported ? Fail(CloudTrailErrorCode.Truncated, _end, consumesSlot: false, FramerMode.Done) : StepResult.End;

    private StepResult? StepStart()
    {
        if (_end - _pos < 3 && !_eof)
        {
            return StepResult.NeedMore;
        }

        if (_buffer.AsSpan(_pos, _end - _pos).StartsWith(Utf8Bom))
        {
            _pos += 3;
        }

        _mode = FramerMode.TopLevel;
        return null;
    }

    /// <summary>Where the input cannot go on: cut short at the end, or a fault's own code.</summary>
    private StepResult Truncated() => Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: false, FramerMode.Done);

    private StepResult Fail(CloudTrailErrorCode code, int position, bool consumesSlot, FramerMode next, int resyncFrom = -1, long? line = null, long? column = null)
    {
        if (code == CloudTrailErrorCode.Truncated && Fault is { } fault)
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
