using System.IO.Compression;
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
    private const long MaxDecompressedBytes = 256L * 1024 * 1024;

    /// <summary>Handles an EventBridge event from CloudTrail or a CloudWatch Logs subscription event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The response JSON.</returns>
    /// <exception cref="CloudTrailParseException">The event's record is not a CloudTrail record (for example an EventBridge event of another service).</exception>
    /// <exception cref="JsonException">The event is not JSON of either shape.</exception>
    public static string Handle(Stream input)
    {
        IncomingEvent incoming = JsonSerializer.Deserialize(input, LambdaJsonContext.Default.IncomingEvent)
            ?? throw new JsonException("The event is JSON null.");

        HandlerResponse response = incoming switch
        {
            { Detail: { } record } => Respond("eventbridge", [record]),
            { AwsLogs: { } logs } => Respond("cloudwatch-logs", ReadLogEvents(logs)),
            _ => throw new JsonException("The event is neither an EventBridge event with a detail nor a CloudWatch Logs event."),
        };
        return JsonSerializer.Serialize(response, LambdaJsonContext.Default.HandlerResponse);
    }

    private static List<CloudTrailRecord> ReadLogEvents(AwsLogs logs)
    {
        using var compressed = new MemoryStream(Convert.FromBase64String(logs.Data));
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        byte[] buffer = new byte[81920];
        for (int read; (read = gzip.Read(buffer)) > 0;)
        {
            decompressed.Write(buffer, 0, read);
            if (decompressed.Length > MaxDecompressedBytes)
            {
                throw new InvalidDataException("The CloudWatch Logs data is larger than the handler accepts.");
            }
        }

        CloudWatchLogsData data = JsonSerializer.Deserialize(decompressed.ToArray(), LambdaJsonContext.Default.CloudWatchLogsData)
            ?? throw new JsonException("The CloudWatch Logs data is JSON null.");

        // CloudWatch Logs sends a CONTROL_MESSAGE to check that the destination is reachable: it carries no records.
        if (data.MessageType != "DATA_MESSAGE")
        {
            return [];
        }

        // Each message is one record as a string: Parse reads it, and refuses a message that is not a record.
        return [.. (data.LogEvents ?? []).Select(logEvent => CloudTrailRecord.Parse(logEvent.Message))];
    }

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
