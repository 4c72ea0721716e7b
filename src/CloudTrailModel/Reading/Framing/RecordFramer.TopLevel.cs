using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// The top level: what each top-level value is (a log file, a record of JSON Lines, a bare array, a wrapper, or
/// something else), and a log file's members around its <c>Records</c> array.
/// </summary>
internal sealed partial class RecordFramer
{
    private StepResult? StepTopLevel()
    {
        if (!SkipWhitespace())
        {
            if (!_eof)
            {
                return StepResult.NeedMore;
            }

            if (Fault is not null)
            {
                return Truncated();
            }

            if (!_sawDocument)
            {
                _sawDocument = true;
                return Fail(CloudTrailErrorCode.EmptyInput, _pos, consumesSlot: false, FramerMode.Done);
            }

            _mode = FramerMode.Done;
            return null;
        }

        byte c = _buffer[_pos];
        if (c == (byte)'{')
        {
            _sawDocument = true;
            return TakeFannedOut(FramerMode.TopLevel, requireMarker: false, out StepResult? taken) ? taken : ProbeTopLevelObject();
        }

        if (c == (byte)'[')
        {
            _sawDocument = true;
            _topLevelArray = true;
            _pos++;
            _mode = FramerMode.InArray;
            return null;
        }

        bool wasDocument = _sawDocument;
        _sawDocument = true;
        if (IsScalarStart(c))
        {
            _afterSkip = FramerMode.TopLevel;
            return Fail(CloudTrailErrorCode.NotCloudTrail, _pos, consumesSlot: true, FramerMode.SkipValue);
        }

        return Fail(wasDocument ? CloudTrailErrorCode.TrailingData : CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, FramerMode.ResyncTopLevel, resyncFrom: _pos + 1);
    }

    /// <summary>
    /// Looks into a top-level object just far enough to tell a log file (a <c>Records</c> array: stream its
    /// elements) from a bare record (a record member first: parse it whole) from a wrapper or some other JSON document.
    /// </summary>
    private StepResult? ProbeTopLevelObject()
    {
        if (ScanWouldRepeat(_options.MaxRecordBytes))
        {
            return StepResult.NeedMore;
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, _end - _pos), _eof, new JsonReaderState(new JsonReaderOptions { MaxDepth = _options.MaxDepth }));
        try
        {
            reader.Read();
            while (true)
            {
                if (!reader.Read())
                {
                    return NeedMoreOrTooLarge(FramerMode.TopLevel);
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _pos += (int)reader.BytesConsumed;
                    return Fail(CloudTrailErrorCode.NotCloudTrail, _pos - (int)reader.BytesConsumed, consumesSlot: true, FramerMode.TopLevel);
                }

                if (reader.ValueTextEquals("Records"u8))
                {
                    if (!reader.Read())
                    {
                        return NeedMoreOrTooLarge(FramerMode.TopLevel);
                    }

                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        _pos += (int)reader.BytesConsumed;
                        _topLevelArray = false;
                        _mode = FramerMode.InArray;
                        return null;
                    }
                }
                else if (RecordMarkers.IsMarker(ref reader))
                {
                    _mode = FramerMode.BareRecord;
                    return null;
                }
                else if (WrapperMarkers.Of(ref reader) is var kind and not WrapperKind.None)
                {
                    return EnterWrapper(kind, FramerMode.TopLevel);
                }
                else if (!reader.Read())
                {
                    return NeedMoreOrTooLarge(FramerMode.TopLevel);
                }

                if (!reader.TrySkip())
                {
                    return NeedMoreOrTooLarge(FramerMode.TopLevel);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed before it showed what it is (InvalidOperationException: a member name escaping a lone
            // surrogate, which ValueTextEquals cannot unescape): a bad bare record (a record member may not have come first).
            _mode = FramerMode.BareRecord;
            return null;
        }
    }

    private StepResult NeedMoreOrTooLarge(FramerMode mode)
    {
        if (_end - _pos >= _options.MaxRecordBytes || _eof)
        {
            if (_eof)
            {
                return Fail(CloudTrailErrorCode.Truncated, _pos, consumesSlot: true, FramerMode.Done);
            }

            _afterSkip = mode;
            return Fail(CloudTrailErrorCode.RecordTooLarge, _pos, consumesSlot: true, FramerMode.SkipValue);
        }

        ScanRanOut();
        return StepResult.NeedMore;
    }

    private StepResult? StepAfterRecords()
    {
        if (!SkipWhitespace())
        {
            return _eof ? Truncated() : StepResult.NeedMore;
        }

        byte c = _buffer[_pos];
        if (c == (byte)'}')
        {
            _pos++;
            _mode = FramerMode.TopLevel;
            return null;
        }

        if (c == (byte)',')
        {
            // Another top-level member after Records: skip its name and value.
            int valueStart = MemberValueStart(_pos + 1);
            if (valueStart == -1)
            {
                return _eof ? Truncated() : StepResult.NeedMore;
            }

            if (valueStart == -2)
            {
                return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, FramerMode.ResyncTopLevel, resyncFrom: _pos + 1);
            }

            _pos = valueStart;
            _afterSkip = FramerMode.AfterRecords;
            _mode = FramerMode.SkipValue;
            return null;
        }

        return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, FramerMode.ResyncTopLevel, resyncFrom: _pos + 1);
    }

    /// <summary>From just after a <c>,</c> in the top-level object, finds the start of the member's value: -1 need more, -2 malformed.</summary>
    private int MemberValueStart(int i)
    {
        ReadOnlySpan<byte> span = _buffer.AsSpan(0, _end);
        i = SkipWhitespace(span, i);
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

        i = SkipWhitespace(span, i);
        if (i == span.Length)
        {
            return -1;
        }

        return span[i] == (byte)':' ? i + 1 : -2;
    }

    /// <summary>The index of the first byte at or after <paramref name="i"/> that is not JSON whitespace.</summary>
    internal static int SkipWhitespace(ReadOnlySpan<byte> span, int i)
    {
        while (i < span.Length && IsWhitespace(span[i]))
        {
            i++;
        }

        return i;
    }
}
