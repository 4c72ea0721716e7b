namespace CloudTrailModel.Reading.Framing;

/// <summary>Whether an object found while resynchronising is where framing goes on.</summary>
internal enum ResyncCandidate
{
    /// <summary>A well-formed record (or document) in its place: framing goes on there.</summary>
    Valid,

    /// <summary>Not a record in its place.</summary>
    Invalid,

    /// <summary>The buffered input ends before it can be told.</summary>
    NeedMore,
}
