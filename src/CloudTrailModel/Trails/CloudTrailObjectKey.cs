using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CloudTrailModel;

/// <summary>
/// The key of an object CloudTrail delivered to a trail's bucket, parsed from AWS's documented layout
/// <c>[prefix/]AWSLogs/[o-orgid/]&lt;account&gt;/CloudTrail|CloudTrail-Digest|CloudTrail-Insight/&lt;region&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;file&gt;</c>,
/// where the file is <c>&lt;account&gt;_CloudTrail_&lt;region&gt;_&lt;yyyyMMddTHHmmZ&gt;_&lt;unique&gt;.json.gz</c> (a log file),
/// <c>&lt;account&gt;_CloudTrail-Insight_&lt;region&gt;_&lt;yyyyMMddTHHmmZ&gt;_&lt;unique&gt;.json.gz</c> (an Insights file) or
/// <c>&lt;account&gt;_CloudTrail-Digest_&lt;region&gt;_&lt;trail&gt;_&lt;homeRegion&gt;_&lt;yyyyMMddTHHmmssZ&gt;[_backfill].json.gz</c> (a digest).
/// The key says what a file is before it is opened, so a trail reader reads log files and never digests,
/// Config's <c>ConfigWritabilityCheckFile</c> or other services' objects.
/// </summary>
/// <remarks>
/// A key parses only when it is consistent: the account, kind and region in the file name equal the folders', the
/// file's timestamp falls on the folder's date, the account is 12 digits and the organisation ID is <c>o-</c> and 10 to
/// 32 lowercase letters or digits. The prefix before <c>AWSLogs/</c> may be anything (nested, URL-unsafe characters,
/// even another <c>AWSLogs/</c>): the layout is read from the key's end. Keys use <c>/</c> and are URL-decoded (as
/// S3 lists them; S3 event notifications URL-encode keys). The extension <c>.json</c> is accepted beside
/// <c>.json.gz</c> for trails copied and unzipped; content, not name, decides gzip when a file is read. One documented
/// example lacks the <c>_</c> before a log file's unique part; such names are accepted.
/// </remarks>
public sealed class CloudTrailObjectKey : IEquatable<CloudTrailObjectKey>
{
    private const string AwsLogsFolder = "AWSLogs";
    private const string LogFolder = "CloudTrail";
    private const string DigestFolder = "CloudTrail-Digest";
    private const string InsightFolder = "CloudTrail-Insight";
    private const string BackfillSuffix = "_backfill";

    private CloudTrailObjectKey(string key, int awsLogsStart, int regionPrefixLength, string? organizationId, string accountId, CloudTrailObjectKind kind, string region, DateTimeOffset time)
    {
        Key = key;
        Prefix = key[..awsLogsStart];
        RegionPrefix = key[..regionPrefixLength];
        OrganizationId = organizationId;
        AccountId = accountId;
        Kind = kind;
        Region = region;
        Time = time;
    }

    /// <summary>The whole key, as given to <see cref="TryParse"/>.</summary>
    public string Key { get; }

    /// <summary>
    /// The text before <c>AWSLogs/</c>, with its trailing <c>/</c>: the trail's S3 key prefix (<c>S3KeyPrefix</c>) and a
    /// slash, or the empty string when the trail has none. <see cref="Key"/> starts with it.
    /// </summary>
    public string Prefix { get; }

    /// <summary>
    /// The key up to and including the region folder (<c>[prefix/]AWSLogs/[o-orgid/]&lt;account&gt;/&lt;kind folder&gt;/&lt;region&gt;/</c>):
    /// the folder that holds this account's, kind's and region's files by day. <see cref="GetDatePrefixes"/> takes it.
    /// </summary>
    public string RegionPrefix { get; }

    /// <summary>The AWS Organizations ID (<c>o-…</c>) of an organisation trail, the folder after <c>AWSLogs/</c>; null for a trail of one account.</summary>
    public string? OrganizationId { get; }

    /// <summary>The 12-digit account whose events the file holds (for an organisation trail, the member account).</summary>
    public string AccountId { get; }

