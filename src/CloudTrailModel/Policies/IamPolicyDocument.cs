using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailModel.Policies;

/// <summary>
/// An IAM policy document: an identity policy, a trust (assume-role) policy, or a resource policy (S3 bucket, KMS key,
/// SQS queue, SNS topic, Lambda function, secret, repository), with <c>Version</c>, <c>Id</c> and <c>Statement</c>.
/// Read from either form CloudTrail logs it in (a JSON string holding the policy, or the policy object), it is written back
/// exactly as it came (<see cref="OriginalJson"/>); a value that is not policy JSON (truncated, <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>,
/// an empty string) never fails a read: <see cref="IsValid"/> is false and the value is kept.
/// </summary>
[JsonConverter(typeof(IamPolicyDocumentConverter))]
public sealed partial class IamPolicyDocument : IEquatable<IamPolicyDocument>
{
    /// <summary>Gets the policy language version (JSON <c>Version</c>), normally <c>2012-10-17</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Gets the optional policy identifier (JSON <c>Id</c>).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the statements (JSON <c>Statement</c>), one object or a list in the JSON; empty when absent or unreadable.</summary>
    public IReadOnlyList<IamPolicyStatement> Statements { get; init; } = [];

    /// <summary>Gets a value indicating whether JSON <c>Statement</c> was a single object rather than a list (it is written back the same way).</summary>
    public bool IsSingleStatement { get; init; }

    /// <summary>Gets members IAM does not define at the top level, or defined members whose JSON type did not fit.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalFields { get; init; }

    /// <summary>
    /// Gets a value indicating whether the value held policy JSON (a JSON object, directly or inside a string, possibly URL-encoded).
    /// When false, <see cref="Statements"/> is empty and the value is only in <see cref="OriginalJson"/> and <see cref="OriginalText"/>.
    /// </summary>
    public bool IsValid { get; private init; } = true;

    /// <summary>Gets the form the document came in (and is written back in); <see cref="IamPolicyDocumentForm.JsonObject"/> for a document built in code.</summary>
    public IamPolicyDocumentForm Form { get; private init; }

    /// <summary>Gets the JSON value exactly as it was read (a JSON string token or an object), or null for a document built in code.</summary>
    public RawJson? OriginalJson { get; private init; }

    /// <summary>Gets the string as it was read, before any URL decoding, when the document came as a JSON string; otherwise null.</summary>
    public string? OriginalText { get; private init; }

    /// <summary>
    /// Reads a policy from JSON text: a policy object (<c>{"Version":...}</c>), a JSON string holding one, or the policy
    /// text itself when it is not JSON (URL-encoded policy JSON, or anything else, which gives an invalid document). Never throws for bad content.
    /// </summary>
    /// <param name="json">The JSON value or policy text.</param>
    /// <returns>The document; <see cref="IsValid"/> says whether it held policy JSON.</returns>
    public static IamPolicyDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a policy from UTF-8 JSON text, as <see cref="Parse(string)"/> does.</summary>
    /// <param name="utf8Json">The JSON value or policy text, UTF-8.</param>
    /// <returns>The document; <see cref="IsValid"/> says whether it held policy JSON.</returns>
    public static IamPolicyDocument Parse(ReadOnlySpan<byte> utf8Json) => IamPolicyReader.ReadValueOrText(utf8Json);

    /// <summary>Reads a policy from a JSON value as it appears in a record: an object, or a string holding the policy (possibly URL-encoded).</summary>
    /// <param name="element">The JSON value (for example <c>requestParameters.policyDocument</c>).</param>
    /// <returns>The document; <see cref="IsValid"/> says whether it held policy JSON.</returns>
    public static IamPolicyDocument Parse(JsonElement element) => IamPolicyReader.ReadValue(element);

    /// <summary>Writes the document: exactly the JSON it was read from, or, when built in code, a policy object from its properties.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (OriginalJson is { } original)
        {
            writer.WriteRawValue(original.Utf8.Span, skipInputValidation: true);
        }
        else
        {
            IamPolicyWriter.WriteDocument(writer, this);
        }
    }

    /// <summary>Gets the policy JSON as text: the policy object, decoded from the string it came in when it came as one (and from URL encoding); for Lambda's <c>statement</c>, the statement.</summary>
    /// <returns>The policy JSON, or the original text when the document is not valid.</returns>
    public string ToPolicyJson() => IamPolicyWriter.ToPolicyJson(this);

    /// <summary>Whether both documents are equal: the same form and equal JSON (documents read from JSON), or equal elements.</summary>
    /// <param name="other">The document to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(IamPolicyDocument? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (IsValid == other.IsValid
                && Form == other.Form
                && string.Equals(OriginalText, other.OriginalText, StringComparison.Ordinal)
                && string.Equals(Version, other.Version, StringComparison.Ordinal)
                && string.Equals(Id, other.Id, StringComparison.Ordinal)
                && IsSingleStatement == other.IsSingleStatement
                && Statements.SequenceEqual(other.Statements)
                && IamPolicyMaps.FieldsEqual(AdditionalFields, other.AdditionalFields)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IamPolicyDocument);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsValid, Form, Version, Statements.Count);

    internal static IamPolicyDocument Create(
        string? version,
        string? id,
        IReadOnlyList<IamPolicyStatement> statements,
        bool isSingleStatement,
        IReadOnlyDictionary<string, JsonElement>? additionalFields,
        bool isValid,
        IamPolicyDocumentForm form,
        RawJson original,
        string? originalText) => new()
        {
            Version = version,
            Id = id,
            Statements = statements,
            IsSingleStatement = isSingleStatement,
            AdditionalFields = additionalFields,
            IsValid = isValid,
            Form = form,
            OriginalJson = original,
            OriginalText = originalText,
        };
}
