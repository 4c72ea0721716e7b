namespace CloudTrailModel.Policies;

/// <summary>How a policy is held by a member of a record.</summary>
internal enum PolicyShape
{
    /// <summary>The member is a policy document (an object or a JSON string).</summary>
    Document,

    /// <summary>The member is one statement as a JSON string (Lambda's <c>statement</c>).</summary>
    Statement,

    /// <summary>SNS <c>SetTopicAttributes</c>: <c>attributeValue</c> is a document when <c>attributeName</c> is <c>Policy</c>.</summary>
    NamedAttribute,

    /// <summary>Lambda's permission requests: a statement assembled from <c>principal</c>, <c>action</c> and the condition members.</summary>
    PermissionRequest,
}

/// <summary>One place a policy travels in a record: the call, the section, the member path.</summary>
/// <param name="EventSource">The service's <c>eventSource</c>.</param>
/// <param name="EventName">The <c>eventName</c>, or its prefix when <paramref name="IsPrefix"/> (Lambda adds API versions to names).</param>
/// <param name="IsPrefix">Whether <paramref name="EventName"/> matches any name it starts.</param>
/// <param name="InResponse">Whether the path is under <c>responseElements</c> rather than <c>requestParameters</c>.</param>
/// <param name="Path">The member names from the section down to the policy.</param>
/// <param name="Kind">What the policy governs.</param>
/// <param name="Shape">How the member holds the policy.</param>
internal sealed record PolicyLocation(string EventSource, string EventName, bool IsPrefix, bool InResponse, string[] Path, IamPolicyKind Kind, PolicyShape Shape)
{
    public string Describe() => (InResponse ? "responseElements" : "requestParameters") + (Path.Length == 0 ? string.Empty : "." + string.Join('.', Path));
}
