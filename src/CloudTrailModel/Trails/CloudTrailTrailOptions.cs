namespace CloudTrailModel;

/// <summary>What <see cref="CloudTrailTrail"/> reads of a trail and how: the time range, accounts and regions, the order, de-duplication, parallelism, progress and a checkpoint to resume from.</summary>
/// <remarks>
/// Resuming from a <see cref="CloudTrailTrailCheckpoint"/> needs the prefix (or folder) and options of the run that made it
/// (the same range, accounts, regions, organisations, Insights, order, window and de-duplication, which are checked, and
/// the same <see cref="ReaderOptions"/> filter, which cannot be); only <see cref="MaxDegreeOfParallelism"/>,
/// <see cref="Progress"/> and the callbacks may change.
/// </remarks>
public sealed record CloudTrailTrailOptions
{
    /// <summary>The default <see cref="LatenessWindow"/>: 15 minutes, three times CloudTrail's typical delivery delay of about 5 minutes.</summary>
    public static readonly TimeSpan DefaultLatenessWindow = TimeSpan.FromMinutes(15);

    /// <summary>The options used when none are given.</summary>
    public static CloudTrailTrailOptions Default { get; } = new();

    /// <summary>
    /// The earliest <c>eventTime</c> read (inclusive), or null for no lower bound. Only files delivered from a minute
    /// before it are listed (key times are whole minutes). A record whose <c>eventTime</c> cannot be read is judged by its
    /// file's key time.
    /// </summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>
    /// The end of the <c>eventTime</c> range (exclusive), or null for no upper bound. Files delivered up to
    /// <see cref="LatenessWindow"/> after it are listed: records delivered later than that after their event are not read.
    /// </summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The accounts to read (the account folder of each key, the member account in an organisation trail), or null for all.</summary>
    public IReadOnlyCollection<string>? AccountIds { get; init; }

    /// <summary>The regions to read (the region folder of each key, such as <c>us-east-1</c>), or null for all.</summary>
    public IReadOnlyCollection<string>? Regions { get; init; }

    /// <summary>The organisations to read (the <c>o-…</c> folder of an organisation trail), or null for all; a trail of one account has none and is read only when this is null.</summary>
    public IReadOnlyCollection<string>? OrganizationIds { get; init; }

    /// <summary>Whether Insights files (<c>CloudTrail-Insight/</c>) are read beside log files (default <see langword="false"/>). Digest files are never read as records.</summary>
    public bool IncludeInsights { get; init; }

    /// <summary>The order records are yielded in (default <see cref="CloudTrailRecordOrder.File"/>).</summary>
    public CloudTrailRecordOrder Order { get; init; } = CloudTrailRecordOrder.File;

    /// <summary>
    /// The delivery delay the reader allows for (default <see cref="DefaultLatenessWindow"/>): how long after its
    /// <c>eventTime</c> a record may be delivered and still be ordered in <see cref="CloudTrailRecordOrder.EventTime"/>,
    /// be found as a duplicate with <see cref="Deduplicate"/>, and be read for a range ending at <see cref="To"/>.
    /// A wider window holds more records in memory in event-time order and more event IDs when de-duplicating.
    /// </summary>
    public TimeSpan LatenessWindow { get; init; } = DefaultLatenessWindow;

    /// <summary>
    /// Whether a record whose <c>eventID</c> was already yielded is dropped (default <see langword="false"/>) and counted in
    /// <see cref="CloudTrailTrailProgress.DuplicateRecords"/>. Memory is bounded: only the IDs of records whose
    /// <c>eventTime</c> lies within <see cref="LatenessWindow"/> before the key time of the file being read are kept, so
    /// copies are found when each is delivered within the window of its event (and not after its file's key time); copies
    /// further apart, and records without <c>eventID</c>, are all yielded.
    /// </summary>
    public bool Deduplicate { get; init; }

    /// <summary>
    /// The options each file is read with (filter, limits, <see cref="InvalidRecordHandling"/>); null for
    /// <see cref="CloudTrailReaderOptions.Default"/>. In <see cref="InvalidRecordHandling.Skip"/> mode an error in one
    /// file is reported, with the file's key, to <see cref="OnInvalidRecord"/> (and this options'
    /// <see cref="CloudTrailReaderOptions.OnInvalidRecord"/>) and the read goes on; in Throw mode the first one ends the read,
    /// with the file's key in the exception's <see cref="Exception.Data"/> under <c>"CloudTrailObjectKey"</c>.
    /// </summary>
    public CloudTrailReaderOptions? ReaderOptions { get; init; }

    /// <summary>
    /// How many files are read at once (default: the number of processors). Above 1, files are read ahead of the
    /// consumer, at most four per degree, each holding at most a few hundred records, so memory is bounded by this number
    /// and not by the trail. Records come out in the same order whatever the degree. Above 1, each file is read on one
    /// thread (<see cref="CloudTrailReaderOptions.AllowParallelParsing"/> is turned off), since files already use the cores.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Told how far the read is after listing and after each file (files, bytes, records, errors), for a progress bar.</summary>
    public IProgress<CloudTrailTrailProgress>? Progress { get; init; }

    /// <summary>Called in <see cref="InvalidRecordHandling.Skip"/> mode for every error, with the key of the file it is in, on the thread that enumerates and in the order of the records.</summary>
    public Action<CloudTrailTrailError>? OnInvalidRecord { get; init; }

    /// <summary>
    /// A checkpoint from an earlier run with the same options (<see cref="CloudTrailTrailEntry.Checkpoint"/>) to go on
    /// from: the records after it, none repeated and none lost, including those of files that arrived within
    /// <see cref="LatenessWindow"/> of the checkpoint's position (see <see cref="CloudTrailTrailCheckpoint"/>); null to read
    /// from the start. Reading throws <see cref="ArgumentException"/> when the checkpoint was made with another prefix,
    /// range, account, region, organisation or Insights selection, order, window or de-duplication.
    /// </summary>
    public CloudTrailTrailCheckpoint? ResumeFrom { get; init; }
}
