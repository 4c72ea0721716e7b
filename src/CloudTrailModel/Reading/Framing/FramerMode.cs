namespace CloudTrailModel.Reading.Framing;

/// <summary>Where in the input's grammar <see cref="RecordFramer"/> stands between steps.</summary>
internal enum FramerMode
{
    /// <summary>Before the first byte (a byte-order mark may come).</summary>
    Start,

    /// <summary>Between top-level values: a log file, a record (JSON Lines), a bare array or a wrapper.</summary>
    TopLevel,

    /// <summary>At a top-level object that is a record.</summary>
    BareRecord,

    /// <summary>Where an array element (or the array's end) comes.</summary>
    InArray,

    /// <summary>After an array element: a comma or the array's end.</summary>
    AfterElement,

    /// <summary>After a log file's <c>Records</c> array: other members, then the object's end.</summary>
    AfterRecords,

    /// <summary>Skipping one value in constant memory (too large, or not a record).</summary>
    SkipValue,

    /// <summary>After a malformed array element: looking for the next record.</summary>
    ResyncArray,

    /// <summary>After a malformed top-level value: looking for the next record or document.</summary>
    ResyncTopLevel,

    /// <summary>Inside a wrapper document.</summary>
    Wrapper,

    /// <summary>The input is done.</summary>
    Done,
}
