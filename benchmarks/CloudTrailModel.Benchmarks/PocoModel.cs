using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailModel.Benchmarks;

// The POCO a user would write today to deserialise CloudTrail with a general-purpose serializer: the envelope,
// userIdentity and sessionContext typed, the service-specific members left as a JSON tree. TJson is JsonElement
// for System.Text.Json and JToken for Newtonsoft.Json, so both baselines bind the same shape. Newtonsoft ignores
// [JsonPropertyName] but matches member names case-insensitively, so the odd names (Records, requestID) bind too.

public sealed class PocoLog<TJson>
{
    [JsonPropertyName("Records")]
    public List<PocoRecord<TJson>>? Records { get; set; }
}

public sealed class PocoRecord<TJson>
{
    public string? EventVersion { get; set; }
    public PocoUserIdentity<TJson>? UserIdentity { get; set; }
    public DateTimeOffset? EventTime { get; set; }
    public string? EventSource { get; set; }
    public string? EventName { get; set; }
    public string? AwsRegion { get; set; }
    [JsonPropertyName("sourceIPAddress")]
    public string? SourceIPAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public TJson? RequestParameters { get; set; }
    public TJson? ResponseElements { get; set; }
    public TJson? AdditionalEventData { get; set; }
    [JsonPropertyName("requestID")]
    public string? RequestId { get; set; }
    [JsonPropertyName("eventID")]
    public string? EventId { get; set; }
    public bool? ReadOnly { get; set; }
    public List<PocoResource>? Resources { get; set; }
    public string? EventType { get; set; }
    public string? ApiVersion { get; set; }
    public bool? ManagementEvent { get; set; }
    public string? RecipientAccountId { get; set; }
    [JsonPropertyName("sharedEventID")]
    public string? SharedEventId { get; set; }
    public string? VpcEndpointId { get; set; }
    public string? VpcEndpointAccountId { get; set; }
    public TJson? ServiceEventDetails { get; set; }
    public string? EventCategory { get; set; }
    public PocoTlsDetails? TlsDetails { get; set; }
    public string? SessionCredentialFromConsole { get; set; }
}

public sealed class PocoUserIdentity<TJson>
{
    public string? Type { get; set; }
    public string? PrincipalId { get; set; }
    public string? Arn { get; set; }
    public string? AccountId { get; set; }
    public string? AccessKeyId { get; set; }
    public string? UserName { get; set; }
    public string? InvokedBy { get; set; }
    public string? CredentialId { get; set; }
    public TJson? OnBehalfOf { get; set; }
    public PocoSessionContext<TJson>? SessionContext { get; set; }
}

public sealed class PocoSessionContext<TJson>
{
    public PocoSessionIssuer? SessionIssuer { get; set; }
    public TJson? WebIdFederationData { get; set; }
    public PocoSessionAttributes? Attributes { get; set; }
    public string? Ec2RoleDelivery { get; set; }
}

public sealed class PocoSessionIssuer
{
    public string? Type { get; set; }
    public string? PrincipalId { get; set; }
    public string? Arn { get; set; }
    public string? AccountId { get; set; }
    public string? UserName { get; set; }
}

public sealed class PocoSessionAttributes
{
    public DateTimeOffset? CreationDate { get; set; }

    // CloudTrail writes this boolean as the string "true" or "false".
    public string? MfaAuthenticated { get; set; }
}

public sealed class PocoResource
{
    public string? AccountId { get; set; }
    public string? Type { get; set; }
    [JsonPropertyName("ARN")]
    public string? Arn { get; set; }
}

public sealed class PocoTlsDetails
{
    public string? TlsVersion { get; set; }
    public string? CipherSuite { get; set; }
    public string? ClientProvidedHostHeader { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PocoLog<JsonElement>))]
[JsonSerializable(typeof(PocoRecord<JsonElement>))]
public sealed partial class PocoJsonContext : JsonSerializerContext;
