namespace CloudTrailModel.Reading.Input;

/// <summary>
/// Passes reads through and remembers the last eight bytes, so the gzip trailer (CRC32 and ISIZE) can be
/// checked once decompression ends: .NET's GZipStream reports a truncated member as a normal end of stream.
/// </summary>
internal sealed class TailRecordingStream(Stream inner) : ReadOnlyStream
{
    private readonly byte[] _tail = new byte[8];
    private int _tailLength;

    public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _tailLength);

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Remember(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Remember(buffer.Span[..n]);
        return n;
    }

    private void Remember(ReadOnlySpan<byte> read)
    {
        if (read.Length >= 8)
        {
            read[^8..].CopyTo(_tail);
            _tailLength = 8;
            return;
        }

        int keep = Math.Min(_tailLength, 8 - read.Length);
        _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
        read.CopyTo(_tail.AsSpan(keep));
        _tailLength = keep + read.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
