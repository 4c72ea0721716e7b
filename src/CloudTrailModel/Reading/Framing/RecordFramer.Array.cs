
namespace CloudTrailModel.Reading.Framing;

/// <summary>Arrays of records: a log file's <c>Records</c>, or a bare top-level array (of records or wrapped events).</summary>
internal sealed partial class RecordFramer
{
    private StepResult? StepInArray()
    {
        if (!SkipWhitespace())
        {
            return _eof ? Truncated() : StepResult.NeedMore;
        }

        byte c = _buffer[_pos];
        if (c == (byte)']')
        {
            EndArray();
            return null;
        }

        if (c == (byte)'{')
        {
            // A bare array may hold wrapped events rather than records.
            if (_topLevelArray && PeekWrapperKind() is var kind and not WrapperKind.None)
            {
                if (kind is { } wrapper)
                {
                    return EnterWrapper(wrapper, FramerMode.AfterElement);
                }

                if (!_eof && _end - _pos < WrapperDocumentLimit)
                {
                    return StepResult.NeedMore;
                }
            }

            return MaterializeAt(FramerMode.AfterElement, FramerMode.ResyncArray, requireMarker: _topLevelArray);
        }

        if (IsScalarStart(c) || c == (byte)'[')
        {
            _afterSkip = FramerMode.AfterElement;
            return Fail(CloudTrailErrorCode.NotAnObject, _pos, consumesSlot: true, FramerMode.SkipValue);
        }

        return Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: true, FramerMode.ResyncArray, resyncFrom: _pos + 1);
    }

    private StepResult? StepAfterElement()
    {
        if (!SkipWhitespace())
        {
            return _eof ? Truncated() : StepResult.NeedMore;
        }

        byte c = _buffer[_pos];
        if (c == (byte)',')
        {
            _pos++;
            _mode = FramerMode.InArray;
            return null;
        }

        if (c == (byte)']')
        {
            EndArray();
            return null;
        }

        // A missing comma between two records costs no record: report it and read on.
        return c == (byte)'{'
            ? Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, FramerMode.InArray)
            : Fail(CloudTrailErrorCode.InvalidJson, _pos, consumesSlot: false, FramerMode.ResyncArray, resyncFrom: _pos + 1);
    }

    private void EndArray()
    {
        _pos++;
        _mode = _topLevelArray ? FramerMode.TopLevel : FramerMode.AfterRecords;
        _topLevelArray = false;
    }
}
