using System.Text.Json.Serialization;
using CloudTrailModel;

namespace LambdaHandler;

/// <summary>
/// What a Lambda function receives from CloudTrail, in the function's own types: an EventBridge event (the record is
/// <c>detail</c>), or a CloudWatch Logs subscription event (<c>awslogs</c>, which <c>CloudTrailReader</c> reads). One type
/// for both, as a function subscribed to both would declare it; the members of the other shape are null.
/// </summary>
public sealed record IncomingEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("detail-type")] string? DetailType,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("time")] DateTimeOffset? Time,
    [property: JsonPropertyName("detail")] CloudTrailRecord? Detail,
    [property: JsonPropertyName("awslogs")] AwsLogs? AwsLogs);

/// <summary>
/// The <c>awslogs</c> member of a CloudWatch Logs subscription event. Its presence is all the function needs: the library
/// reads the event itself (<c>data</c> is base64 of gzip of the log events), so the data is not copied into a string here.
/// </summary>
public sealed record AwsLogs;

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
[JsonSerializable(typeof(HandlerResponse))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext
{
}