    /// <summary>What the object holds: log records, a digest or Insights records.</summary>
    public CloudTrailObjectKind Kind { get; }

    /// <summary>The region whose events the file holds (<c>us-east-1</c> for global service events), or a digest's region.</summary>
    public string Region { get; }

    /// <summary>The UTC date of the <c>&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;</c> folders: the file's delivery date (a digest's end date).</summary>
    public DateOnly Date => DateOnly.FromDateTime(Time.UtcDateTime);

    /// <summary>
    /// The file name's timestamp in UTC: when CloudTrail delivered a log or Insights file (to the minute), or a digest's
    /// end time (to the second). Records in a log file are older, usually by minutes; never newer.
    /// </summary>
    public DateTimeOffset Time { get; }

    /// <summary>The random part that makes a log or Insights file name unique (16 letters and digits in practice; meaningless); null for a digest.</summary>
    public string? UniqueId { get; private init; }

    /// <summary>The name of the trail a digest belongs to; null for a log or Insights file.</summary>
    public string? TrailName { get; private init; }

    /// <summary>The home region of the trail a digest belongs to (where the trail was created); null for a log or Insights file.</summary>
    public string? HomeRegion { get; private init; }

    /// <summary>Whether a digest is a backfill digest (name ending <c>_backfill.json.gz</c>), covering files a delay kept out of the original digest.</summary>
    public bool IsBackfill { get; private init; }

    /// <summary>Parses an object key laid out as CloudTrail delivers it; anything else (Config's check file, other services' logs, stray files) is not a CloudTrail key.</summary>
    /// <param name="key">The object key (URL-decoded, <c>/</c>-separated), or a path relative to a trail folder with <c>/</c> separators.</param>
    /// <param name="result">The parsed key, or null when the key is not a consistent CloudTrail key.</param>
    /// <returns>Whether <paramref name="key"/> is a CloudTrail log, digest or Insights key.</returns>
    public static bool TryParse(string key, [NotNullWhen(true)] out CloudTrailObjectKey? result)
    {
        result = key is null ? null : Parse(key);
        return result is not null;
    }

