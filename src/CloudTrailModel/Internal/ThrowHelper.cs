using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace CloudTrailModel.Internal;

internal static class ThrowHelper
{
    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowParseException(CloudTrailRecordError error) => throw new CloudTrailParseException(error);
}
