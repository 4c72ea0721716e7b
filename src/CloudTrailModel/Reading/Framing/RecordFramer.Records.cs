using System.Text.Json;
using CloudTrailModel.Reading.Materialize;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Records of arrays and JSON Lines: each record's complete slice is framed first (resuming the scan after a refill),
/// then materialised here; with helper threads, the records of the rest of the window are handed to them, and the
/// first to start frames them while this thread reads on.
/// </summary>
internal sealed partial class RecordFramer
{
    // Helper threads at most: the reading thread refills the window and hands records on, which bounds what more helpers could add.
    private const int MaxHelpers = 3;

    // Less of a window than this, or fewer records than that, is not worth handing to other threads.
    private const int MinFanOutBytes = 8 * 1024;
    private const int MinFanOutRecords = 32;

    // The record being framed: where it starts (absolute), how far the scan got, and its state there.
    private long _scanFrom = -1;
    private int _scanned;
    private ValueScanState _scan;

    // How much of the window must be left to parse a record before framing it: 16 KB, or twice the longest record so far.
    private int _unframedMargin = 16 * 1024;

    /// <summary>Frames and materialises the record at <see cref="_pos"/>; null means "go on" (the mode was changed).</summary>
    private StepResult? MaterializeAt(FramerMode next, FramerMode resyncMode, bool requireMarker)
    {
        if (next == FramerMode.AfterElement && TakeFannedOut(next, requireMarker, out StepResult? taken))
        {
            return taken;
        }

        FanOutFrom(next == FramerMode.TopLevel);

        // No filter: a record is parsed straight from the window, the parse finding its end, so its bytes are not
        // scanned twice; framed first only near the window's end (where a parse that runs out would throw) or when
        // that parse fails.
        if (_options.Filter is null && (_eof || _end - _pos >= _unframedMargin) && _scanFrom != _base + _pos
            && RecordMaterializer.TryMaterializeUnframed(_state, _buffer, _pos, _end, _options.MaxDepth, out CloudTrailRecord? record, out int consumed)
            && consumed <= _options.MaxRecordBytes)
        {
            _unframedMargin = Math.Max(_unframedMargin, consumed * 2);
            return Accept(record!, consumed, next, requireMarker);
        }

        int length = FrameRecord();
        if (length < 0)
        {
            return Unframed(next, resyncMode, requireMarker);
        }

        if (length > _options.MaxRecordBytes)
        {
            return TooLargeOrMalformed(length, next, resyncMode, requireMarker);
        }

        _unframedMargin = Math.Max(_unframedMargin, length * 2);
        return MaterializeSlice(_pos + length, next, resyncMode, requireMarker);
    }

    /// <summary>Whether records are handed to helpers: with more than one core, once the input is not small (<see cref="Input.InputSource.Parallel"/>).</summary>
    private bool Parallel => _fanOut is not null && _input.Parallel;

    /// <summary>The length of the record at <see cref="_pos"/>, or -1 when the window ends first (the scan resumes there after a refill).</summary>
    private int FrameRecord()
    {
        long at = _base + _pos;
        if (_scanFrom != at)
        {
            _scanFrom = at;
            _scanned = 0;
            _scan = default;
        }

        int end = ValueEndScanner.FindEnd(_buffer.AsSpan(_pos + _scanned, _end - _pos - _scanned), ref _scan);
        if (end < 0)
        {
            _scanned = _end - _pos;
            return -1;
        }

        _scanFrom = -1;
        return _scanned + end;
    }

    /// <summary>The window ends inside the record: read more, or say why the record cannot be had.</summary>
    private StepResult? Unframed(FramerMode next, FramerMode resyncMode, bool requireMarker)
    {
        if (_end - _pos >= _options.MaxRecordBytes)
        {
            return TooLargeOrMalformed(-1, next, resyncMode, requireMarker);
        }

        if (!_eof)
        {
            return StepResult.NeedMore;
        }

        // The input ended inside the record: the reader says how (cut short, or malformed before the end).
        return Materialize(_end, next, resyncMode, requireMarker, filterParsed: false, inputEnded: true);
    }

    /// <summary>
    /// A record longer than the limit (<paramref name="length"/>, or -1 when its end is not in the window yet): malformed
    /// if its first <see cref="CloudTrailReaderOptions.MaxRecordBytes"/> break JSON's syntax (reported as the reader
    /// reports it, and framing resynchronises), else too large (passed over, in constant memory when its end is not known).
    /// Only that prefix is looked at, so the answer does not depend on how much input the window holds.
    /// </summary>
    private StepResult? TooLargeOrMalformed(int length, FramerMode next, FramerMode resyncMode, bool requireMarker)
    {
        int prefixEnd = _pos + _options.MaxRecordBytes;
        if (IsMalformed(prefixEnd))
        {
            return Materialize(prefixEnd, next, resyncMode, requireMarker, filterParsed: false, inputEnded: false);
        }

        if (length >= 0)
        {
            int start = _pos;
            _pos += length;
            return Fail(CloudTrailErrorCode.RecordTooLarge, start, consumesSlot: true, next);
        }

        _afterSkip = next;
        return Fail(CloudTrailErrorCode.RecordTooLarge, _pos, consumesSlot: true, FramerMode.SkipValue);
    }

