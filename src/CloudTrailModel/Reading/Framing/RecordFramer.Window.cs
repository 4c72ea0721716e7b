using System.Buffers;

namespace CloudTrailModel.Reading.Framing;

/// <summary>The window: one pooled buffer, refilled from the input, grown for a record larger than it.</summary>
internal sealed partial class RecordFramer
{
    /// <summary>Reads more input into the window (after <see cref="Step"/> said <see cref="StepResult.NeedMore"/>).</summary>
    public void Fill()
    {
        if (PrepareFill())
        {
            Account(_input.Read(_buffer, _end));
        }
    }

    /// <summary>Reads more input into the window asynchronously.</summary>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (PrepareFill())
        {
            Account(await _input.ReadAsync(_buffer, _end, cancellationToken).ConfigureAwait(false));
        }
    }

    private void Account(int n)
    {
        _end += n;
        _eof = _input.Ended;
    }

    /// <summary>Makes room at the window's end: moves what is unread to the front, or grows the window.</summary>
    private bool PrepareFill()
    {
        // The window may be moved or replaced below: no helper may be reading it then.
        _fanOut?.Stop();
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
                _eof = true;
                _windowFault = CloudTrailErrorCode.RecordTooLarge;
                return false;
            }

            byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(MaxBufferSize, (long)_buffer.Length * 2));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return true;
    }
}
