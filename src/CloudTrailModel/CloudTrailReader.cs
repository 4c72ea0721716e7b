using System.Runtime.CompilerServices;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Framing;

namespace CloudTrailModel;

/// <summary>
/// Reads CloudTrail records from log files and streams: a log file (<c>{"Records":[...]}</c>, other top-level
/// members tolerated), JSON Lines (one record per line), or one bare record; plain or gzip (detected by its
/// magic bytes, never by name); UTF-8 with or without a byte-order mark. Records are yielded one by one while
/// the input is read, so memory stays flat however large the file is.
/// </summary>
/// <remarks>
/// <para>
/// Records in wrappers are read too, each wrapper told by its members (as gzip is by its magic bytes), mixed freely
/// with log files and records: EventBridge events of CloudTrail's detail types (the record is <c>detail</c>; an
/// event of another detail type is reported as <see cref="CloudTrailErrorCode.NotCloudTrailEvent"/>); CloudWatch
/// Logs subscription messages (<c>DATA_MESSAGE</c>: each <c>logEvents[].message</c> string is a record;
/// <c>CONTROL_MESSAGE</c> holds none) and their Lambda event (<c>{"awslogs":{"data":"base64 of gzip"}}</c>); and
/// <c>LookupEvents</c> pages (each <c>Events[].CloudTrailEvent</c> string is a record). Wrappers may stand alone, one
/// per line, back to back with no separator (as Kinesis Data Firehose writes them to S3), or in a JSON array.
/// </para>
/// <para>
/// In wrappers, <see cref="CloudTrailRecordError.RecordIndex"/> counts record slots across the whole input: one per
/// EventBridge event, CloudWatch Logs log event or <c>LookupEvents</c> event (a wrapper that cannot be read at all
/// takes one). <see cref="CloudTrailRecordError.BytePosition"/> is, in the decompressed input, the offset of the
/// <c>detail</c> object, of the opening quote of the string holding the record, or of the wrapper when there is
/// neither; for a Lambda event, whose records are inside base64 and gzip, it is the offset of the <c>data</c>
/// string's opening quote for every slot in it. <see cref="CloudTrailRecordError.LineInRecord"/> counts from the
/// record's own text (unescaped). Each wrapper document (one event, message or page) is held whole, up to twice
/// <see cref="CloudTrailReaderOptions.MaxRecordBytes"/> (a larger one is <see cref="CloudTrailErrorCode.RecordTooLarge"/>);
/// a Lambda event's decompressed data counts against <see cref="CloudTrailReaderOptions.MaxDecompressedBytes"/>.
/// Wrapper input is parsed on the reading thread only (<see cref="CloudTrailReaderOptions.AllowParallelParsing"/>
/// does not apply). <see cref="ReadEntries(Stream, CloudTrailReaderOptions?)"/> returns each wrapper's own fields
/// beside its record.
/// </para>
/// </remarks>
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

    /// <summary>
    /// Reads every record from a stream, as <see cref="ReadRecords(Stream, CloudTrailReaderOptions?)"/> does, each with
    /// the wrapper it arrived in (<see cref="CloudTrailEntry.Wrapper"/>, null for records of log files).
    /// </summary>
    /// <param name="stream">The input, plain or gzip. It is read lazily, as the result is enumerated, and is not disposed.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <returns>The records and their wrappers, in input order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IEnumerable<CloudTrailEntry> ReadEntries(Stream stream, CloudTrailReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadWrapped(() => stream, ownsStream: false, options ?? CloudTrailReaderOptions.Default);
    }

    /// <summary>Reads every record from a file, plain or gzip, whatever its name, each with the wrapper it arrived in.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <returns>The records and their wrappers, in file order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IEnumerable<CloudTrailEntry> ReadEntries(string path, CloudTrailReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadWrapped(() => OpenFile(path, async: false), ownsStream: true, options ?? CloudTrailReaderOptions.Default);
    }

    /// <summary>Reads every record from a stream asynchronously, each with the wrapper it arrived in. The stream is not disposed.</summary>
    /// <param name="stream">The input, plain or gzip.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read; checked before every record.</param>
    /// <returns>The records and their wrappers, in input order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IAsyncEnumerable<CloudTrailEntry> ReadEntriesAsync(Stream stream, CloudTrailReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadWrappedAsync(() => stream, ownsStream: false, options ?? CloudTrailReaderOptions.Default, cancellationToken);
    }

    /// <summary>Reads every record from a file asynchronously, plain or gzip, each with the wrapper it arrived in.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Options; <see cref="CloudTrailReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read; checked before every record.</param>
    /// <returns>The records and their wrappers, in file order.</returns>
    /// <exception cref="CloudTrailParseException">
    /// While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record (after every record before it).
    /// </exception>
    public static IAsyncEnumerable<CloudTrailEntry> ReadEntriesAsync(string path, CloudTrailReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadWrappedAsync(() => OpenFile(path, async: true), ownsStream: true, options ?? CloudTrailReaderOptions.Default, cancellationToken);
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

    private static IEnumerable<CloudTrailRecord> Read(Stream stream, bool ownsStream, CloudTrailReaderOptions options) =>
        Steps(() => new RecordFramer(stream, options, ownsStream), options, static framer => framer.Record!);

    private static IAsyncEnumerable<CloudTrailRecord> ReadAsync(Stream stream, bool ownsStream, CloudTrailReaderOptions options, CancellationToken cancellationToken) =>
        StepsAsync(() => new RecordFramer(stream, options, ownsStream), options, static framer => framer.Record!, cancellationToken);

    // Records of log files are returned without building entries; wrapped ones with their wrapper. The stream is opened
    // when enumeration starts, so the result can be enumerated again and an unenumerated result holds no handle.
    private static IEnumerable<CloudTrailEntry> ReadWrapped(Func<Stream> open, bool ownsStream, CloudTrailReaderOptions options) =>
        Steps(() => new RecordFramer(open(), options, ownsStream) { KeepsWrappers = true }, options, static framer => new CloudTrailEntry(framer.Record!, framer.Wrapper));

    private static IAsyncEnumerable<CloudTrailEntry> ReadWrappedAsync(Func<Stream> open, bool ownsStream, CloudTrailReaderOptions options, CancellationToken cancellationToken) =>
        StepsAsync(() => new RecordFramer(open(), options, ownsStream) { KeepsWrappers = true }, options, static framer => new CloudTrailEntry(framer.Record!, framer.Wrapper), cancellationToken);

    /// <summary>The reading loop: steps the framer, filling its window when it asks, and reports errors as the options say.</summary>
    private static IEnumerable<T> Steps<T>(Func<RecordFramer> create, CloudTrailReaderOptions options, Func<RecordFramer, T> take)
    {
        using RecordFramer framer = create();
        for (StepResult step = NextStep(framer, options); step != StepResult.End; step = NextStep(framer, options))
        {
            if (step == StepResult.Record)
            {
                yield return take(framer);
            }
            else
            {
                framer.Fill();
            }
        }
    }

    /// <summary>The reading loop, asynchronous: input is awaited (a helper thread's records are never waited for).</summary>
    private static async IAsyncEnumerable<T> StepsAsync<T>(
        Func<RecordFramer> create, CloudTrailReaderOptions options, Func<RecordFramer, T> take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using RecordFramer framer = create();
        cancellationToken.ThrowIfCancellationRequested();
        for (StepResult step = NextStep(framer, options); step != StepResult.End; step = NextStep(framer, options))
        {
            if (step == StepResult.Record)
            {
                yield return take(framer);
            }
            else
            {
                await framer.FillAsync(cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    // The framer's next record, request for input or end; the errors before it are reported as the options say.
    private static StepResult NextStep(RecordFramer framer, CloudTrailReaderOptions options)
    {
        StepResult step;
        while ((step = framer.Step()) == StepResult.Error)
        {
            Report(framer.Error, options);
        }

        return step;
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