    /// <summary>Whether the window's bytes from <see cref="_pos"/> to <paramref name="end"/> break JSON's syntax (or the depth limit).</summary>
    private bool IsMalformed(int end)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, end - _pos), isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = _options.MaxDepth }));
        try
        {
            while (reader.Read())
            {
            }

            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>Materialises the complete slice <c>[_pos, end)</c>, showing the filter its header first.</summary>
    private StepResult? MaterializeSlice(int end, FramerMode next, FramerMode resyncMode, bool requireMarker)
    {
        // A record the filter already accepted is not shown to the filter again.
        bool filterParsed = false;
        if (_options.Filter is { } filter && _base + _pos != _filterPassedAt)
        {
            if (RecordPrescan.Scan(_state, _buffer, _pos, end, _options.MaxDepth, out CloudTrailRecordHeader header, out int scanned) != PrescanResult.Scanned)
            {
                // Malformed (the full parse reports it precisely), or something the scan leaves to the full parse
                // (an escaped member name): if the record parses, the filter is shown its parsed header.
                filterParsed = true;
            }
            else if (!filter(header))
            {
                return Reject(scanned, next);
            }
        }

        return Materialize(end, next, resyncMode, requireMarker, filterParsed, inputEnded: false);
    }

    private StepResult? Materialize(int end, FramerMode next, FramerMode resyncMode, bool requireMarker, bool filterParsed, bool inputEnded)
    {
        MaterializeStatus status = RecordMaterializer.Materialize(
            _state, _buffer, _pos, end, inputEnded, _options.MaxDepth,
            out CloudTrailRecord? record, out int consumed, out CloudTrailErrorCode code, out long? line, out long? column);
        switch (status)
        {
            case MaterializeStatus.Ok when filterParsed && !_options.Filter!(CloudTrailRecordHeader.Of(record!)):
                return Reject(consumed, next);

            case MaterializeStatus.Ok:
                return Accept(record!, consumed, next, requireMarker);

            case MaterializeStatus.Rejected:
                int rejected = _pos;
                _pos += consumed;
                return Fail(code, rejected, consumesSlot: true, next);

            default:
                if (code == CloudTrailErrorCode.Truncated)
                {
                    return Fail(code, _pos, consumesSlot: true, FramerMode.Done);
                }

                return Fail(code, _pos, consumesSlot: true, resyncMode, resyncFrom: _pos + 1, line, column);
        }
    }

    /// <summary>Takes a record that parsed cleanly at <see cref="_pos"/>, unless it breaks a rule of the input as a whole.</summary>
    private StepResult Accept(CloudTrailRecord record, int consumed, FramerMode next, bool requireMarker)
    {
        int start = _pos;
        _pos += consumed;
        _mode = next;
        if ((requireMarker && !RecordMarkers.HasMarker(record)) || RecordMarkers.IsS3EventNotification(record))
        {
            return Fail(CloudTrailErrorCode.NotCloudTrail, start, consumesSlot: true, next);
        }

        _nextIndex++;
        Record = record;
        return StepResult.Record;
    }

    /// <summary>A record the filter rejected still takes its slot, so indexes match an unfiltered read.</summary>
    private StepResult? Reject(int length, FramerMode next)
    {
        _pos += length;
        _nextIndex++;
        _mode = next;
        return null;
    }

    /// <summary>
    /// Hands the records of the window from <see cref="_pos"/> on to the helpers, when no batch runs and enough of the
    /// window is left to be worth it; the first helper to start frames them (<see cref="WindowSlices"/>). After a batch
    /// that framed only a few records (framing stopped at a record it cannot take, such as a JSON Lines record whose
    /// first member is not a record marker), none starts again before a refill stops it, so such input does not start
    /// a batch per record.
    /// </summary>
    private void FanOutFrom(bool lines)
    {
        if (!Parallel || _fanOut is not { IsActive: false } fanOut || _end - _pos < MinFanOutBytes
            || fanOut.Framed is >= 0 and < MinFanOutRecords)
        {
            return;
        }

        fanOut.Begin(_buffer, _base, _pos, _end, lines);
        bool inputHelps = _input.HelperReadsAhead;
        fanOut.Start(inputHelps);
        if (inputHelps)
        {
            _input.WakeHelper();
        }
    }

    /// <summary>
    /// Takes the record at <see cref="_pos"/> from the fan-out, if it was framed there: true with the step's result
    /// (null: go on), or false when the record must be read here (also when only its header was read there and the
    /// filter accepted it: the filter is then not asked again).
    /// </summary>
    private bool TakeFannedOut(FramerMode next, bool requireMarker, out StepResult? result)
    {
        result = null;
        if (_fanOut is not { IsActive: true } fanOut)
        {
            return false;
        }

        if (fanOut.Lines != (next == FramerMode.TopLevel))
        {
            fanOut.Stop();
            return false;
        }

        if (!fanOut.TryTake(_state, _base + _pos, out SliceResult slice, out int length))
        {
            return false;
        }

        if (!slice.Ok)
        {
            // Read here again, so it is reported exactly as a sequential read reports it.
            fanOut.Stop();
            return false;
        }

        if (slice.Record is { } record)
        {
            result = Accept(record, length, next, requireMarker);
            return true;
        }

        if (!_options.Filter!(slice.Header))
        {
            result = Reject(length, next);
            return true;
        }

        _filterPassedAt = _base + _pos;
        return false;
    }
}
