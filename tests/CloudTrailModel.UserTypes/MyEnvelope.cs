namespace CloudTrailModel.UserTypes;

/// <summary>A user's own EventBridge-shaped envelope with a record in it, as a NativeAOT Lambda would declare one.</summary>
public sealed record MyEnvelope(
    [property: System.Text.Json.Serialization.JsonPropertyName("detail-type")] string? DetailType,
    [property: System.Text.Json.Serialization.JsonPropertyName("detail")] CloudTrailRecord? Detail,
    [property: System.Text.Json.Serialization.JsonPropertyName("records")] IReadOnlyList<CloudTrailRecord>? Records);
