using System.Runtime.CompilerServices;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

/// <summary>
/// Reads CloudTrail records from log files and streams: a log file (<c>{"Records":[...]}</c>, other top-level
/// members tolerated), JSON Lines (one record per line), or one bare record; plain or gzip (detected by its
/// magic bytes, never by name); UTF-8 with or without a byte-order mark. Records are yielded one by one while
/// the input is read, so memory stays flat however large the file is.
/// </summary>
public static class CloudTrailReader
{
    /// <summary>Reads every record from a stream. The stream is read lazily, as the result is enumerated, and is not disposed.</summary>
    /// <param name="stream">The input, plain or gzip.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <returns>The records, in input order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IEnumerable<CloudTrailRecord> ReadRecords(Stream stream, CloudTrailReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, ownsStream: false, options ?? CloudTrailReaderOptions.Default);
    }

    /// <summary>Reads every record from a file, plain or gzip, whatever its name.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IEnumerable<CloudTrailRecord> ReadRecords(string path, CloudTrailReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFile(path, options ?? CloudTrailReaderOptions.Default);
    }

    /// <summary>Reads every record from a stream asynchronously. The stream is not disposed.</summary>
    /// <param name="stream">The input, plain or gzip.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read; checked before every record.</param>
    /// <returns>The records, in input order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IAsyncEnumerable<CloudTrailRecord> ReadRecordsAsync(Stream stream, CloudTrailReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadAsync(stream, ownsStream: false, options ?? CloudTrailReaderOptions.Default, cancellationToken);
    }

    /// <summary>Reads every record from a file asynchronously, plain or gzip, whatever its name.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read; checked before every record.</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IAsyncEnumerable<CloudTrailRecord> ReadRecordsAsync(string path, CloudTrailReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileAsync(path, options ?? CloudTrailReaderOptions.Default, cancellationToken);
    }

    // The file is opened when enumeration starts, so the result can be enumerated again and an unenumerated result holds no handle.
    private static IEnumerable<CloudTrailRecord> ReadFile(string path, CloudTrailReaderOptions options)
    {
        foreach (CloudTrailRecord record in Read(OpenFile(path, async: false), ownsStream: true, options))
        {
            yield return record;
        }
    }

    private static async IAsyncEnumerable<CloudTrailRecord> ReadFileAsync(string path, CloudTrailReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (CloudTrailRecord record in ReadAsync(OpenFile(path, async: true), ownsStream: true, options, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    private static FileStream OpenFile(string path, bool async)
    {
        // Opening a folder fails with UnauthorizedAccessException on Windows and Linux alike: say what reads one instead.
        if (Directory.Exists(path))
        {
            throw new ArgumentException("The path is a folder, not a file; CloudTrailTrail.ReadRecords reads a trail folder.", nameof(path));
        }

        return new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, async ? FileOptions.Asynchronous | FileOptions.SequentialScan : FileOptions.SequentialScan);
    }

    private static IEnumerable<CloudTrailRecord> Read(Stream stream, bool ownsStream, CloudTrailReaderOptions options)
    {
        using var framer = new RecordFramer(stream, options, ownsStream);
        while (true)
        {
            switch (framer.Step())
            {
                case StepResult.Record:
                    yield return framer.Record!;
                    break;
                case StepResult.Error:
                    Report(framer.Error, options);
                    break;
                case StepResult.NeedMore:
                    framer.Fill();
                    break;
                default:
                    yield break;
            }
        }
    }

    private static async IAsyncEnumerable<CloudTrailRecord> ReadAsync(Stream stream, bool ownsStream, CloudTrailReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var framer = new RecordFramer(stream, options, ownsStream);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (framer.PendingSpeculation is { } pending)
            {
                await pending.ConfigureAwait(false);
            }

            switch (framer.Step())
            {
                case StepResult.Record:
                    yield return framer.Record!;
                    break;
                case StepResult.Error:
                    Report(framer.Error, options);
                    break;
                case StepResult.NeedMore:
                    await framer.FillAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    yield break;
            }
        }
    }

    private static void Report(CloudTrailRecordError error, CloudTrailReaderOptions options)
    {
        if (options.InvalidRecordHandling == InvalidRecordHandling.Throw)
        {
            ThrowHelper.ThrowParseException(error);
        }

        options.OnInvalidRecord?.Invoke(error);
    }
}
