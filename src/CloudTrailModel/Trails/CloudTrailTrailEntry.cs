namespace CloudTrailModel;

/// <summary>A record read from a trail by <see cref="CloudTrailTrail.ReadEntries(string, CloudTrailTrailOptions?)"/>, with the file it came from and a checkpoint to resume after it.</summary>
public readonly struct CloudTrailTrailEntry
{
    internal CloudTrailTrailEntry(CloudTrailRecord record, CloudTrailObjectKey key, bool isLate, CloudTrailTrailCheckpoint checkpoint)
    {
        Record = record;
        Key = key;
        IsLate = isLate;
        Checkpoint = checkpoint;
    }

    /// <summary>The record.</summary>
    public CloudTrailRecord Record { get; }

    /// <summary>The key of the file the record is in.</summary>
    public CloudTrailObjectKey Key { get; }

    /// <summary>Whether the record was yielded out of <c>eventTime</c> order because it was delivered later than <see cref="CloudTrailTrailOptions.LatenessWindow"/> (<see cref="CloudTrailRecordOrder.EventTime"/> only).</summary>
    public bool IsLate { get; }

    /// <summary>
    /// Where the read is once this record is handled: a run given it as <see cref="CloudTrailTrailOptions.ResumeFrom"/>
    /// (with the same options) yields exactly the records this run yields after this one. Persist it with
    /// <see cref="CloudTrailTrailCheckpoint.ToString"/> once the record's work is done.
    /// </summary>
    public CloudTrailTrailCheckpoint Checkpoint { get; }
}
