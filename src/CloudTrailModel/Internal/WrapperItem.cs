namespace CloudTrailModel.Internal;

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

/// <summary>
/// One record slot found in a wrapper document: where its record is (in the framer's buffer, or in the decoded
/// payload of a CloudWatch Logs Lambda event), the offset errors report, and the wrapper's fields when asked for.
/// </summary>
internal readonly record struct WrapperItem(
    WrapperItemKind Kind, bool InPayload, int Start, long Offset, CloudTrailErrorCode Code, CloudTrailWrapper? Wrapper);
