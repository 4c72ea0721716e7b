namespace CloudTrailModel.Internal;

/// <summary>
/// Raised inside a record parse when the buffer ends before the record does (the reader then reads more
/// input and parses the record again). Never escapes the library.
/// </summary>
#pragma warning disable CA1064, CA1032 // internal control-flow signal, never public
internal sealed class NeedMoreDataException : Exception
#pragma warning restore CA1064, CA1032
{
    public static readonly NeedMoreDataException Instance = new();

    private NeedMoreDataException()
        : base("More input is needed.")
    {
    }
}
