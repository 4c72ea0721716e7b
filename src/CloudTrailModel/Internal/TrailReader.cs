using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// Reads a listed trail in reading order (key time, then ordinal key) and yields its records in file or event-time
/// order, de-duplicated on request, with checkpoints. Event-time order: before file <c>f</c> is read, every waiting
/// record older than <c>keyTime(f) - window</c> (the watermark) is yielded in (eventTime, file, index) order; a record
/// read below the watermark or at or before the last record so yielded (the floor) is late and yielded at once. So whether a
/// record is late depends only on the record, its file and the floor, which is what lets a checkpoint say exactly which
/// records of the files still read again were yielded. After resuming, files of the checkpoint's last window that it does
/// not name as read (they arrived late) are read in their place in reading order, before the checkpoint's position.
/// </summary>
internal sealed class TrailReader
{
    private readonly CloudTrailTrailOptions _options;
    private readonly CloudTrailReaderOptions _readerOptions;
    private readonly bool _withCheckpoints;
    private readonly bool _byEventTime;
    private readonly long _window;
    private readonly PriorityQueue<Waiting, (long Ticks, int File, int Index)> _waiting = new();
    private readonly Dictionary<string, long> _eventIds = new(StringComparer.Ordinal);
    private List<TrailFile> _files = [];
    private int[] _waitingPerFile = [];
    private int _firstWaitingFile;
    private (long Ticks, int File, int Index, string Key)? _floor;
    private long _threshold = long.MinValue;
    private int _evictAt = 1024;
    private CloudTrailTrailProgress _progress;
    private string _selection = "";

    // Files before the resumed position not read before (arrived late), the one of them partly read, and the position.
    private readonly SortedSet<int> _unread = [];
    private int _partialFile = -1;
    private int _partialRead;
    private int _resumeNext;
    private int _resumeRead;
    private int _resumeRestart;
    private TrailSeen? _seen;
    private int _seenFrontier = -1;

    public TrailReader(CloudTrailTrailOptions options, bool withCheckpoints)
    {
        if (options.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxDegreeOfParallelism must be at least 1.");
        }

        if (options.LatenessWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "LatenessWindow must not be negative.");
        }

