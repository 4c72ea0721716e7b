namespace CloudTrailModel;

/// <summary>
/// Options for <see cref="CloudTrailReader"/>. Immutable: derive variants with <c>with</c>, for example
/// <c>CloudTrailReaderOptions.Default with { InvalidRecordHandling = InvalidRecordHandling.Skip }</c>.
/// </summary>
public sealed record CloudTrailReaderOptions
{
    /// <summary>The default nesting limit: 64 levels, far deeper than any CloudTrail record.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The default record size limit: 4 MiB (CloudTrail Lake's largest events are 1 MB).</summary>
    public const int DefaultMaxRecordBytes = 4 * 1024 * 1024;

    /// <summary>The default decompressed size limit: 4 GiB.</summary>
    public const long DefaultMaxDecompressedBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>The defaults: throw on the first error, with the default limits.</summary>
    public static CloudTrailReaderOptions Default { get; } = new();

    /// <summary>Whether a bad record throws (the default) or is reported and skipped.</summary>
    public InvalidRecordHandling InvalidRecordHandling { get; init; } = InvalidRecordHandling.Throw;

    /// <summary>
    /// Called for every problem in <see cref="InvalidRecordHandling.Skip"/> mode, on the thread that reads,
    /// before the read goes on. Not called in <see cref="InvalidRecordHandling.Throw"/> mode.
    /// </summary>
    public Action<CloudTrailRecordError>? OnInvalidRecord { get; init; }

    /// <summary>
    /// Chooses records before they are parsed: only records for which it returns <see langword="true"/> are
    /// materialised and returned. It sees <c>eventSource</c>, <c>eventName</c>, <c>eventTime</c>, <c>awsRegion</c>
    /// and the accounts, read by a quick scan of the record, so rejecting a record costs a fraction of parsing it
    /// and allocates nothing. Malformed records still reach <see cref="OnInvalidRecord"/>. A record the quick scan
    /// leaves to the full parse (rare: escaped member names, escaped surrogates) is parsed first and then shown to the
    /// filter, so every record is filtered. Null (the default) reads every record.
    /// </summary>
    public Func<CloudTrailRecordHeader, bool>? Filter { get; init; }

    /// <summary>
    /// The deepest nesting of objects and arrays allowed inside one record, counting the record itself as 1
    /// (default <see cref="DefaultMaxDepth"/>). A deeper record is reported as
    /// <see cref="CloudTrailErrorCode.MaxDepthExceeded"/>.
    /// </summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>
    /// The largest record, in bytes of JSON, that is read (default <see cref="DefaultMaxRecordBytes"/>). A larger
    /// record is reported as <see cref="CloudTrailErrorCode.RecordTooLarge"/> and skipped without being buffered.
    /// </summary>
    public int MaxRecordBytes { get; init; } = DefaultMaxRecordBytes;

    /// <summary>
    /// The most bytes read from the input after decompression (default <see cref="DefaultMaxDecompressedBytes"/>).
    /// Reaching it ends the read with <see cref="CloudTrailErrorCode.DecompressedSizeExceeded"/>, which stops a
    /// gzip bomb before it costs memory or minutes.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = DefaultMaxDecompressedBytes;

    /// <summary>
    /// Whether the records of a log file or JSON Lines file, plain or gzip, may be parsed on other cores while this
    /// reader parses others (default <see langword="true"/>; used only when the machine has more than one core, and only
    /// for an input of 1 MB or more when its size is known up front (a seekable stream; gzip by its trailer), else past its
    /// first 256 KB, since handing a small file's records to other threads costs more than it saves). With a
    /// <see cref="Filter"/> only headers are read there;
    /// the filter itself always runs on the reading thread, once per record. Records are still returned one by one,
    /// in input order, with the same indexes and errors. Set it to <see langword="false"/> when many readers already
    /// keep every core busy: the whole read then stays on the reading thread, gzip decompression included. Wrapper input (EventBridge events, CloudWatch Logs data, <c>LookupEvents</c> pages) is always
    /// read on the reading thread.
    /// </summary>
    public bool AllowParallelParsing { get; init; } = true;
}
