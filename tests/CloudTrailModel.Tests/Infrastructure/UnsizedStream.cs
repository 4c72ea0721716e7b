using CloudTrailModel.Reading.Input;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>A read-only stream over bytes that does not tell its length, as a network response may not.</summary>
internal sealed class UnsizedStream(byte[] data) : ReadOnlyStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
}
