using System.Text.Json;

namespace CloudTrailModel.Policies;

/// <summary>
/// Finds the policy documents a record carries (IAM, S3, KMS, SQS, SNS, Lambda, Secrets Manager, ECR, OpenSearch,
/// IAM Identity Center and Organizations calls that create or change a policy) and tells AdministratorAccess
/// attachments, without the per-service operation packages.
/// </summary>
public static class CloudTrailPolicies
{
    /// <summary>The ARN of the AWS managed policy <c>AdministratorAccess</c> in the standard partition.</summary>
    public const string AdministratorAccessArn = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static readonly Dictionary<(string Source, string Name), PolicyLocation[]> ByCall = PolicyLocations.All
        .Where(l => !l.IsPrefix)
        .GroupBy(l => (l.EventSource, l.EventName))
        .ToDictionary(g => g.Key, g => g.ToArray());

    private static readonly PolicyLocation[] ByPrefix = [.. PolicyLocations.All.Where(l => l.IsPrefix)];

    /// <summary>
    /// Reads every policy document the record carries, in table order (request before response): for example IAM
    /// <c>PutUserPolicy</c>'s <c>requestParameters.policyDocument</c>, S3 <c>PutBucketPolicy</c>'s <c>requestParameters.bucketPolicy</c>,
    /// SQS <c>SetQueueAttributes</c>'s <c>requestParameters.attributes.Policy</c>, SNS <c>SetTopicAttributes</c>'s
    /// <c>attributeValue</c> when <c>attributeName</c> is <c>Policy</c>, Lambda <c>AddPermission</c>'s request (assembled into
    /// one statement) and its <c>responseElements.statement</c>. A member that is absent or JSON null gives nothing; one that
    /// is not policy JSON gives a document with <see cref="IamPolicyDocument.IsValid"/> false. Never throws for record content.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <returns>The documents with where each was found; empty for calls that carry none.</returns>
    public static IReadOnlyList<CloudTrailPolicy> Read(CloudTrailRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.EventSource is not { } source || record.EventName is not { } name)
        {
            return [];
        }

        List<CloudTrailPolicy>? found = null;
        if (ByCall.TryGetValue((source, name), out PolicyLocation[]? locations))
        {
            ReadAll(record, locations, ref found);
        }

        foreach (PolicyLocation location in ByPrefix)
        {
            if (location.EventSource == source && name.StartsWith(location.EventName, StringComparison.Ordinal))
            {
                ReadAll(record, [location], ref found);
            }
        }

        return found is null ? [] : found;
    }

    /// <summary>
    /// Whether <paramref name="policyArn"/> is the AWS managed policy <c>AdministratorAccess</c> in any partition
    /// (<c>arn:aws:</c>, <c>arn:aws-us-gov:</c>, <c>arn:aws-cn:</c>, ...): <c>arn:PARTITION:iam::aws:policy/AdministratorAccess</c>, compared ordinally.
    /// </summary>
    /// <param name="policyArn">A policy ARN, e.g. <c>requestParameters.policyArn</c>.</param>
    /// <returns><see langword="true"/> for AdministratorAccess.</returns>
    public static bool IsAdministratorAccessArn(string? policyArn)
    {
        const string Suffix = ":iam::aws:policy/AdministratorAccess";
        return policyArn is not null
            && policyArn.StartsWith("arn:", StringComparison.Ordinal)
            && policyArn.EndsWith(Suffix, StringComparison.Ordinal)
            && policyArn.IndexOf(':', 4) == policyArn.Length - Suffix.Length;
    }

    /// <summary>
    /// Whether the record is a successful call (no <c>errorCode</c>) that attached <c>AdministratorAccess</c>
    /// (<see cref="IsAdministratorAccessArn"/>): IAM <c>AttachUserPolicy</c>, <c>AttachRolePolicy</c> or <c>AttachGroupPolicy</c>
    /// with that <c>requestParameters.policyArn</c>, or IAM Identity Center <c>AttachManagedPolicyToPermissionSet</c> with that
    /// <c>managedPolicyArn</c>. An inline policy that grants the same is found with <see cref="Read"/> and
    /// <see cref="IamPolicyDocument.IsEquivalentToAdministratorAccess"/>.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <returns><see langword="true"/> when the call attached AdministratorAccess.</returns>
    public static bool IsAdministratorAccessAttached(CloudTrailRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string? member = (record.EventSource, record.EventName) switch
        {
            ("iam.amazonaws.com", "AttachUserPolicy" or "AttachRolePolicy" or "AttachGroupPolicy") => "policyArn",
            ("sso.amazonaws.com", "AttachManagedPolicyToPermissionSet") => "managedPolicyArn",
            _ => null,
        };
        return member is not null
            && record.ErrorCode is null
            && record.RequestParameters is { ValueKind: JsonValueKind.Object } parameters
            && TryGetString(parameters, member, out string? arn)
            && IsAdministratorAccessArn(arn);
    }

    private static bool TryGetString(RawJson json, string member, out string? value)
    {
        try
        {
            return json.TryGetString(member, out value);
        }
        catch (JsonException)
        {
            value = null;
            return false;
        }
    }

    private static void ReadAll(CloudTrailRecord record, PolicyLocation[] locations, ref List<CloudTrailPolicy>? found)
    {
        foreach (PolicyLocation location in locations)
        {
            RawJson? section = location.InResponse ? record.ResponseElements : record.RequestParameters;
            if (section is not { ValueKind: JsonValueKind.Object } || !TryParse(section, out JsonElement root)
                || Resolve(root, location) is not { } document)
            {
                continue;
            }

            (found ??= []).Add(new CloudTrailPolicy(location.Describe(), location.Kind, document));
        }
    }

    private static IamPolicyDocument? Resolve(JsonElement root, PolicyLocation location)
    {
        if (location.Shape == PolicyShape.PermissionRequest)
        {
            return IamPolicyReader.FromPermissionRequest(root);
        }

        if (location.Shape == PolicyShape.NamedAttribute
            && !(root.TryGetProperty("attributeName", out JsonElement attribute) && attribute.ValueKind == JsonValueKind.String && attribute.ValueEquals("Policy")))
        {
            return null;
        }

        JsonElement value = root;
        foreach (string name in location.Path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return null;
            }
        }

        return value.ValueKind == JsonValueKind.Null ? null
            : location.Shape == PolicyShape.Statement ? IamPolicyReader.ReadStatementValue(value)
            : IamPolicyReader.ReadValue(value);
    }

    private static bool TryParse(RawJson section, out JsonElement root)
    {
        try
        {
            root = section.ToJsonElement();
            return true;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }
}
