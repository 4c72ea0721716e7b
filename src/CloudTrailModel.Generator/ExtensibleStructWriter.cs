using System.Text;

namespace CloudTrailModel.Generator;

/// <summary>One known value of an extensible struct: its property name, its JSON string and its doc summary.</summary>
/// <param name="Name">The static property's name.</param>
/// <param name="Raw">The value as it appears in the JSON.</param>
/// <param name="Summary">The property's whole XML summary text.</param>
public sealed record KnownValue(string Name, string Raw, string Summary);

/// <summary>
/// What an extensible struct (an open set of JSON strings) needs beyond its known values: the operation packages'
/// enumerations and the core's value types (<c>Values/*.members</c>) are written by one writer, so they cannot drift.
/// </summary>
/// <param name="Type">The struct's name.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Usings">The using directives, in order.</param>
/// <param name="SummaryLines">The struct's XML summary, one doc line each.</param>
/// <param name="Converter">The <c>[JsonConverter]</c> type.</param>
/// <param name="Factories">The interfaces it implements with a static factory from a string, with the factory's name.</param>
/// <param name="Source">What the raw value appears in, for the docs (<c>CloudTrail JSON</c>).</param>
/// <param name="HasIsEmpty">Whether it has the internal <c>IsEmpty</c> that models use to store an absent member without <see cref="Nullable{T}"/>.</param>
public sealed record ExtensibleStructSpec(
    string Type,
    string Namespace,
    IReadOnlyList<string> Usings,
    IReadOnlyList<string> SummaryLines,
    string Converter,
    IReadOnlyList<(string Interface, string Factory)> Factories,
    string Source,
    bool HasIsEmpty);

/// <summary>Writes an extensible struct's source.</summary>
public static class ExtensibleStructWriter
{
    /// <summary>Writes the struct after <paramref name="header"/> (the auto-generated banner).</summary>
    public static string Write(string header, ExtensibleStructSpec spec, IEnumerable<KnownValue> values)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(values);
        string type = spec.Type;
        var sb = new StringBuilder();
        sb.Append(header).Append('\n');
        foreach (string u in spec.Usings)
        {
            sb.Append($"using {u};\n");
        }

        sb.Append($"\nnamespace {spec.Namespace};\n\n");
        sb.Append("/// <summary>\n");
        foreach (string line in spec.SummaryLines)
        {
            sb.Append($"/// {line}\n");
        }

        sb.Append("/// </summary>\n");
        sb.Append($"[JsonConverter(typeof({spec.Converter}))]\n");
        sb.Append($"public readonly struct {type} : IEquatable<{type}>");
        foreach ((string iface, _) in spec.Factories)
        {
            sb.Append($", {iface}<{type}>");
        }

        sb.Append("\n{\n    private readonly string? _value;\n\n");
        if (spec.HasIsEmpty)
        {
            sb.Append("    /// <summary>Whether this is <see langword=\"default\"/> (no value): how models store an absent member without <see cref=\"Nullable{T}\"/>.</summary>\n");
            sb.Append("    internal bool IsEmpty => _value is null;\n\n");
        }

        sb.Append($"    /// <summary>Wraps a raw value.</summary>\n    /// <param name=\"value\">The value as it appears in {spec.Source}.</param>\n");
        sb.Append($"    public {type}(string value)\n    {{\n        ArgumentNullException.ThrowIfNull(value);\n        _value = value;\n    }}\n\n");
        foreach (KnownValue value in values)
        {
            sb.Append($"    /// <summary>{value.Summary}</summary>\n");
            sb.Append($"    public static {type} {value.Name} {{ get; }} = new({ServiceGenerator.Literal(value.Raw)});\n\n");
        }

        foreach ((string iface, string factory) in spec.Factories)
        {
            sb.Append($"    static {type} {iface}<{type}>.{factory}(string value) => new(value);\n\n");
        }

        sb.Append($"    /// <summary>The raw value as it appears in {spec.Source}.</summary>\n    /// <returns>The raw value.</returns>\n");
        sb.Append("    public override string ToString() => _value ?? string.Empty;\n\n");
        sb.Append("    /// <summary>Ordinal comparison of the raw values.</summary>\n    /// <param name=\"other\">The other value.</param>\n    /// <returns><see langword=\"true\"/> when equal.</returns>\n");
        sb.Append($"    public bool Equals({type} other) => string.Equals(_value, other._value, StringComparison.Ordinal);\n\n");
        sb.Append("    /// <inheritdoc/>\n");
        sb.Append($"    public override bool Equals(object? obj) => obj is {type} other && Equals(other);\n\n");
        sb.Append("    /// <inheritdoc/>\n");
        sb.Append("    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);\n\n");
        sb.Append("    /// <summary>Equality.</summary>\n    /// <param name=\"left\">Left operand.</param>\n    /// <param name=\"right\">Right operand.</param>\n    /// <returns><see langword=\"true\"/> when equal.</returns>\n");
        sb.Append($"    public static bool operator ==({type} left, {type} right) => left.Equals(right);\n\n");
        sb.Append("    /// <summary>Inequality.</summary>\n    /// <param name=\"left\">Left operand.</param>\n    /// <param name=\"right\">Right operand.</param>\n    /// <returns><see langword=\"true\"/> when not equal.</returns>\n");
        sb.Append($"    public static bool operator !=({type} left, {type} right) => !left.Equals(right);\n\n");
        sb.Append("    /// <summary>Converts from the raw value.</summary>\n    /// <param name=\"value\">The raw value.</param>\n");
        sb.Append($"    public static implicit operator {type}(string value) => new(value);\n");
        sb.Append("}\n");
        return sb.ToString();
    }
}
