using System.Buffers;
using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// Getting past what is not a record: one value skipped in constant memory (a record over the limit, a scalar where a
/// record belongs, a log file's other members), and resynchronisation at the next record after a malformed one.
/// </summary>
internal sealed partial class RecordFramer
{
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(" \t\r\n,]}"u8);

    private bool _skipStarted;
    private byte _skipFirst;
    private ValueScanState _skip;

    /// <summary>
    /// Skips one JSON value of any size in constant memory: a structural scan (strings, escapes, nesting) that never
    /// needs a whole token in the window, so a record far over <see cref="CloudTrailReaderOptions.MaxRecordBytes"/> (or
    /// one huge string) is passed over without being held. The value is discarded, so it is not validated; if it was
    /// malformed, framing notices right after it and resynchronises.
    /// </summary>
    private StepResult? SkipOneValue()
    {
        if (!_skipStarted)
        {
            if (!SkipWhitespace())
            {
                return _eof ? Truncated() : StepResult.NeedMore;
            }

            _skipStarted = true;
            _skip = default;
            _skipFirst = _buffer[_pos];
            if (_skipFirst == (byte)'"')
            {
                _pos++;
            }
        }

        return _skipFirst switch
        {
            (byte)'{' or (byte)'[' => SkipContainer(),
            (byte)'"' => SkipString(),
            _ => SkipScalar(),
        };
    }

    private StepResult? SkipContainer()
    {
        int end = ValueEndScanner.FindEnd(_buffer.AsSpan(_pos, _end - _pos), ref _skip);
        if (end < 0)
        {
            _pos = _end;
            return SkipNeedsMore();
        }

        _pos += end;
        return SkipDone();
    }

    private StepResult? SkipString()
    {
        while (true)
        {
            if (_skip.Escaped)
            {
                if (_pos >= _end)
                {
                    return SkipNeedsMore();
                }

                _pos++;
                _skip.Escaped = false;
            }

            int rel = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny((byte)'"', (byte)'\\');
            if (rel < 0)
            {
                _pos = _end;
                return SkipNeedsMore();
            }

            _pos += rel;
            if (_buffer[_pos++] == (byte)'\\')
            {
                _skip.Escaped = true;
                continue;
            }

            return SkipDone();
        }
    }

    private StepResult? SkipScalar()
    {
        int stop = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny(ScalarEnd);
        if (stop < 0)
        {
            _pos = _end;
            return _eof ? SkipDone() : StepResult.NeedMore;
        }

        _pos += stop;
        return SkipDone();
    }

    private StepResult SkipNeedsMore()
    {
        if (_eof)
        {
            _skipStarted = false;
            return Truncated();
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
                    _mode = FramerMode.Done;
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
                case ResyncCandidate.Valid:
                    _pos = q;
                    _mode = topLevel ? FramerMode.TopLevel : FramerMode.InArray;
                    return null;
                case ResyncCandidate.NeedMore when _end - q < _options.MaxRecordBytes:
                    _pos = q;
                    return StepResult.NeedMore;
                case ResyncCandidate.Invalid when looksLikeRecord:
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

    private ResyncCandidate ValidateCandidate(int q, bool topLevel, out bool looksLikeRecord)
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
                    return ResyncCandidate.NeedMore;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if ((topLevel && reader.ValueTextEquals("Records"u8)) || ((topLevel || _topLevelArray) && WrapperMarkers.Of(ref reader) != WrapperKind.None))
                {
                    return ResyncCandidate.Valid;
                }

                marker |= RecordMarkers.IsMarker(ref reader);
                looksLikeRecord |= first && marker;
                first = false;
                if (!reader.Read() || !reader.TrySkip())
                {
                    return ResyncCandidate.NeedMore;
                }
            }

            return marker ? FollowedLikeRecord(q + (int)reader.BytesConsumed, topLevel) : ResyncCandidate.Invalid;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a member name escaping a lone surrogate (ValueTextEquals cannot unescape it).
            return ResyncCandidate.Invalid;
        }
    }

    /// <summary>Whether a well-formed record candidate ending at <paramref name="after"/> is followed as a record is (in an array: by <c>,</c> or <c>]</c>).</summary>
    private ResyncCandidate FollowedLikeRecord(int after, bool topLevel)
    {
        if (topLevel)
        {
            return ResyncCandidate.Valid;
        }

        after = SkipWhitespace(_buffer.AsSpan(0, _end), after);
        if (after == _end)
        {
            return _eof ? ResyncCandidate.Invalid : ResyncCandidate.NeedMore;
        }

        return _buffer[after] is (byte)',' or (byte)']' ? ResyncCandidate.Valid : ResyncCandidate.Invalid;
    }
}
