using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace CloudTrailModel.Internal;

/// <summary>
/// Reads a trail's files in reading order ahead of the consumer. Above degree 1, that many workers take the files in
/// order, each reading one file at a time and handing its records over in batches through a small bounded channel; they
/// run up to <see cref="FilesAheadPerDegree"/> files per degree ahead of the file being consumed, without waiting for the
/// consumer to ask, so a slow hand-off never leaves a core idle. Memory is bounded by the degree, not by the trail, and
/// the consumer sees every file's items in file order whatever finishes first.
/// </summary>
internal sealed class TrailFileFeed : IAsyncDisposable
{
    private const int ItemsPerBatch = 64;
    private const int BatchesPerFileAhead = 4;
    private const int FilesAheadPerDegree = 4;

    private readonly ICloudTrailObjectStore _store;
    private readonly IReadOnlyList<TrailFile> _files;
    private readonly Func<TrailFile, CloudTrailReaderOptions, CloudTrailReaderOptions> _fileOptions;
    private readonly CloudTrailReaderOptions _readerOptions;
    private readonly int _degree;
    private readonly CancellationTokenSource _cancellation;
    private readonly Dictionary<int, Channel<List<TrailFileItem>>> _channels = [];
    private readonly SemaphoreSlim _room;

    // Batches the consumer is done with, for the workers to fill again: at most the batches in flight, a few KB each.
    private readonly ConcurrentQueue<List<TrailFileItem>> _emptyBatches = new();
    private Task[] _workers = [];
    private int _nextToStart;
    private int _nextToRead;

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
        _nextToRead = firstFile;
        _room = new SemaphoreSlim(_degree * FilesAheadPerDegree);
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The items of one file; files are asked for in reading order, each once, from the first file given.</summary>
    public IAsyncEnumerable<TrailFileItem> ReadAsync(int index)
    {
        if (index != _nextToRead)
        {
            throw new InvalidOperationException("Trail files are read in order, each once.");
        }

        _nextToRead++;
        if (_degree == 1)
        {
            return ReadFileAsync(_files[index], _cancellation.Token);
        }

        if (_workers.Length == 0)
        {
            CancellationToken token = _cancellation.Token;
            _workers = [.. Enumerable.Range(0, Math.Min(_degree, _files.Count - index)).Select(_ => Task.Run(() => WorkAsync(token), token))];
        }

        return Unbatch(index, _cancellation.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync().ConfigureAwait(false);

        // Once disposal returns no stream is open and nothing reads on: every worker stops at the cancellation.
        foreach (Task worker in _workers)
        {
            await worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _channels.Clear();
        _room.Dispose();
        _cancellation.Dispose();
    }

    // A file's channel, made by whichever of its worker and the consumer comes first.
    private Channel<List<TrailFileItem>> ChannelOf(int index)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(index, out Channel<List<TrailFileItem>>? channel))
            {
                channel = Channel.CreateBounded<List<TrailFileItem>>(new BoundedChannelOptions(BatchesPerFileAhead) { SingleReader = true, SingleWriter = true });
                _channels.Add(index, channel);
            }

            return channel;
        }
    }

    // Takes the next file in reading order while there is room ahead of the consumer. Files are taken in order, so the
    // file being consumed always has a worker (or is done): a worker waiting on a later file's full channel cannot stall it.
    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
            int index = Interlocked.Increment(ref _nextToStart) - 1;
            if (index >= _files.Count)
            {
                _room.Release();
                return;
            }

            await PumpAsync(_files[index], ChannelOf(index).Writer, cancellationToken).ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<TrailFileItem> Unbatch(int index, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ChannelReader<List<TrailFileItem>> reader = ChannelOf(index).Reader;
        await foreach (List<TrailFileItem> batch in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (TrailFileItem item in batch)
            {
                yield return item;
            }

            batch.Clear();
            _emptyBatches.Enqueue(batch);
        }

        lock (_channels)
        {
            _channels.Remove(index);
        }

        _room.Release();
    }

    private async Task PumpAsync(TrailFile file, ChannelWriter<List<TrailFileItem>> writer, CancellationToken cancellationToken)
    {
        List<TrailFileItem> batch = EmptyBatch();
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
                        batch = EmptyBatch();
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

    private List<TrailFileItem> EmptyBatch() => _emptyBatches.TryDequeue(out List<TrailFileItem>? batch) ? batch : new List<TrailFileItem>(ItemsPerBatch);

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