        _options = options;
        _readerOptions = options.ReaderOptions ?? CloudTrailReaderOptions.Default;
        _withCheckpoints = withCheckpoints;
        _byEventTime = options.Order == CloudTrailRecordOrder.EventTime;
        _window = options.LatenessWindow.Ticks;
    }

    public async IAsyncEnumerable<CloudTrailTrailEntry> ReadAsync(ICloudTrailObjectStore store, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _selection = Selection(prefix);
        (_files, int ignored) = await TrailListing.ListAsync(store, prefix, _options, cancellationToken).ConfigureAwait(false);
        _waitingPerFile = new int[_files.Count];
        ResumePoint resume = Resume(_options.ResumeFrom);
        _resumeNext = resume.Next;
        _resumeRead = resume.Read;
        _resumeRestart = _options.ResumeFrom?.Restart is null ? 0 : resume.Restart;
        _progress = new CloudTrailTrailProgress
        {
            FilesTotal = _files.Count,
            FilesDone = resume.First,
            BytesTotal = _files.Sum(f => f.Size),
            BytesDone = _files.Take(resume.First).Sum(f => f.Size),
            ObjectsIgnored = ignored,
        };
        _options.Progress?.Report(_progress);

        var feed = new TrailFileFeed(store, _files, resume.First, _options, FileOptions, cancellationToken);
        await using (feed.ConfigureAwait(false))
        {
            for (int file = resume.First; file < _files.Count; file++)
            {
                long keyTicks = _files[file].Key.Time.UtcTicks;

                // Event IDs are remembered for the window before the file being read, whether it is read again or for the first time.
                _threshold = keyTicks - _window;
                if (file >= resume.Next)
                {
                    // The file's turn: records below its watermark can no longer be preceded by a record not yet read.
                    foreach (CloudTrailTrailEntry entry in YieldWaiting(keyTicks - _window, file))
                    {
                        yield return entry;
                    }
                }

                int index = 0;
                int replayedCount = ReplayedCount(file);
                await foreach (TrailFileItem item in feed.ReadAsync(file).ConfigureAwait(false))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    item.Failure?.Throw();
                    bool replayed = index < replayedCount;
                    if (item.Record is not CloudTrailRecord record)
                    {
                        ReportUnlessReplayed(replayed, file, item.Error);
                        continue;
                    }

                    long ticks = record.EventTime?.UtcTicks ?? keyTicks;
                    Disposition disposition = replayed ? Replay(record, ticks, file, index, resume.Restart) : Read(record, ticks, file, index);
                    index++;
                    if (disposition is Disposition.Yield or Disposition.YieldLate)
                    {
                        yield return Entry(record, file, disposition == Disposition.YieldLate, file, index);
                    }
                }

                if (_unread.Remove(file))
                {
                    _seenFrontier = -1;
                }

                _progress = _progress with { FilesDone = file + 1, BytesDone = _progress.BytesDone + _files[file].Size };
                _options.Progress?.Report(_progress);
            }

            foreach (CloudTrailTrailEntry entry in YieldWaiting(long.MaxValue, _files.Count))
            {
                yield return entry;
            }
        }

        _options.Progress?.Report(_progress);
    }

    private enum Disposition
    {
        Yield,
        YieldLate,
        Wait,
        Drop,
    }

    private CloudTrailReaderOptions FileOptions(TrailFile file, CloudTrailReaderOptions options)
    {
        if (_options.From is null && _options.To is null)
        {
            return options;
        }

        long from = _options.From?.UtcTicks ?? long.MinValue;
        long to = _options.To?.UtcTicks ?? long.MaxValue;
        long keyTicks = file.Key.Time.UtcTicks;
        Func<CloudTrailRecordHeader, bool>? filter = options.Filter;
        return options with
        {
            Filter = header =>
            {
                long ticks = header.EventTime?.UtcTicks ?? keyTicks;
                return ticks >= from && ticks < to && (filter is null || filter(header));
            },
        };
    }

    // A record read for the first time.
    private Disposition Read(CloudTrailRecord record, long ticks, int file, int index)
    {
        if (IsDuplicate(record, ticks, file))
        {
            _progress = _progress with { DuplicateRecords = _progress.DuplicateRecords + 1 };
            return Disposition.Drop;
        }

        if (!_byEventTime)
        {
            return Count(Disposition.Yield);
        }

        if (IsLate(ticks, file, index))
        {
            _progress = _progress with { LateRecords = _progress.LateRecords + 1 };
            return Count(Disposition.YieldLate);
        }

        Wait(record, ticks, file, index);
        return Disposition.Wait;
    }

    // A record read again after resuming: it waits again if it was waiting at the checkpoint, else it only feeds de-duplication.
    private Disposition Replay(CloudTrailRecord record, long ticks, int file, int index, int restart)
    {
        if (IsDuplicate(record, ticks, file) || !_byEventTime || file < restart || IsLate(ticks, file, index))
        {
            return Disposition.Drop;
        }

        Wait(record, ticks, file, index);
        return Disposition.Wait;
    }

    private bool IsLate(long ticks, int file, int index) =>
        ticks < _files[file].Key.Time.UtcTicks - _window || (_floor is { } floor && (ticks, file, index).CompareTo((floor.Ticks, floor.File, floor.Index)) <= 0);

    // Only records within the window before the current file's key time (and not after their own file's) take part, which bounds the set.
    private bool IsDuplicate(CloudTrailRecord record, long ticks, int file)
    {
        if (!_options.Deduplicate || record.EventId is not string id || ticks < _threshold || ticks > _files[file].Key.Time.UtcTicks)
        {
            return false;
        }

        if (_eventIds.TryGetValue(id, out long seen) && seen >= _threshold)
        {
            return true;
        }

        _eventIds[id] = ticks;
        if (_eventIds.Count >= _evictAt)
        {
            foreach (KeyValuePair<string, long> old in _eventIds)
            {
                if (old.Value < _threshold)
                {
                    _eventIds.Remove(old.Key);
                }
            }

            _evictAt = Math.Max(1024, _eventIds.Count * 2);
        }

        return false;
    }

    private void Wait(CloudTrailRecord record, long ticks, int file, int index)
    {
        _waiting.Enqueue(new Waiting(record, file, index), (ticks, file, index));
        _waitingPerFile[file]++;
    }

    private IEnumerable<CloudTrailTrailEntry> YieldWaiting(long watermark, int currentFile)
    {
        while (_waiting.TryPeek(out Waiting waiting, out (long Ticks, int File, int Index) position) && position.Ticks < watermark)
        {
            _waiting.Dequeue();
            _waitingPerFile[waiting.File]--;
            _floor = (position.Ticks, waiting.File, waiting.Index, _files[waiting.File].Key.Key);
            Count(Disposition.Yield);
            yield return Entry(waiting.Record, waiting.File, isLate: false, currentFile, read: 0);
        }
    }

    private Disposition Count(Disposition disposition)
    {
        _progress = _progress with { Records = _progress.Records + 1 };
        return disposition;
    }

    private void ReportUnlessReplayed(bool replayed, int file, CloudTrailRecordError error)
    {
        if (replayed)
        {
            return;
        }

        _progress = _progress with { Errors = _progress.Errors + 1 };
        _readerOptions.OnInvalidRecord?.Invoke(error);
        _options.OnInvalidRecord?.Invoke(new CloudTrailTrailError(_files[file].Key, error));
    }

    private CloudTrailTrailEntry Entry(CloudTrailRecord record, int file, bool isLate, int currentFile, int read) =>
        new(record, _files[file].Key, isLate, _withCheckpoints ? Checkpoint(currentFile, read) : null!);

    private CloudTrailTrailCheckpoint Checkpoint(int currentFile, int read)
    {
        while (_firstWaitingFile < currentFile && _firstWaitingFile < _files.Count && _waitingPerFile[_firstWaitingFile] == 0)
        {
            _firstWaitingFile++;
        }

        int restartFile = _firstWaitingFile < _files.Count && _waitingPerFile[_firstWaitingFile] > 0 ? _firstWaitingFile : _files.Count;
        if (currentFile < _resumeRestart)
        {
            // Files still waiting at the resumed checkpoint and not read again yet wait as before.
            restartFile = Math.Min(restartFile, _resumeRestart);
        }

        string? restart = restartFile < _files.Count && restartFile < Math.Max(currentFile, _resumeNext) ? _files[restartFile].Key.Key : null;
        TrailPosition? floor = _floor is { } f ? new TrailPosition(f.Ticks, f.Key, f.Index) : null;

        // Before the resumed position only files that arrived late yield records: the position stays, the late file is named beside it.
        int frontier = currentFile;

        // Records yielded at the resumed file's turn come before it is read again: what the checkpoint had read of it stays read.
        int frontierRead = currentFile == _resumeNext ? Math.Max(read, _resumeRead) : read;
        string? late = null;
        if (currentFile < _resumeNext)
        {
            frontier = _resumeNext;
            frontierRead = _resumeRead;
            late = _files[currentFile].Key.Key;
        }

        return new CloudTrailTrailCheckpoint(_options.Order, _options.LatenessWindow, _options.Deduplicate, _selection,
            frontier < _files.Count ? _files[frontier].Key.Key : null, frontierRead,
            frontier > 0 ? _files[Math.Min(frontier, _files.Count) - 1].Key.Key : null, restart, floor, late, late is null ? 0 : read, Seen(frontier));
    }

    // The files read to their end in the window before the position (the last file included once every file is read).
    private TrailSeen Seen(int frontier)
    {
        if (_seen is not null && _seenFrontier == frontier)
        {
            return _seen;
        }

        int to = Math.Min(frontier, _files.Count);
        if (to == 0)
        {
            _seen = TrailSeen.None;
        }
        else
        {
            int from = WindowStart(_files[frontier < _files.Count ? frontier : _files.Count - 1].Key.Time.UtcTicks);
            int[] notRead = from < to ? [.. _unread.GetViewBetween(from, to - 1)] : [];
            _seen = new TrailSeen(_files, from, to, notRead);
        }

        _seenFrontier = frontier;
        return _seen;
    }

    // The first listed file whose key time is within the window before the given key time.
    private int WindowStart(long keyTicks)
    {
        long oldest = keyTicks - _window;
        int low = 0;
        int high = _files.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (_files[middle].Key.Time.UtcTicks < oldest)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // How many of a file's records were read before the checkpoint resumed from (all of a file read to its end).
    private int ReplayedCount(int file)
    {
        if (file == _partialFile)
        {
            return _partialRead;
        }

        if (file < _resumeNext)
        {
            return _unread.Contains(file) ? 0 : int.MaxValue;
        }

        return file == _resumeNext ? _resumeRead : 0;
    }

    // What a checkpoint must be resumed with: the prefix and the options that choose files and records, hashed (they may name accounts).
    private string Selection(string prefix)
    {
        var text = new StringBuilder();
        text.Append(prefix.Length == 0 || prefix[^1] == '/' ? prefix : prefix + "/").Append('\n')
            .Append(_options.From?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(_options.To?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(_options.IncludeInsights ? '1' : '0').Append('\n');
        foreach (IReadOnlyCollection<string>? values in (IReadOnlyCollection<string>?[])[_options.AccountIds, _options.Regions, _options.OrganizationIds])
        {
            text.Append(values is null ? "*" : string.Join(',', values.Order(StringComparer.Ordinal))).Append('\n');
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    private ResumePoint Resume(CloudTrailTrailCheckpoint? checkpoint)
    {
        if (checkpoint is null)
        {
            return new ResumePoint(0, 0, 0, 0);
        }

        if (checkpoint.Order != _options.Order || checkpoint.Window != _options.LatenessWindow || checkpoint.Deduplicate != _options.Deduplicate)
        {
            throw new ArgumentException("The checkpoint was made with another Order, LatenessWindow or Deduplicate option.", nameof(checkpoint));
        }

        if (checkpoint.Selection != _selection)
        {
            throw new ArgumentException("The checkpoint was made for another prefix or folder, or with other From, To, AccountIds, Regions, OrganizationIds or IncludeInsights options.", nameof(checkpoint));
        }

        int next = checkpoint.Next is not null ? LowerBound(checkpoint.Next) : checkpoint.Last is not null ? LowerBound(checkpoint.Last, after: true) : 0;
        int read = checkpoint.Next is not null && next < _files.Count && _files[next].Key.Key == checkpoint.Next ? checkpoint.Read : 0;
        int restart = checkpoint.Restart is not null ? Math.Min(LowerBound(checkpoint.Restart), next) : next;
        if (checkpoint.Floor is TrailPosition floor)
        {
            int floorFile = LowerBound(floor.Key);
            bool exact = floorFile < _files.Count && _files[floorFile].Key.Key == floor.Key;
            _floor = (floor.Ticks, floorFile, exact ? floor.Index : -1, floor.Key);
        }

        // Files of the window before the position that the checkpoint does not name as read arrived late: they are read now.
        string? positionKey = checkpoint.Next ?? checkpoint.Last;
        if (positionKey is not null && CloudTrailObjectKey.TryParse(positionKey, out CloudTrailObjectKey? position))
        {
            HashSet<ulong> seen = checkpoint.Seen.ToSet();
            int late = checkpoint.Late is not null ? LowerBound(checkpoint.Late) : -1;
            for (int file = WindowStart(position.Time.UtcTicks); file < next; file++)
            {
                if (file == late && _files[file].Key.Key == checkpoint.Late)
                {
                    _partialFile = file;
                    _partialRead = checkpoint.LateRead;
                    _unread.Add(file);
                }
                else if (!seen.Contains(TrailSeen.Hash(_files[file].Key.Key)))
                {
                    _unread.Add(file);
                }
            }
        }

        int start = _unread.Count > 0 ? Math.Min(restart, _unread.Min) : restart;
        int first = start;
        if (_options.Deduplicate && start < _files.Count)
        {
            // A record read again, or first read in a late file, is checked against the IDs of the window before its file, as in one run.
            long oldest = _files[start].Key.Time.UtcTicks - _window;
            while (first > 0 && _files[first - 1].Key.Time.UtcTicks >= oldest)
            {
                first--;
            }
        }

        _firstWaitingFile = first;
        return new ResumePoint(first, next, read, restart);
    }

    // The index of the first listed file at or (with after) past the given key in reading order.
    private int LowerBound(string key, bool after = false)
    {
        if (!CloudTrailObjectKey.TryParse(key, out CloudTrailObjectKey? parsed))
        {
            throw new ArgumentException("The checkpoint names a key that is not a CloudTrail key.", nameof(key));
        }

        int low = 0;
        int high = _files.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            int comparison = TrailFile.Compare(_files[middle].Key, parsed);
            if (comparison < 0 || (after && comparison == 0))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private readonly record struct Waiting(CloudTrailRecord Record, int File, int Index);

    private readonly record struct ResumePoint(int First, int Next, int Read, int Restart);
}
