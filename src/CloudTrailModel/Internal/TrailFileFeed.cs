using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace CloudTrailModel.Internal;

/// <summary>
/// Reads a trail's files in reading order, up to a degree of parallelism ahead of the consumer. Each file read ahead
/// hands its records over in batches through a small bounded channel, so memory is bounded by the degree and not by the
/// trail, the consumer is woken once a batch rather than once a record, and it sees every file's items in file order
/// whatever finishes first.
/// </summary>
internal sealed class TrailFileFeed : IAsyncDisposable
{
    private const int ItemsPerBatch = 64;
    private const int BatchesPerFileAhead = 4;

    private readonly ICloudTrailObjectStore _store;
    private readonly IReadOnlyList<TrailFile> _files;
    private readonly Func<TrailFile, CloudTrailReaderOptions, CloudTrailReaderOptions> _fileOptions;
    private readonly CloudTrailReaderOptions _readerOptions;
    private readonly int _degree;
    private readonly CancellationTokenSource _cancellation;
    private readonly Dictionary<int, (Channel<List<TrailFileItem>> Channel, Task Reader)> _ahead = [];
    private Task _current = Task.CompletedTask;
    private int _nextToStart;

    public TrailFileFeed(ICloudTrailObjectStore store, IReadOnlyList<TrailFile> files, int firstFile, CloudTrailTrailOptions options,
        Func<TrailFile, CloudTrailReaderOptions, CloudTrailReaderOptions> fileOptions, CancellationToken cancellationToken)
    {
        _store = store;
        _files = files;
        _fileOptions = fileOptions;
        _degree = Math.Max(1, options.MaxDegreeOfParallelism);
        CloudTrailReaderOptions readerOptions = options.ReaderOptions ?? CloudTrailReaderOptions.Default;
        _readerOptions = _degree > 1 ? readerOptions with { AllowParallelParsing = false } : readerOptions;
        _nextToStart = firstFile;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The items of one file; files must be asked for in increasing order.</summary>
    public IAsyncEnumerable<TrailFileItem> ReadAsync(int index)
    {
        if (_degree == 1)
        {
            _nextToStart = index + 1;
            return ReadFileAsync(_files[index], _cancellation.Token);
        }

        while (_nextToStart < _files.Count && _nextToStart < index + _degree)
        {
            Start(_nextToStart++);
        }

        if (!_ahead.Remove(index, out (Channel<List<TrailFileItem>> Channel, Task Reader) started))
        {
            Start(index);
            _ahead.Remove(index, out started);
            _nextToStart = Math.Max(_nextToStart, index + 1);
        }

        _current = started.Reader;
        return Unbatch(started.Channel.Reader, _cancellation.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync().ConfigureAwait(false);

        // The file being consumed and those read ahead: once disposal returns no stream is open and nothing reads on.
        await _current.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach ((_, Task reader) in _ahead.Values)
        {
            // A reader still running stops at the cancellation; its outcome no longer matters.
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _ahead.Clear();
        _cancellation.Dispose();
    }

    private void Start(int index)
    {
        var channel = Channel.CreateBounded<List<TrailFileItem>>(new BoundedChannelOptions(BatchesPerFileAhead) { SingleReader = true, SingleWriter = true });
        TrailFile file = _files[index];
        CancellationToken token = _cancellation.Token;
        Task reader = Task.Run(() => PumpAsync(file, channel.Writer, token), token);
        _ahead.Add(index, (channel, reader));
    }

    private static async IAsyncEnumerable<TrailFileItem> Unbatch(ChannelReader<List<TrailFileItem>> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (List<TrailFileItem> batch in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (TrailFileItem item in batch)
            {
                yield return item;
            }
        }
    }

    private async Task PumpAsync(TrailFile file, ChannelWriter<List<TrailFileItem>> writer, CancellationToken cancellationToken)
    {
        var batch = new List<TrailFileItem>(ItemsPerBatch);
        try
        {
            try
            {
                await foreach (TrailFileItem item in ReadFileAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    batch.Add(item);
                    if (batch.Count == ItemsPerBatch)
                    {
                        await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                        batch = new List<TrailFileItem>(ItemsPerBatch);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The failure travels in order, after the items before it, to be thrown on the consumer's thread.
                batch.Add(new TrailFileItem(null, default, ExceptionDispatchInfo.Capture(e)));
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async IAsyncEnumerable<TrailFileItem> ReadFileAsync(TrailFile file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var errors = new Queue<CloudTrailRecordError>();
        CloudTrailReaderOptions options = _fileOptions(file, _readerOptions with { OnInvalidRecord = errors.Enqueue });
        Stream stream = await _store.OpenReadAsync(file.Key.Key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await using IAsyncEnumerator<CloudTrailRecord> records = CloudTrailReader.ReadRecordsAsync(stream, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await MoveNextAsync(records, file).ConfigureAwait(false))
            {
                while (errors.TryDequeue(out CloudTrailRecordError error))
                {
                    yield return new TrailFileItem(null, error, null);
                }

                yield return new TrailFileItem(records.Current, default, null);
            }

            while (errors.TryDequeue(out CloudTrailRecordError error))
            {
                yield return new TrailFileItem(null, error, null);
            }
        }
    }

    private static async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<CloudTrailRecord> records, TrailFile file)
    {
        try
        {
            return await records.MoveNextAsync().ConfigureAwait(false);
        }
        catch (CloudTrailParseException e)
        {
            e.Data["CloudTrailObjectKey"] = file.Key.Key;
            throw;
        }
    }
}
