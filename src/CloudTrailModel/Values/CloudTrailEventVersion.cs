using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// A CloudTrail <c>eventVersion</c> such as <c>1.08</c> or <c>1.10</c>. Versions compare as two integers,
/// so <c>1.10</c> is newer than <c>1.09</c> (parsing them as decimals gets this wrong). <see cref="ToString"/>
/// returns the text exactly as it appeared.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public readonly struct CloudTrailEventVersion : IEquatable<CloudTrailEventVersion>, IComparable<CloudTrailEventVersion>, IComparable
{
    // One reference (the struct is a field of every record): the text and both parts, shared by every record of a
    // version (see Shared).
    private readonly Parts? _parts;

    /// <summary>Whether this is <see langword="default"/> (no value): how models store an absent member without <see cref="Nullable{T}"/>.</summary>
    internal bool IsEmpty => _parts is null;

    /// <summary>Creates a version from its two parts; <see cref="ToString"/> gives <c>major.minor</c> with two-digit minor.</summary>
    /// <param name="major">The major version (1 for every version so far).</param>
    /// <param name="minor">The minor version.</param>
    public CloudTrailEventVersion(int major, int minor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        _parts = new Parts(major, minor, string.Create(CultureInfo.InvariantCulture, $"{major}.{minor:00}"));
    }

    private CloudTrailEventVersion(Parts parts) => _parts = parts;

    /// <summary>The major version: the part before the dot.</summary>
    public int Major => _parts?.Major ?? 0;

    /// <summary>The minor version: the part after the dot, as an integer (<c>1.0</c> and <c>1.00</c> give 0).</summary>
    public int Minor => _parts?.Minor ?? 0;

    /// <summary>Version 1.0, the first (2013).</summary>
    public static CloudTrailEventVersion V1_0 { get; } = new(new Parts(1, 0, "1.0"));

    /// <summary>Version 1.05, which added <c>serviceEventDetails</c>.</summary>
    public static CloudTrailEventVersion V1_05 { get; } = new(1, 5);

    /// <summary>Version 1.07, which added <c>eventCategory</c> and <c>insightDetails</c>.</summary>
    public static CloudTrailEventVersion V1_07 { get; } = new(1, 7);

    /// <summary>Version 1.08, which added <c>addendum</c>, <c>sessionCredentialFromConsole</c>, <c>edgeDeviceDetails</c> and <c>tlsDetails</c>.</summary>
    public static CloudTrailEventVersion V1_08 { get; } = new(1, 8);

    /// <summary>Version 1.09 (2023).</summary>
    public static CloudTrailEventVersion V1_09 { get; } = new(1, 9);

    /// <summary>Version 1.10 (2024).</summary>
    public static CloudTrailEventVersion V1_10 { get; } = new(1, 10);

    /// <summary>Version 1.11, which added <c>userIdentity.inScopeOf</c> and <c>eventContext</c>.</summary>
    public static CloudTrailEventVersion V1_11 { get; } = new(1, 11);

    /// <summary>Parses <c>major.minor</c> (both non-negative integers).</summary>
    /// <param name="text">The version text.</param>
    /// <param name="version">The version, when the text is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid version.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out CloudTrailEventVersion version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1
            || !TryParsePart(text.AsSpan(0, dot), out int major)
            || !TryParsePart(text.AsSpan(dot + 1), out int minor))
        {
            return false;
        }

        version = new CloudTrailEventVersion(Shared(major, minor, text));
        return true;
    }

    // The parts of versions read recently, by their numbers: a log file holds a few versions, so reading one makes
    // nothing new. Entries are immutable and replaced whole, so threads may share the table without locks.
    private static readonly Parts?[] Recent = new Parts?[32];

    private static Parts Shared(int major, int minor, string text)
    {
        ref Parts? slot = ref Recent[((major * 31) + minor) & (Recent.Length - 1)];
        Parts? parts = slot;
        if (parts is null || parts.Major != major || parts.Minor != minor || !string.Equals(parts.Text, text, StringComparison.Ordinal))
        {
            parts = new Parts(major, minor, text);
            slot = parts;
        }

        return parts;
    }

    private sealed record Parts(int Major, int Minor, string Text);

    /// <summary>Parses <c>major.minor</c>.</summary>
    /// <param name="text">The version text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid version.</exception>
    public static CloudTrailEventVersion Parse(string text) =>
        TryParse(text, out CloudTrailEventVersion version) ? version : throw new FormatException("The text is not a CloudTrail event version (major.minor).");

    private static bool TryParsePart(ReadOnlySpan<char> part, out int value)
    {
        value = 0;
        if (part.Length is 0 or > 9)
        {
            return false;
        }

        foreach (char c in part)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>The version text exactly as it appeared (for example <c>1.08</c>).</summary>
    /// <returns>The version text.</returns>
    public override string ToString() => _parts?.Text ?? "0.00";

    /// <summary>Compares as integers: major first, then minor.</summary>
    /// <param name="other">The other version.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(CloudTrailEventVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        CloudTrailEventVersion other => CompareTo(other),
        _ => throw new ArgumentException("The object is not a CloudTrailEventVersion.", nameof(obj)),
    };

    /// <summary>Equal when major and minor are equal (<c>1.0</c> equals <c>1.00</c>).</summary>
    /// <param name="other">The other version.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(CloudTrailEventVersion other) => Major == other.Major && Minor == other.Minor;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CloudTrailEventVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor);

    /// <summary>Equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(CloudTrailEventVersion left, CloudTrailEventVersion right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(CloudTrailEventVersion left, CloudTrailEventVersion right) => !left.Equals(right);

    /// <summary>Older than.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is older.</returns>
    public static bool operator <(CloudTrailEventVersion left, CloudTrailEventVersion right) => left.CompareTo(right) < 0;

    /// <summary>Newer than.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is newer.</returns>
    public static bool operator >(CloudTrailEventVersion left, CloudTrailEventVersion right) => left.CompareTo(right) > 0;

    /// <summary>Older than or equal.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is older or equal.</returns>
    public static bool operator <=(CloudTrailEventVersion left, CloudTrailEventVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Newer than or equal.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is newer or equal.</returns>
    public static bool operator >=(CloudTrailEventVersion left, CloudTrailEventVersion right) => left.CompareTo(right) >= 0;
}
