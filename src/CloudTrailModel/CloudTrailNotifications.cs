using System.Text;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

/// <summary>
/// Reads the notifications that announce new CloudTrail log files and returns the S3 objects to read, without
/// parsing any record.
/// </summary>
/// <remarks>
/// Accepted, detected by content, nested in each other as AWS nests them:
/// <list type="bullet">
/// <item>CloudTrail's own notification, <c>{"s3Bucket":..., "s3ObjectKey":[...]}</c> (the key list, or a single string);</item>
/// <item>an SNS message (<c>"Type":"Notification"</c>, the notification in its <c>Message</c> string), as delivered to
/// HTTP endpoints or as the body of an SQS message; SNS raw delivery (the notification itself);</item>
/// <item>S3 event notifications, <c>{"Records":[{"eventSource":"aws:s3", "s3":{...}}]}</c>: <c>ObjectCreated:*</c>
/// records give their object; other records (<c>ObjectRemoved:*</c>, <c>ObjectRestore:*</c>...) announce no new
/// object and give nothing;</item>
/// <item>EventBridge events from S3 (<c>"source":"aws.s3"</c>): <c>Object Created</c> gives its object, other S3 events
/// nothing;</item>
/// <item>the events AWS Lambda receives from SQS (<c>Records[].body</c>, <c>"eventSource":"aws:sqs"</c>) and from SNS
/// (<c>Records[].Sns.Message</c>), each record read as above, in order.</item>
/// </list>
/// CloudTrail's validation message (<c>CloudTrail validation message.</c>, plain text or in an SNS message), SNS
/// subscription confirmations and S3's <c>s3:TestEvent</c> give an empty list. Anything else throws
/// <see cref="CloudTrailParseException"/> with <see cref="CloudTrailErrorCode.NotANotification"/> (or
/// <see cref="CloudTrailErrorCode.InvalidJson"/>, <see cref="CloudTrailErrorCode.EmptyInput"/>), never a silent empty list.
/// </remarks>
public static class CloudTrailNotifications
{
    /// <summary>Reads one notification (or one Lambda event of SQS or SNS messages) and returns the objects it names.</summary>
    /// <param name="utf8Json">The notification as UTF-8: an SQS message body, an SNS message, a Lambda event, an EventBridge event.</param>
    /// <returns>The objects named, in the order they appear; empty for a validation or test message.</returns>
    /// <exception cref="CloudTrailParseException">The input is not JSON, or not a notification these methods read.</exception>
    public static IReadOnlyList<CloudTrailObjectReference> ReadObjectReferences(ReadOnlySpan<byte> utf8Json) =>
        NotificationParser.Read(utf8Json);

    /// <summary>Reads one notification (or one Lambda event of SQS or SNS messages) and returns the objects it names.</summary>
    /// <param name="json">The notification text: an SQS message body, an SNS message, a Lambda event, an EventBridge event.</param>
    /// <returns>The objects named, in the order they appear; empty for a validation or test message.</returns>
    /// <exception cref="CloudTrailParseException">The input is not JSON, or not a notification these methods read.</exception>
    public static IReadOnlyList<CloudTrailObjectReference> ReadObjectReferences(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return NotificationParser.Read(Encoding.UTF8.GetBytes(json));
    }
}
