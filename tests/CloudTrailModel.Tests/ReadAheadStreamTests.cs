using CloudTrailModel.Internal;

namespace CloudTrailModel.Tests;

/// <summary>
/// The decompressing thread's read-ahead: whatever its consumer's pace, and whether the consumer still reads the inner
/// stream itself (a small input) or the thread does, it hands on every byte the inner stream gave and then the inner
/// stream's failure, never an early end.
/// </summary>
public sealed class ReadAheadStreamTests
{
    private const int Chunk = 256 * 1024;

    [Theory]
    [InlineData(6 * Chunk)]
    [InlineData((6 * Chunk) + (Chunk / 2))]
    [InlineData(Chunk / 3)]
    [InlineData(64 * 1024)]
    [InlineData(1000)]
    [InlineData(0)]
    public void Read_WhenTheInnerStreamFailsWhileTheConsumerIsBehind_GivesAllItsDataThenItsFailure(int length)
    {
        using var ahead = new ReadAheadStream(new FailingStream(length));
        var buffer = new byte[100_000];
        long total = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                // A slow consumer: every chunk ahead is taken when the inner stream fails.
                Thread.Sleep(20);
                int n = ahead.Read(buffer);
                if (n == 0)
                {
                    break;
                }

                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] != FailingStream.ByteAt(total + i))
                    {
                        throw new InvalidOperationException($"Byte {total + i} differs.");
                    }
                }

                total += n;
            }
        }
        catch (InvalidDataException ex)
        {
            failure = ex;
        }

        total.Should().Be(length);
        failure.Should().NotBeNull("the inner stream's failure is rethrown, not taken for the end of the data");
    }

    /// <summary>Gives <c>length</c> bytes of a pattern in reads of at most 64 KB, then throws as a corrupt gzip does.</summary>
    private sealed class FailingStream(int length) : Stream
    {
        private int _position;

        public static byte ByteAt(long i) => (byte)((i * 7) + (i >> 16));

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position == length)
            {
                throw new InvalidDataException("Bad checksum.");
            }

            int n = Math.Min(Math.Min(buffer.Length, 64 * 1024), length - _position);
            for (int i = 0; i < n; i++)
            {
                buffer[i] = ByteAt(_position + i);
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
