namespace CloudTrailModel.Internal;

/// <summary>
/// Finds the log files of a trail under a prefix: looks for <c>AWSLogs/</c> folders at most
/// <see cref="MaxFoldersAboveAwsLogs"/> folders below the prefix, walks their organisation, account, kind and region folders
/// (skipping those the options exclude, and digest and Config folders), lists each region's day folders for a time range
/// (or the whole region folder without one), keeps the keys that parse, and sorts them in reading order.
/// </summary>
internal static class TrailListing
{
    /// <summary>How many folders may lie between the prefix read and an <c>AWSLogs/</c> folder (a trail's S3 key prefix of up to two levels).</summary>
    public const int MaxFoldersAboveAwsLogs = 2;

    private const int MaxDayFoldersListed = 3660;

    private enum Level
    {
        Above,
        AwsLogs,
        Organization,
        Account,
        Kind,
        Region,
        InRegion,
    }

    public static async Task<(List<TrailFile> Files, int Ignored)> ListAsync(ICloudTrailObjectStore store, string prefix, CloudTrailTrailOptions options, CancellationToken cancellationToken)
    {
        // A prefix names a folder: "AWSLogs/o-abc" is read as "AWSLogs/o-abc/".
        prefix = prefix.Length == 0 || prefix[^1] == '/' ? prefix : prefix + "/";
        var folders = new List<(string Prefix, bool IsRegion)>();
        Level? level = Level.Above;
        string[] parts = prefix.Split('/');
        for (int i = 0; i < parts.Length - 1 && level is not null; i++)
        {
            level = Next(level.Value, parts[i], options);
        }

        if (level is Level.Region or Level.InRegion)
        {
            folders.Add((prefix, level == Level.Region));
        }
        else if (level is not null)
        {
            await WalkAsync(store, prefix, level.Value, 0, options, folders, cancellationToken).ConfigureAwait(false);
        }

        var files = new List<TrailFile>();
        int ignored = 0;
        foreach ((string folder, bool isRegion) in folders)
        {
            foreach (string listed in ObjectPrefixes(folder, isRegion, options))
            {
                await foreach (CloudTrailObjectInfo info in store.ListObjectsAsync(listed, cancellationToken).ConfigureAwait(false))
                {
                    if (!CloudTrailObjectKey.TryParse(info.Key, out CloudTrailObjectKey? key) || !IsRead(key, options))
                    {
                        ignored++;
                    }
                    else if (IsSelected(key, options))
                    {
                        files.Add(new TrailFile(key, info.Size));
                    }
                }
            }
        }

        files.Sort((a, b) => TrailFile.Compare(a.Key, b.Key));
        return (files, ignored);
    }

    // depth counts the folders walked above AWSLogs/: unrelated folder trees beside a trail are listed only that deep.
    private static async Task WalkAsync(ICloudTrailObjectStore store, string prefix, Level level, int depth, CloudTrailTrailOptions options, List<(string, bool)> folders, CancellationToken cancellationToken)
    {
        var children = new List<string>();
        await foreach (string child in store.ListPrefixesAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            children.Add(child);
        }

        children.Sort(StringComparer.Ordinal);
        foreach (string child in children)
        {
            if (child.Length <= prefix.Length + 1 || !child.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            Level? next = Next(level, child[prefix.Length..^1], options);
            int childDepth = next == Level.Above ? depth + 1 : depth;
            if (next == Level.Region)
            {
                folders.Add((child, true));
            }
            else if (next is not null && childDepth <= MaxFoldersAboveAwsLogs)
            {
                await WalkAsync(store, child, next.Value, childDepth, options, folders, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Where a folder named name leads from a folder at level, or null when nothing under it is read.
    private static Level? Next(Level level, string name, CloudTrailTrailOptions options) => level switch
    {
        Level.Above => name == "AWSLogs" ? Level.AwsLogs : Level.Above,
        Level.AwsLogs when CloudTrailObjectKey.IsOrganizationId(name) => Allowed(options.OrganizationIds, name) ? Level.Organization : null,
        Level.AwsLogs => options.OrganizationIds is null && IsAccount(name, options) ? Level.Account : null,
        Level.Organization => IsAccount(name, options) ? Level.Account : null,
        Level.Account => name == "CloudTrail" || (name == "CloudTrail-Insight" && options.IncludeInsights) ? Level.Kind : null,
        Level.Kind => Allowed(options.Regions, name) ? Level.Region : null,
        _ => Level.InRegion,
    };

    private static bool IsAccount(string name, CloudTrailTrailOptions options) => CloudTrailObjectKey.IsAccountId(name) && Allowed(options.AccountIds, name);

    private static bool Allowed(IReadOnlyCollection<string>? wanted, string? value) => wanted is null || (value is not null && wanted.Contains(value));

    // With a bounded range only its day folders are listed; keys are still checked against the range.
    private static IEnumerable<string> ObjectPrefixes(string folder, bool isRegion, CloudTrailTrailOptions options)
    {
        if (isRegion && options.From is DateTimeOffset from && options.To is DateTimeOffset to)
        {
            (DateTimeOffset first, DateTimeOffset last) = KeyTimeRange(options);
            if (last >= first && (last - first).TotalDays < MaxDayFoldersListed)
            {
                return CloudTrailObjectKey.GetDatePrefixes(folder, first, last);
            }
        }

        return [folder];
    }

    // Files are delivered after their records' events: from a minute before From (key times are whole minutes) to the window after To.
    private static (DateTimeOffset First, DateTimeOffset Last) KeyTimeRange(CloudTrailTrailOptions options)
    {
        DateTimeOffset first = options.From is DateTimeOffset from && from > DateTimeOffset.MinValue.AddMinutes(1) ? from.AddMinutes(-1) : DateTimeOffset.MinValue;
        DateTimeOffset last = options.To is DateTimeOffset to && to < DateTimeOffset.MaxValue - options.LatenessWindow ? to + options.LatenessWindow : DateTimeOffset.MaxValue;
        return (first, last);
    }

    private static bool IsRead(CloudTrailObjectKey key, CloudTrailTrailOptions options) =>
        key.Kind == CloudTrailObjectKind.Log || (key.Kind == CloudTrailObjectKind.Insight && options.IncludeInsights);

    private static bool IsSelected(CloudTrailObjectKey key, CloudTrailTrailOptions options)
    {
        (DateTimeOffset first, DateTimeOffset last) = KeyTimeRange(options);
        return key.Time >= first && key.Time <= last
            && Allowed(options.AccountIds, key.AccountId) && Allowed(options.Regions, key.Region)
            && (options.OrganizationIds is null || Allowed(options.OrganizationIds, key.OrganizationId));
    }
}
