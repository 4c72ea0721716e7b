using System.Text.Json;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Materialize;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// The framing of wrappers: EventBridge events, CloudWatch Logs messages and Lambda events, <c>LookupEvents</c>
/// pages, chosen by a top-level object's member names. Each wrapper document is held whole (bounded by
/// <see cref="WrapperDocumentLimit"/>), its record slots are listed by <see cref="WrapperDocument"/>, and each
/// record is materialised like a record of a log file. Wrapper input is read on the reading thread only.
/// </summary>
internal sealed partial class RecordFramer
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    private WrapperDocument? _wrapper;
    private WrapperKind _wrapperKind;
    private FramerMode _afterWrapper;
    private int _wrapperEnd = -1;

    private readonly RescanGate _rescan = new();

    /// <summary>Whether the wrappers' own fields are read and returned beside each record (<see cref="Wrapper"/>).</summary>
    public bool KeepsWrappers { get; init; }

    /// <summary>The wrapper of <see cref="Record"/>, when <see cref="KeepsWrappers"/> and the record was wrapped.</summary>
    public CloudTrailWrapper? Wrapper { get; private set; }

    // One event, message or page is held whole: twice the record limit holds a full LookupEvents page of large records.
    private long WrapperDocumentLimit => (long)_options.MaxRecordBytes * 2;

    /// <summary>Whether a scan of the document at <see cref="_pos"/> that ran out of input should wait for more (<see cref="RescanGate"/>).</summary>
    private bool ScanWouldRepeat(long limit) => _rescan.ShouldWait(_base + _pos, _end - _pos, limit, _eof, _end == _buffer.Length);

    /// <summary>Notes that a scan from <see cref="_pos"/> ran out of input.</summary>
    private void ScanRanOut() => _rescan.RanOut(_base + _pos, _end - _pos);

    private StepResult? EnterWrapper(WrapperKind kind, FramerMode after)
    {
        _wrapper ??= new WrapperDocument(KeepsWrappers);
        _wrapperKind = kind;
        _afterWrapper = after;
        _wrapperEnd = -1;
        _mode = FramerMode.Wrapper;
        return null;
    }

    /// <summary>Frames the wrapper document at <see cref="_pos"/>, then returns its records one per step.</summary>
    private StepResult? StepWrapper()
    {
        if (_wrapperEnd < 0)
        {
            StepResult? framed = FrameWrapper();
            if (framed is not null || _wrapperEnd < 0)
            {
                return framed;
            }
        }

        while (_wrapper!.TryNext(out WrapperItem item))
        {
            StepResult? result = EmitWrapped(item);
            if (result is not null)
            {
                return result;
            }
        }

        _pos = _wrapperEnd;
        _wrapperEnd = -1;
        _mode = _afterWrapper;
        return null;
    }

    /// <summary>Finds the wrapper document's complete range (resuming after a refill), checks its syntax, and lists its record slots.</summary>
    private StepResult? FrameWrapper()
    {
        FramerMode resync = _afterWrapper == FramerMode.AfterElement ? FramerMode.ResyncArray : FramerMode.ResyncTopLevel;
        int length = FrameRecord();
        if (length < 0)
        {
            if (!_eof && _end - _pos < WrapperDocumentLimit)
            {
                return StepResult.NeedMore;
            }

            if (IsCutShort())
            {
                if (_eof)
                {
                    return Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: true, FramerMode.Done);
                }

                _afterSkip = _afterWrapper;
                return Fail(CloudTrailErrorCode.RecordTooLarge, _pos, consumesSlot: true, FramerMode.SkipValue);
            }

            return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: true, resync, resyncFrom: _pos + 1);
        }

        if (length > WrapperDocumentLimit)
        {
            _pos += length;
            return Fail(CloudTrailErrorCode.RecordTooLarge, _pos - length, consumesSlot: true, _afterWrapper);
        }

        var reader = new Utf8JsonReader(
            _buffer.AsSpan(_pos, length), isFinalBlock: true, new JsonReaderState(new JsonReaderOptions { MaxDepth = WrapperDocument.WrapperDepthLimit }));
        try
        {
            reader.Read();
            reader.Skip();
        }
        catch (JsonException)
        {
            return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: true, resync, resyncFrom: _pos + 1);
        }

        _wrapperEnd = _pos + length;
        long budget = _options.MaxDecompressedBytes - _input.TotalRead - _wrapper!.DecompressedBytes;
        _wrapper.Read(_wrapperKind, _buffer, _pos, _wrapperEnd, _base + _pos, budget, (int)Math.Min(WrapperDocumentLimit, Array.MaxLength));
        return null;
    }

    /// <summary>Whether the document at <see cref="_pos"/> is well-formed as far as the input goes (it ends inside it).</summary>
    private bool IsCutShort()
    {
        var reader = new Utf8JsonReader(
            _buffer.AsSpan(_pos, _end - _pos), isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = WrapperDocument.WrapperDepthLimit }));
        try
        {
            reader.Read();
            return !reader.TrySkip();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Materialises one record slot of a wrapper: null when the filter passed over it.</summary>
    private StepResult? EmitWrapped(in WrapperItem item)
    {
        if (item.Kind == WrapperItemKind.Error)
        {
            if (item.Code == CloudTrailErrorCode.DecompressedSizeExceeded)
            {
                _afterWrapper = FramerMode.Done;
            }

            return WrappedError(item.Code, item.Offset);
        }

        byte[] source = item.InPayload ? _wrapper!.Payload : _buffer;
        int end = item.InPayload ? _wrapper!.PayloadEnd : _wrapperEnd;
        int start = item.Start;
        bool isString = item.Kind == WrapperItemKind.String;
        if (isString)
        {
            if (_wrapper!.StringText(source, start, end, out start, out end) is not { } text)
            {
                return WrappedError(CloudTrailErrorCode.InvalidJson, item.Offset);
            }

            source = text;
            if (end - start > _options.MaxRecordBytes)
            {
                return WrappedError(CloudTrailErrorCode.RecordTooLarge, item.Offset);
            }

            int first = source.AsSpan(start, end - start).IndexOfAnyExcept(Whitespace);
            if (first < 0 || source[start + first] != (byte)'{')
            {
                return WrappedError(IsJsonValue(source.AsSpan(start, end - start)) ? CloudTrailErrorCode.NotAnObject : CloudTrailErrorCode.InvalidJson, item.Offset);
            }

            start += first;
        }

        bool filterParsed = false;
        if (_options.Filter is { } filter)
        {
            PrescanResult scan = RecordPrescan.Scan(_state, source, start, end, _options.MaxDepth, out CloudTrailRecordHeader header, out int scanned);
            if (scan == PrescanResult.Scanned && scanned <= _options.MaxRecordBytes && !filter(header))
            {
                _nextIndex++;
                return null;
            }

            filterParsed = scan != PrescanResult.Scanned;
        }

        return AcceptWrapped(item, source, start, end, isString, filterParsed);
    }

    private StepResult? AcceptWrapped(in WrapperItem item, byte[] source, int start, int end, bool isString, bool filterParsed)
    {
        MaterializeStatus status = RecordMaterializer.Materialize(
            _state, source, start, end, inputEnded: true, _options.MaxDepth,
            out CloudTrailRecord? record, out int consumed, out CloudTrailErrorCode code, out long? line, out long? column);
        if (status != MaterializeStatus.Ok)
        {
            return WrappedError(code, item.Offset, line, column);
        }

        if (consumed > _options.MaxRecordBytes)
        {
            return WrappedError(CloudTrailErrorCode.RecordTooLarge, item.Offset);
        }

        if (isString && source.AsSpan(start + consumed, end - start - consumed).IndexOfAnyExcept(Whitespace) >= 0)
        {
            // The string holds more than one JSON value: not a record.
            return WrappedError(CloudTrailErrorCode.InvalidJson, item.Offset);
        }

        if (!RecordMarkers.HasMarker(record!) || RecordMarkers.IsS3EventNotification(record!))
        {
            return WrappedError(CloudTrailErrorCode.NotCloudTrail, item.Offset);
        }

        _nextIndex++;
        if (filterParsed && !_options.Filter!(CloudTrailRecordHeader.Of(record!)))
        {
            return null;
        }

        Record = record;
        Wrapper = item.Wrapper;
        return StepResult.Record;
    }

    /// <summary>Whether a string record's text is one JSON value (then it is not an object), not text that is not JSON.</summary>
    private static bool IsJsonValue(ReadOnlySpan<byte> text)
    {
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = WrapperDocument.WrapperDepthLimit });
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private StepResult WrappedError(CloudTrailErrorCode code, long offset, long? line = null, long? column = null)
    {
        long index = _nextIndex++;
        Error = new CloudTrailRecordError(index, offset, code, ErrorMessages.For(code, index, offset, line, column))
        {
            LineInRecord = line,
            BytePositionInLine = column,
        };
        return StepResult.Error;
    }

    /// <summary>
    /// For an element of a top-level array: the wrapper it is, <see cref="WrapperKind.None"/> for a record or anything
    /// else (the record path reports it), or null when more input is needed to tell.
    /// </summary>
    private WrapperKind? PeekWrapperKind()
    {
        if (ScanWouldRepeat(WrapperDocumentLimit))
        {
            return null;
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, _end - _pos), _eof, new JsonReaderState(new JsonReaderOptions { MaxDepth = WrapperDocument.WrapperDepthLimit }));
        try
        {
            reader.Read();
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || RecordMarkers.IsMarker(ref reader))
                {
                    return WrapperKind.None;
                }

                WrapperKind kind = WrapperMarkers.Of(ref reader);
                if (kind != WrapperKind.None)
                {
                    return kind;
                }

                if (!reader.Read() || !reader.TrySkip())
                {
                    ScanRanOut();
                    return null;
                }
            }

            ScanRanOut();
            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return WrapperKind.None;
        }
    }
}
