namespace CloudTrailModel;

/// <summary>How far a <see cref="CloudTrailTrail"/> read is, reported to <see cref="CloudTrailTrailOptions.Progress"/> after listing and after each file.</summary>
public readonly record struct CloudTrailTrailProgress
{
    /// <summary>The log (and Insights) files to read, as listed for the options' range, accounts and regions.</summary>
    public int FilesTotal { get; init; }

    /// <summary>The files read to their end, in reading order (files before a resumed checkpoint count as done).</summary>
    public int FilesDone { get; init; }

    /// <summary>The stored (compressed) size of the files to read, in bytes, as listed.</summary>
    public long BytesTotal { get; init; }

    /// <summary>The stored size of the files done, in bytes.</summary>
    public long BytesDone { get; init; }

    /// <summary>The records yielded so far.</summary>
    public long Records { get; init; }

    /// <summary>The errors reported so far (<see cref="InvalidRecordHandling.Skip"/> mode).</summary>
    public long Errors { get; init; }

    /// <summary>The records yielded out of order in <see cref="CloudTrailRecordOrder.EventTime"/> because they were delivered later than <see cref="CloudTrailTrailOptions.LatenessWindow"/>.</summary>
    public long LateRecords { get; init; }

    /// <summary>The records dropped by <see cref="CloudTrailTrailOptions.Deduplicate"/> because their <c>eventID</c> was already yielded.</summary>
    public long DuplicateRecords { get; init; }

    /// <summary>
    /// Objects found in the log folders read whose key is not a log file's key (a stray or partly written file), which are
    /// skipped. Digest, Config and other services' folders, and Insights folders unless asked for, are not listed at all.
    /// </summary>
    public int ObjectsIgnored { get; init; }
}
