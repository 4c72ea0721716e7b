namespace CloudTrailModel.Internal;

/// <summary>Where a free-form value sits in the source of a record: empty when absent, <see cref="Null"/> for a JSON null.</summary>
internal readonly record struct RawRange(int Start, int Length)
{
    /// <summary>A member whose value is JSON null: no bytes to copy, but written back as <c>null</c>.</summary>
    public static RawRange Null => new(-1, 0);

    /// <summary>Whether the member was JSON null.</summary>
    public bool IsNull => Start < 0;
}
