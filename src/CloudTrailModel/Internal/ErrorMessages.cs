using System.Globalization;

namespace CloudTrailModel.Internal;

/// <summary>Error messages. They name positions and codes only, never values from the input (logs hold ARNs, keys and IPs).</summary>
internal static class ErrorMessages
{
    public static string For(CloudTrailErrorCode code, long index, long offset, long? line, long? column)
    {
        string where = string.Create(CultureInfo.InvariantCulture, $"record {index} (byte offset {offset})");
        return code switch
        {
            CloudTrailErrorCode.InvalidJson when line is not null => string.Create(
                CultureInfo.InvariantCulture, $"CloudTrail {where} is not well-formed JSON: the error is at line {line + 1}, byte {column} of the record."),
            CloudTrailErrorCode.InvalidJson => $"The JSON at {where} is not well-formed.",
            CloudTrailErrorCode.Truncated => $"The input ends too early at {where}: the record or the log file is cut short.",
            CloudTrailErrorCode.NotAnObject => $"The element at {where} of the Records array is not a JSON object.",
            CloudTrailErrorCode.NotCloudTrail => $"The JSON value at {where} is not a CloudTrail record or log file.",
            CloudTrailErrorCode.TrailingData => $"Data that is not JSON follows the last document, at {where}.",
            CloudTrailErrorCode.EmptyInput => "The input holds no JSON (it is empty or only whitespace).",
            CloudTrailErrorCode.RecordTooLarge => $"CloudTrail {where} is larger than MaxRecordBytes; it was skipped.",
            CloudTrailErrorCode.MaxDepthExceeded => $"CloudTrail {where} is nested deeper than MaxDepth.",
            CloudTrailErrorCode.DecompressedSizeExceeded => $"The input is larger than MaxDecompressedBytes; reading stopped at {where}.",
            CloudTrailErrorCode.InvalidCompressedData => $"The gzip data is corrupt; reading stopped at {where}.",
            CloudTrailErrorCode.NotCloudTrailEvent => $"The EventBridge event at {where} is not from CloudTrail (its detail-type is not one CloudTrail sends).",
            CloudTrailErrorCode.InvalidEncodedData => $"The base64 of the CloudWatch Logs data at {where} is invalid.",
            _ => $"CloudTrail {where} could not be read.",
        };
    }
}
