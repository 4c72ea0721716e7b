
namespace CloudTrailModel.Reading.Framing;

/// <summary>
/// One record slot found in a wrapper document: where its record is (in the framer's buffer, or in the decoded
/// payload of a CloudWatch Logs Lambda event), the offset errors report, and the wrapper's fields when asked for.
/// </summary>
internal readonly record struct WrapperItem(
    WrapperItemKind Kind, bool InPayload, int Start, long Offset, CloudTrailErrorCode Code, CloudTrailWrapper? Wrapper);
