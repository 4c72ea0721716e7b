using System.Text.Json.Serialization;
using CloudTrailModel;

namespace LambdaHandler;

/// <summary>
/// What a Lambda function receives from CloudTrail, in the function's own types: an EventBridge event (the record is
/// <c>detail</c>), or a CloudWatch Logs subscription event (<c>awslogs.data</c>, base64 of gzip JSON). One type for both,
/// as a function subscribed to both would declare it; the members of the other shape are null.
/// </summary>
public sealed record IncomingEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("detail-type")] string? DetailType,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("time")] DateTimeOffset? Time,
    [property: JsonPropertyName("detail")] CloudTrailRecord? Detail,
    [property: JsonPropertyName("awslogs")] AwsLogs? AwsLogs);

/// <summary>The <c>awslogs</c> member of a CloudWatch Logs subscription event.</summary>
public sealed record AwsLogs([property: JsonPropertyName("data")] string Data);

/// <summary>The decoded <c>awslogs.data</c>: a <c>DATA_MESSAGE</c> with log events, or a <c>CONTROL_MESSAGE</c>.</summary>
public sealed record CloudWatchLogsData(
    [property: JsonPropertyName("messageType")] string MessageType,
    [property: JsonPropertyName("logGroup")] string? LogGroup,
    [property: JsonPropertyName("logStream")] string? LogStream,
    [property: JsonPropertyName("logEvents")] IReadOnlyList<LogEvent>? LogEvents);

/// <summary>One log event: its <c>message</c> is one CloudTrail record as a JSON string.</summary>
public sealed record LogEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("message")] string Message);

/// <summary>What the function returns: one line per record it saw, and how many it flagged.</summary>
public sealed record HandlerResponse(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("records")] int Records,
    [property: JsonPropertyName("flagged")] int Flagged,
    [property: JsonPropertyName("events")] IReadOnlyList<SeenEvent> Events);

/// <summary>One record as the function reports it, with the record itself (written back by the same context).</summary>
public sealed record SeenEvent(
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("flagged")] bool Flagged,
    [property: JsonPropertyName("record")] CloudTrailRecord Record);

/// <summary>
/// The function's own source-generated context: it holds CloudTrailRecord as a property type and needs no resolver
/// from the library (no JsonTypeInfoResolver.Combine).
/// </summary>
[JsonSerializable(typeof(IncomingEvent))]
[JsonSerializable(typeof(CloudWatchLogsData))]
[JsonSerializable(typeof(HandlerResponse))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext
{
}
