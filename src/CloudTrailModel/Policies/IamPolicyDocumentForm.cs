namespace CloudTrailModel.Policies;

/// <summary>How a policy document appeared in the JSON it was read from; it is written back in the same form.</summary>
public enum IamPolicyDocumentForm
{
    /// <summary>A JSON object, as S3 logs <c>bucketPolicy</c> (also how a document built in code is written).</summary>
    JsonObject,

    /// <summary>A JSON string holding the policy JSON, as IAM logs <c>policyDocument</c> and KMS logs <c>policy</c>.</summary>
    JsonString,

    /// <summary>A JSON string holding URL-encoded policy JSON (<c>%7B%22Version%22...</c>), as IAM logs some responses' <c>assumeRolePolicyDocument</c>.</summary>
    UrlEncodedJsonString,

    /// <summary>Some other JSON value (an array, number or boolean), kept as it came; such a document is never valid.</summary>
    OtherJson,
}
