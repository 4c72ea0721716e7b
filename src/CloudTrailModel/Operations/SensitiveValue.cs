using System.Text.Json;

namespace CloudTrailModel.Operations;

/// <summary>
/// A member AWS marks sensitive, which CloudTrail may log either as its modelled shape or as a placeholder string
/// (typically <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>). Exactly one of <see cref="Value"/>, <see cref="RedactedText"/>
/// and <see cref="RawJson"/> is set, so nothing CloudTrail wrote is lost and the record still parses.
/// </summary>
/// <typeparam name="T">The modelled type of the member (a record, list or dictionary).</typeparam>
public sealed class SensitiveValue<T>
    where T : class
{
    /// <summary>Wraps a value logged in its modelled shape.</summary>
    /// <param name="value">The typed value.</param>
    public SensitiveValue(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>Wraps a placeholder string logged in place of the value.</summary>
    /// <param name="redactedText">The string CloudTrail wrote, e.g. <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>.</param>
    public SensitiveValue(string redactedText)
    {
        ArgumentNullException.ThrowIfNull(redactedText);
        RedactedText = redactedText;
    }

    /// <summary>Wraps JSON that is neither the modelled shape nor a string (for example a map whose values were redacted one by one).</summary>
    /// <param name="rawJson">The JSON as CloudTrail wrote it.</param>
    public SensitiveValue(JsonElement rawJson)
    {
        RawJson = rawJson.Clone();
    }

    /// <summary>Gets the typed value, when CloudTrail logged the modelled shape.</summary>
    public T? Value { get; }

    /// <summary>Gets the placeholder string CloudTrail logged instead of the value (typically <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>).</summary>
    public string? RedactedText { get; }

    /// <summary>Gets the JSON CloudTrail logged when it fits neither the modelled shape nor a string.</summary>
    public JsonElement? RawJson { get; }

    /// <summary>Gets a value indicating whether CloudTrail logged a placeholder string instead of the value.</summary>
    public bool IsRedacted => RedactedText is not null;

    /// <summary>The placeholder, the raw JSON, or the type name of the value; never the sensitive content itself.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => RedactedText ?? (RawJson is { } raw ? raw.GetRawText() : Value is null ? string.Empty : typeof(T).Name);
}
