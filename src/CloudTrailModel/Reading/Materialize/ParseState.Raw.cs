using System.Text.Json;

namespace CloudTrailModel.Internal;

// Free-form values: found without copying, skipped fast, and copied into the record's one array at its end.
internal sealed partial class ParseState
{
    /// <summary>Keeps a free-form value (any JSON kind) as raw UTF-8; a JSON null gives null and is kept as an extra field.</summary>
    public RawJson? Raw(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        RawRange range = RawRange(ref reader);
        if (range.IsNull)
        {
            Keep(ref reader, name, ref extra);
            return null;
        }

        return new RawJson(Source.Slice(range.Start, range.Length).ToArray());
    }

    /// <summary>
    /// Finds a free-form value (any JSON kind) without copying it: <see cref="EndRecord"/> copies all of a record's
    /// free-form values into one array when the record is done. JSON null gives <see cref="Internal.RawRange.Null"/>.
    /// </summary>
    public RawRange RawRange(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Internal.RawRange.Null;
        }

        int start = SourceIndex(reader.TokenStartIndex);
        int maxDepth = FastSkipMaxDepth;
        if (maxDepth > 0 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth == 1)
        {
            // A member of the record: checked and skipped in one tight pass, then the reader is made again past it.
            int end = SkipFast(ref reader, Source, start, maxDepth, depth: 1);
            if (end > 0)
            {
                _readerBase = end;
                SkippedFast = true;
                return new RawRange(start, end - start);
            }
        }

        SkipValue(ref reader);
        return new RawRange(start, SourceIndex(reader.BytesConsumed) - start);
    }

    /// <summary>
    /// Skips the object or array at <paramref name="start"/> of <paramref name="span"/> (the reader's span, from its
    /// start), on which the reader is, at depth 1 or 2 (<see cref="Utf8JsonReader.CurrentDepth"/>), with
    /// <see cref="JsonSkipper"/>, and makes the reader again over the rest of the span: the index past the value, or
    /// -1 when the skipper was not sure (the reader is then unchanged). Token indexes of the new reader count from
    /// the returned index, and its line and column from the record's start no longer.
    /// </summary>
    public int SkipFast(ref Utf8JsonReader reader, ReadOnlySpan<byte> span, int start, int maxDepth, int depth)
    {
        int end = JsonSkipper.SkipContainer(span, start, maxDepth - depth - 1);
        if (end > 0)
        {
            reader = new Utf8JsonReader(span[end..], reader.IsFinalBlock, ResumeState(maxDepth, depth));
        }

        return end;
    }

    /// <summary>
    /// The state of a reader inside a record at <paramref name="depth"/> (1 or 2) just after a member's value, with
    /// the given depth limit: what a reader made again past a value skipped fast starts from.
    /// </summary>
    private JsonReaderState ResumeState(int maxDepth, int depth)
    {
        if (_resumeMaxDepth != maxDepth)
        {
            // The reader has just ended a member's (empty) value at depth 1 and 2.
            _resumeStates[0] = StateAfter("{\"a\":{}"u8, maxDepth);
            _resumeStates[1] = StateAfter("{\"a\":{\"a\":{}"u8, maxDepth);
            _resumeMaxDepth = maxDepth;
        }

        return _resumeStates[depth - 1];

        static JsonReaderState StateAfter(ReadOnlySpan<byte> json, int maxDepth)
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));
            while (reader.Read())
            {
            }

            return reader.CurrentState;
        }
    }

    /// <summary>
    /// Ends a record: copies its deferred strings, then the values of up to four ranges of the source one after
    /// another (from <see cref="DeferredLength"/>, in this order), then <paramref name="table"/> (where the record's
    /// own values are, <see cref="RecordTexts.WriteTable"/>) into one new array, <paramref name="bytes"/>, and gives
    /// the pending strings of the objects read for the record the array.
    /// </summary>
    public void EndRecord(RawRange a, RawRange b, RawRange c, RawRange d, ReadOnlySpan<byte> table, out byte[] bytes)
    {
        int deferred = _deferredLength;
        int total = deferred + a.Length + b.Length + c.Length + d.Length + table.Length;
        bytes = total == 0 ? [] : GC.AllocateUninitializedArray<byte>(total);
        table.CopyTo(bytes.AsSpan(total - table.Length));
        if (deferred > 0)
        {
            _deferred.AsSpan(0, deferred).CopyTo(bytes);
            _deferredLength = 0;
            foreach (IDeferredTextOwner owner in _pendingOwners)
            {
                owner.ResolveDeferred(bytes);
            }

            _pendingOwners.Clear();
        }

        int offset = deferred;
        Copy(a, bytes, ref offset);
        Copy(b, bytes, ref offset);
        Copy(c, bytes, ref offset);
        Copy(d, bytes, ref offset);
    }

    /// <summary>Room for a record's <see cref="RecordTexts.WriteTable"/> table before <see cref="EndRecord"/> copies it (kept, so it is not zeroed per record as a stackalloc would be).</summary>
    public byte[] TableScratch { get; } = new byte[RecordTexts.MaxTableLength];

    /// <summary>How many bytes of deferred strings the record being read has: where <see cref="EndRecord"/> puts its free-form values.</summary>
    public int DeferredLength => _deferredLength;

    private void Copy(RawRange range, byte[] bytes, ref int offset)
    {
        if (range.Length == 0)
        {
            return;
        }

        Source.Slice(range.Start, range.Length).CopyTo(bytes.AsSpan(offset));
        offset += range.Length;
    }

}