    /// <summary>
    /// The day folders (<c>&lt;regionPrefix&gt;&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/</c>) that hold the files delivered from
    /// <paramref name="from"/> to <paramref name="to"/> (UTC days, both ends included), so a reader lists only the days it needs.
    /// </summary>
    /// <param name="regionPrefix">A region folder, <c>[prefix/]AWSLogs/[o-orgid/]&lt;account&gt;/&lt;kind folder&gt;/&lt;region&gt;/</c> (see <see cref="RegionPrefix"/>); a missing final <c>/</c> is added.</param>
    /// <param name="from">The earliest delivery time wanted.</param>
    /// <param name="to">The latest delivery time wanted.</param>
    /// <returns>The day prefixes in date order, lazily; none when <paramref name="to"/> is before <paramref name="from"/>.</returns>
    /// <remarks>Folders hold files by delivery time, which is minutes after the events: widen the range for that before calling.</remarks>
    public static IEnumerable<string> GetDatePrefixes(string regionPrefix, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(regionPrefix);
        string folder = regionPrefix.Length == 0 || regionPrefix[^1] == '/' ? regionPrefix : regionPrefix + "/";
        return EnumerateDays(folder, DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime));
    }

    /// <inheritdoc/>
    public bool Equals(CloudTrailObjectKey? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CloudTrailObjectKey);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>Returns <see cref="Key"/>.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Key;

    private static IEnumerable<string> EnumerateDays(string folder, DateOnly first, DateOnly last)
    {
        for (DateOnly day = first; day <= last; day = day.AddDays(1))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{folder}{day.Year:D4}/{day.Month:D2}/{day.Day:D2}/");
            if (day == DateOnly.MaxValue)
            {
                yield break;
            }
        }
    }

    private static CloudTrailObjectKey? Parse(string key)
    {
        // The layout is fixed from the end (file, day, month, year, region, kind, account, [org,] AWSLogs); the prefix is free.
        int end = key.Length;
        ReadOnlySpan<char> fileName = LastSegment(key, ref end);
        ReadOnlySpan<char> day = LastSegment(key, ref end);
        ReadOnlySpan<char> month = LastSegment(key, ref end);
        ReadOnlySpan<char> year = LastSegment(key, ref end);
        int regionPrefixLength = end + 1;
        ReadOnlySpan<char> region = LastSegment(key, ref end);
        ReadOnlySpan<char> kindFolder = LastSegment(key, ref end);
        ReadOnlySpan<char> account = LastSegment(key, ref end);
        ReadOnlySpan<char> organization = LastSegment(key, ref end);
        string? organizationId = null;
        if (!organization.SequenceEqual(AwsLogsFolder))
        {
            if (!IsOrganizationId(organization) || !LastSegment(key, ref end).SequenceEqual(AwsLogsFolder))
            {
                return null;
            }

            organizationId = organization.ToString();
        }

        // end is now the index of the '/' before AWSLogs, or -1 when the key starts with it.
        if (end < -1 || !IsAccountId(account) || !IsRegion(region) || !TryGetKind(kindFolder, out CloudTrailObjectKind kind)
            || !TryParseDate(year, month, day, out DateOnly date))
        {
            return null;
        }

        // The file name repeats the account, the kind folder and the region, each followed by '_'.
        int expectedStart = account.Length + kindFolder.Length + region.Length + 3;
        if (fileName.Length <= expectedStart || !fileName.StartsWith(account) || fileName[account.Length] != '_'
            || !fileName[(account.Length + 1)..].StartsWith(kindFolder) || fileName[account.Length + 1 + kindFolder.Length] != '_'
            || !fileName[(account.Length + kindFolder.Length + 2)..].StartsWith(region) || fileName[expectedStart - 1] != '_')
        {
            return null;
        }

        ReadOnlySpan<char> rest = WithoutExtension(fileName[expectedStart..]);
        string accountId = account.ToString();
        string regionName = region.ToString();
        return kind == CloudTrailObjectKind.Digest
            ? ParseDigestName(key, end + 1, regionPrefixLength, organizationId, accountId, regionName, date, rest)
            : ParseLogName(key, end + 1, regionPrefixLength, organizationId, accountId, kind, regionName, date, rest);
    }

    private static CloudTrailObjectKey? ParseLogName(string key, int awsLogsStart, int regionPrefixLength, string? organizationId, string accountId, CloudTrailObjectKind kind, string region, DateOnly date, ReadOnlySpan<char> rest)
    {
        const int StampLength = 14; // yyyyMMddTHHmmZ
        if (rest.Length <= StampLength || !TryParseStamp(rest[..StampLength], withSeconds: false, out DateTimeOffset time)
            || DateOnly.FromDateTime(time.UtcDateTime) != date)
        {
            return null;
        }

        ReadOnlySpan<char> unique = rest[StampLength..];
        if (unique[0] == '_')
        {
            unique = unique[1..];
        }

        return IsWord(unique)
            ? new CloudTrailObjectKey(key, awsLogsStart, regionPrefixLength, organizationId, accountId, kind, region, time) { UniqueId = unique.ToString() }
            : null;
    }

    private static CloudTrailObjectKey? ParseDigestName(string key, int awsLogsStart, int regionPrefixLength, string? organizationId, string accountId, string region, DateOnly date, ReadOnlySpan<char> rest)
    {
        const int StampLength = 16; // yyyyMMddTHHmmssZ
        bool backfill = rest.EndsWith(BackfillSuffix, StringComparison.Ordinal);
        if (backfill)
        {
            rest = rest[..^BackfillSuffix.Length];
        }

        // <trail>_<homeRegion>_<stamp>: regions have no '_', trail names may, so the home region is the last part before the stamp.
        if (rest.Length < StampLength + 5 || rest[^(StampLength + 1)] != '_'
            || !TryParseStamp(rest[^StampLength..], withSeconds: true, out DateTimeOffset time) || DateOnly.FromDateTime(time.UtcDateTime) != date)
        {
            return null;
        }

        ReadOnlySpan<char> trailAndHome = rest[..^(StampLength + 1)];
        int split = trailAndHome.LastIndexOf('_');
        if (split <= 0 || !IsRegion(trailAndHome[(split + 1)..]) || !IsTrailName(trailAndHome[..split]))
        {
            return null;
        }

        return new CloudTrailObjectKey(key, awsLogsStart, regionPrefixLength, organizationId, accountId, CloudTrailObjectKind.Digest, region, time)
        {
            TrailName = trailAndHome[..split].ToString(),
            HomeRegion = trailAndHome[(split + 1)..].ToString(),
            IsBackfill = backfill,
        };
    }

    // Moves end to the '/' before the segment that ends at end; an empty segment or no segment left gives end < -1 at the caller.
    private static ReadOnlySpan<char> LastSegment(string key, ref int end)
    {
        if (end < 0)
        {
            end = -2;
            return default;
        }

        int slash = key.AsSpan(0, end).LastIndexOf('/');
        ReadOnlySpan<char> segment = key.AsSpan((slash + 1)..end);
        end = slash;
        return segment;
    }

    private static ReadOnlySpan<char> WithoutExtension(ReadOnlySpan<char> name)
    {
        if (name.EndsWith(".json.gz", StringComparison.Ordinal))
        {
            return name[..^8];
        }

        return name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : default;
    }

    private static bool TryGetKind(ReadOnlySpan<char> folder, out CloudTrailObjectKind kind)
    {
        kind = folder switch
        {
            LogFolder => CloudTrailObjectKind.Log,
            DigestFolder => CloudTrailObjectKind.Digest,
            InsightFolder => CloudTrailObjectKind.Insight,
            _ => (CloudTrailObjectKind)(-1),
        };
        return kind >= 0;
    }

    private static bool TryParseDate(ReadOnlySpan<char> year, ReadOnlySpan<char> month, ReadOnlySpan<char> day, out DateOnly date)
    {
        date = default;
        if (year.Length != 4 || month.Length != 2 || day.Length != 2 || !TryDigits(year, out int y) || !TryDigits(month, out int m)
            || !TryDigits(day, out int d) || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    // yyyyMMddTHHmmZ or yyyyMMddTHHmmssZ, parsed by position so no culture or lenient format rule applies.
    private static bool TryParseStamp(ReadOnlySpan<char> stamp, bool withSeconds, out DateTimeOffset time)
    {
        time = default;
        int seconds = 0;
        if (stamp[8] != 'T' || stamp[^1] != 'Z' || !TryParseDate(stamp[..4], stamp[4..6], stamp[6..8], out DateOnly date)
            || !TryDigits(stamp[9..11], out int hours) || !TryDigits(stamp[11..13], out int minutes)
            || (withSeconds && !TryDigits(stamp[13..15], out seconds)) || hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        time = new DateTimeOffset(date.Year, date.Month, date.Day, hours, minutes, seconds, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> value, out int number)
    {
        number = 0;
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }

    internal static bool IsAccountId(ReadOnlySpan<char> value) => value.Length == 12 && TryDigits(value, out _);

    // o- and 10 to 32 lowercase letters or digits, as AWS Organizations defines an organisation ID.
    internal static bool IsOrganizationId(ReadOnlySpan<char> value)
    {
        if (value.Length is < 12 or > 34 || !value.StartsWith("o-", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in value[2..])
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // Every AWS region (us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1) is lowercase words and a number joined by '-'.
    private static bool IsRegion(ReadOnlySpan<char> value)
    {
        if (value.Length is < 4 or > 32 || !char.IsAsciiLetterLower(value[0]) || !char.IsAsciiDigit(value[^1]) || !value.Contains('-'))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    // Trail names are letters, digits, '.', '_' and '-' (AWS allows 3 to 128; shorter ones are tolerated).
    private static bool IsTrailName(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > 128)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    // The unique part of a log file name: AWS's own Java library accepts \w+.
    private static bool IsWord(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
