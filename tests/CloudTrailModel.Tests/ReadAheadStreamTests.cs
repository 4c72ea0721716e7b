using CloudTrailModel.Reading.Input;

namespace CloudTrailModel.Tests;

/// <summary>
/// The decompressing thread's read-ahead: whatever its consumer's pace, and whether the consumer still reads the inner
/// stream itself (a small input) or the thread does, it hands on every byte the inner stream gave and then the inner
/// stream's failure, never an early end.
/// </summary>
public sealed class ReadAheadStreamTests
{
    private const int Chunk = 256 * 1024;
    private const int SyncBytes = 64 * 1024;

    [Theory]
    [InlineData(6 * Chunk)]
    [InlineData((6 * Chunk) + (Chunk / 2))]
    [InlineData(Chunk / 3)]
    [InlineData(64 * 1024)]
    [InlineData(1000)]
    [InlineData(0)]
    public void Read_WhenTheInnerStreamFailsWhileTheConsumerIsBehind_GivesAllItsDataThenItsFailure(int length)
    {
        using var ahead = new ReadAheadStream(new FailingStream(length), SyncBytes);
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

    [Fact]
    public async Task ReadAsync_WhileTheInnerStreamWaitsForInput_WaitsForItAndCanBeCancelled()
    {
        // The first 64 KB (read on the consumer's thread) and two whole chunks (the thread hands on whole chunks) at
        // once, then nothing until the test opens the gate: a network stream between two packets.
        const int Open = (64 * 1024) + (2 * Chunk);
        var inner = new GatedStream(open: Open, total: Open + (100 * 1024));
        using var ahead = new ReadAheadStream(inner, SyncBytes);
        var buffer = new byte[100_000];

        // A first read of exactly 64 KB (the consumer's own), so the chunks the thread reads end where the gate is.
        long total = await ahead.ReadAsync(buffer.AsMemory(0, 64 * 1024));
        while (total < Open)
        {
            total += await ahead.ReadAsync(buffer);
        }

        total.Should().Be(Open);
        // Called on another thread, so a read that blocked its caller until data came would fail here, not hang.
        ValueTask<int> pending = default;
        Task call = Task.Run(() => pending = ahead.ReadAsync(buffer));
        (await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(call, "the read awaits its data instead of blocking its caller's thread");
        await Task.Delay(100);
        pending.IsCompleted.Should().BeFalse("no data has come");

        inner.Open();
        int n = await pending;
        n.Should().BeGreaterThan(0);
        for (total += n; (n = await ahead.ReadAsync(buffer)) > 0; total += n)
        {
        }

        total.Should().Be(Open + (100 * 1024));

        // Cancelled while waiting for input that never comes.
        var stalled = new GatedStream(open: Open, total: Open + (100 * 1024));
        using var ahead2 = new ReadAheadStream(stalled, SyncBytes);
        for (total = await ahead2.ReadAsync(buffer.AsMemory(0, 64 * 1024)); total < Open;)
        {
            total += await ahead2.ReadAsync(buffer);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Func<Task> wait = () => ahead2.ReadAsync(buffer, cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await wait.Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Gives the first <c>open</c> bytes of <c>total</c> at once; the rest once <see cref="Open"/> is called.</summary>
    private sealed class GatedStream(int open, int total) : ReadOnlyStream
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _position;

        public void Open() => _gate.TrySetResult();

        public override int Read(Span<byte> buffer)
        {
            if (_position >= open)
            {
                _gate.Task.Wait();
            }

            int n = (int)Math.Min(buffer.Length, (_position < open ? open : total) - _position);
            buffer[..n].Fill(7);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= open)
            {
                await _gate.Task.WaitAsync(cancellationToken);
            }

            return Read(buffer.Span);
        }
    }

    /// <summary>Gives <c>length</c> bytes of a pattern in reads of at most 64 KB, then throws as a corrupt gzip does.</summary>
    private sealed class FailingStream(int length) : ReadOnlyStream
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
    }

    /// <summary>What the streams above have in common: read-only, not seekable.</summary>
    private abstract class ReadOnlyStream : Stream
    {
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
