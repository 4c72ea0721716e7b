using System.Text.Json;
using CloudTrailModel;

namespace LambdaHandler;

/// <summary>
/// The handler, as a Lambda custom runtime (or Amazon.Lambda.RuntimeSupport) would call it: the event as a stream in, the
/// response JSON out. It flags root activity, failed calls and console sign-ins without MFA.
/// </summary>
public static class CloudTrailFunction
{
    // A Lambda event is at most 6 MB; CloudWatch Logs compresses about tenfold, so this is ample and still bounded.
    private static readonly CloudTrailReaderOptions LogsOptions = CloudTrailReaderOptions.Default with { MaxDecompressedBytes = 256L * 1024 * 1024 };

    /// <summary>Handles an EventBridge event from CloudTrail or a CloudWatch Logs subscription event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The response JSON.</returns>
    /// <exception cref="CloudTrailParseException">
    /// The event's record is not a CloudTrail record (for example an EventBridge event of another service), or the CloudWatch
    /// Logs data cannot be read (bad base64, corrupt gzip, a message that is not a record).
    /// </exception>
    /// <exception cref="JsonException">The event is not JSON of either shape.</exception>
    public static string Handle(Stream input)
    {
        // Held whole (a Lambda event is small): read once as the function's own envelope type, and again by the library for CloudWatch Logs.
        using var buffered = new MemoryStream();
        input.CopyTo(buffered);
        byte[] json = buffered.ToArray();
        IncomingEvent incoming = JsonSerializer.Deserialize(json, LambdaJsonContext.Default.IncomingEvent)
            ?? throw new JsonException("The event is JSON null.");

        HandlerResponse response = incoming switch
        {
            { Detail: { } record } => Respond("eventbridge", [record]),
            { AwsLogs: not null } => Respond("cloudwatch-logs", ReadLogEvents(json)),
            _ => throw new JsonException("The event is neither an EventBridge event with a detail nor a CloudWatch Logs event."),
        };
        return JsonSerializer.Serialize(response, LambdaJsonContext.Default.HandlerResponse);
    }

    // The library reads the Lambda event {"awslogs":{"data":...}} itself: base64, gzip, each log event's message as a record,
    // and a CONTROL_MESSAGE (CloudWatch Logs checking the destination) as no records.
    private static List<CloudTrailRecord> ReadLogEvents(byte[] json) => [.. CloudTrailReader.ReadRecords(new MemoryStream(json), LogsOptions)];

    private static HandlerResponse Respond(string source, List<CloudTrailRecord> records)
    {
        var seen = records.Select(record => new SeenEvent(Summarise(record), IsFlagged(record), record)).ToList();
        return new HandlerResponse(source, seen.Count, seen.Count(e => e.Flagged), seen);
    }

    private static string Summarise(CloudTrailRecord record) =>
        $"{record.EventTime:u} {record.UserIdentity?.Type} {record.UserIdentity?.Arn} {record.EventSource} {record.EventName} {record.ErrorCode}".TrimEnd();

    private static bool IsFlagged(CloudTrailRecord record) =>
        record.UserIdentity?.Type == IdentityType.Root
        || record.ErrorCode is not null
        || (record.EventName == "ConsoleLogin" && record.AdditionalEventData is { } data && data.TryGetString("MFAUsed", out string? mfa) && mfa == "No");
}
