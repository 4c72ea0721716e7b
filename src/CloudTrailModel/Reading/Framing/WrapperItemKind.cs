namespace CloudTrailModel.Reading.Framing;

/// <summary>What one record slot of a wrapper holds.</summary>
internal enum WrapperItemKind
{
    /// <summary>A JSON object at <see cref="WrapperItem.Start"/> (EventBridge <c>detail</c>).</summary>
    Object,

    /// <summary>A JSON string at <see cref="WrapperItem.Start"/> whose text is the record.</summary>
    String,

    /// <summary>A slot that holds no record: <see cref="WrapperItem.Code"/> says why.</summary>
    Error,
}
