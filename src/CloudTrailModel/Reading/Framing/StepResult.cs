namespace CloudTrailModel.Reading.Framing;

/// <summary>What one <see cref="RecordFramer.Step"/> found.</summary>
internal enum StepResult
{
    /// <summary>A record: <see cref="RecordFramer.Record"/>.</summary>
    Record,

    /// <summary>A bad record or input: <see cref="RecordFramer.Error"/>.</summary>
    Error,

    /// <summary>The buffered input ends before the next record does: fill the window, then step again.</summary>
    NeedMore,

    /// <summary>The input is done.</summary>
    End,
}
