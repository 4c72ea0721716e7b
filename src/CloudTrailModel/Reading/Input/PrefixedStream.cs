using System.Buffers;

namespace CloudTrailModel.Reading.Input;

/// <summary>
/// A read-only stream that yields some already-read bytes before the rest of another stream. The bytes are copied
/// into a pooled array, returned to the pool once read (or when the stream is disposed).
/// </summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private byte[]? _prefix;
    private readonly int _prefixLength;
    private int _prefixPos;

    public PrefixedStream(ReadOnlySpan<byte> prefix, Stream inner)
    {
        _inner = inner;
        _prefixLength = prefix.Length;
        if (prefix.Length > 0)
        {
            _prefix = ArrayPool<byte>.Shared.Rent(prefix.Length);
            prefix.CopyTo(_prefix);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (_prefix is { } prefix)
        {
            int n = Math.Min(buffer.Length, _prefixLength - _prefixPos);
            prefix.AsSpan(_prefixPos, n).CopyTo(buffer);
            _prefixPos += n;
            if (_prefixPos == _prefixLength)
            {
                ReturnPrefix();
            }

            return n;
        }

        return _inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix is not null)
        {
            return new ValueTask<int>(Read(buffer.Span));
        }

        return _inner.ReadAsync(buffer, cancellationToken);
    }

    private void ReturnPrefix()
    {
        if (_prefix is { } prefix)
        {
            _prefix = null;
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }

    /// <summary>Returns the prefix's array if it was not all read; the inner stream is not this stream's to dispose.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnPrefix();
        }

        base.Dispose(disposing);
    }
}
