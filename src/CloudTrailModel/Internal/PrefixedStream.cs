using System.Buffers;

namespace CloudTrailModel.Internal;

/// <summary>
/// A read-only stream that yields some already-read bytes before the rest of another stream. The bytes are copied
/// into a pooled array, returned to the pool once read (or when the stream is disposed).
/// </summary>
internal sealed class PrefixedStream : Stream
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

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
