namespace CloudTrailModel.Integrity;

/// <summary>One run of <see cref="CloudTrailChainValidator"/>: discovery of accounts and regions, then each region's chains and log files.</summary>
internal sealed class ChainValidation
{
    // A digest lists the log files delivered in the hour before its end time, and is itself delivered a little later.
    private static readonly TimeSpan DigestLag = TimeSpan.FromHours(2);

    private static readonly TimeSpan MaxDaysListed = TimeSpan.FromDays(366);

    private readonly ICloudTrailObjectStore _store;
    private readonly string _root;
    private readonly CloudTrailChainValidationOptions _options;
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly List<CloudTrailChainFileResult> _digests = [];
    private readonly List<CloudTrailChainFileResult> _logs = [];
    private readonly List<CloudTrailChainGap> _gaps = [];

    public ChainValidation(ICloudTrailObjectStore store, string root, CloudTrailChainValidationOptions options)
    {
        _store = store;
        _root = root;
        _options = options;
        // Nothing is delivered in the future: a far To is now (and leaves room for the digest lag's addition).
        DateTimeOffset now = DateTimeOffset.UtcNow;
        _from = options.From ?? DateTimeOffset.MinValue;
        _to = options.To is { } to && to < now.AddDays(1) ? to : now.AddDays(1);
    }

    public async Task<CloudTrailChainReport> RunAsync(CancellationToken cancellationToken)
    {
        foreach (string account in await AccountFoldersAsync(cancellationToken).ConfigureAwait(false))
        {
            var regions = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string kind in (string[])["CloudTrail-Digest/", "CloudTrail/"])
            {
                await foreach (string region in _store.ListPrefixesAsync(account + kind, cancellationToken).ConfigureAwait(false))
                {
                    string name = LastSegment(region);
                    if (_options.Regions is null || _options.Regions.Contains(name))
                    {
                        regions.Add(name);
                    }
                }
            }

            foreach (string region in regions)
            {
                await ValidateRegionAsync(account, region, cancellationToken).ConfigureAwait(false);
            }
        }

        return new CloudTrailChainReport([.. _digests], [.. _logs], [.. _gaps]);
    }

    // AWSLogs/<account>/ folders, and AWSLogs/o-<org>/<account>/ for organisation trails, filtered by account.
    private async Task<List<string>> AccountFoldersAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<string>();
        await foreach (string folder in _store.ListPrefixesAsync(_root + "AWSLogs/", cancellationToken).ConfigureAwait(false))
        {
            if (LastSegment(folder).StartsWith("o-", StringComparison.Ordinal))
            {
                await foreach (string member in _store.ListPrefixesAsync(folder, cancellationToken).ConfigureAwait(false))
                {
                    accounts.Add(member);
                }
            }
            else
            {
                accounts.Add(folder);
            }
        }

        accounts.RemoveAll(a => _options.AccountIds is not null && !_options.AccountIds.Contains(LastSegment(a)));
        accounts.Sort(StringComparer.Ordinal);
        return accounts;
    }

    private async Task ValidateRegionAsync(string account, string region, CancellationToken cancellationToken)
    {
        List<CloudTrailObjectKey> digestKeys = await ListKeysAsync($"{account}CloudTrail-Digest/{region}/", CloudTrailObjectKind.Digest, _from, _to + DigestLag, cancellationToken).ConfigureAwait(false);
        digestKeys.RemoveAll(k => _options.TrailName is not null && !string.Equals(k.TrailName, _options.TrailName, StringComparison.Ordinal));
        var loaded = new Dictionary<string, LoadedDigest>(StringComparer.Ordinal);
        foreach (CloudTrailObjectKey key in digestKeys)
        {
            loaded[key.Key] = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        }

        var chains = new ChainWalker(_store, _root, _options, _from, loaded, _digests, _gaps);
        foreach (IGrouping<(string?, string?), LoadedDigest> trail in loaded.Values.GroupBy(d => (d.Key.TrailName, d.Key.HomeRegion)).OrderBy(g => g.Key.Item1, StringComparer.Ordinal))
        {
            await chains.WalkAsync([.. trail.Where(d => !d.Key.IsBackfill).OrderByDescending(d => d.Key.Time)], cancellationToken).ConfigureAwait(false);
            await chains.CheckBackfillAsync([.. trail.Where(d => d.Key.IsBackfill).OrderByDescending(d => d.Key.Time)], cancellationToken).ConfigureAwait(false);
        }

        List<ListedLog> listed = ListedLogs(_root, loaded.Values, chains.Proven);
        _logs.AddRange(await CheckLogsAsync(listed, cancellationToken).ConfigureAwait(false));

        // Log files present in the range that no digest lists: not yet delivered when newer than the newest digest, else missing.
        DateTimeOffset? newestDigest = digestKeys.Where(k => !k.IsBackfill).Select(k => (DateTimeOffset?)k.Time).Max();
        var listedKeys = new HashSet<string>(listed.Select(l => l.Key), StringComparer.Ordinal);
        List<CloudTrailObjectKey> present = await ListKeysAsync($"{account}CloudTrail/{region}/", CloudTrailObjectKind.Log, _from, _to, cancellationToken).ConfigureAwait(false);
        foreach (CloudTrailObjectKey log in present.Where(k => !listedKeys.Contains(k.Key)).OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            CloudTrailChainFileStatus status = newestDigest is { } newest && log.Time > newest ? CloudTrailChainFileStatus.NotYetDelivered : CloudTrailChainFileStatus.Missing;
            _logs.Add(new CloudTrailChainFileResult(log.Key, CloudTrailObjectKind.Log, status, null, null));
        }
    }

    // The keys of one kind under a region folder whose times fall in the range, listing only the range's day folders.
    private async Task<List<CloudTrailObjectKey>> ListKeysAsync(string regionFolder, CloudTrailObjectKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var keys = new List<CloudTrailObjectKey>();
        // A range of more than a year is listed as the whole region folder (one paged listing) rather than day by day.
        IEnumerable<string> folders = to - from > MaxDaysListed ? [regionFolder] : CloudTrailObjectKey.GetDatePrefixes(regionFolder, from, to);
        foreach (string folder in folders)
        {
            await foreach (CloudTrailObjectInfo info in _store.ListObjectsAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                if (CloudTrailObjectKey.TryParse(info.Key, out CloudTrailObjectKey? key) && key.Kind == kind && key.Time >= from && key.Time <= to)
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    private async Task<LoadedDigest> LoadAsync(CloudTrailObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = await _store.OpenReadAsync(key.Key, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return new LoadedDigest(key, await CloudTrailDigest.ReadAsync(stream, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is CloudTrailParseException or FileNotFoundException or DirectoryNotFoundException)
        {
            // Not a digest's JSON, or deleted since it was listed: it cannot be checked.
            return new LoadedDigest(key, null);
        }
    }

    // Each log file the digests list, once (the first listing wins, a proven digest's before others), in digest order.
    private static List<ListedLog> ListedLogs(string root, IEnumerable<LoadedDigest> digests, IReadOnlySet<string> proven)
    {
        var byKey = new Dictionary<string, ListedLog>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (LoadedDigest digest in digests.OrderBy(d => d.Key.Time).ThenBy(d => d.Key.Key, StringComparer.Ordinal))
        {
            bool isProven = proven.Contains(digest.Key.Key);
            foreach (CloudTrailDigestLogFile file in digest.Digest?.LogFiles ?? [])
            {
                if (file.S3Object is not { Length: > 0 } bucketKey)
                {
                    continue;
                }

                string key = Rebase(root, bucketKey);
                if (!byKey.TryGetValue(key, out ListedLog? existing))
                {
                    order.Add(key);
                }

                if (existing is null || (isProven && !existing.DigestProven))
                {
                    byKey[key] = new ListedLog(key, file.HashValue, digest.Key.Key, isProven);
                }
            }
        }

        return [.. order.Select(k => byKey[k])];
    }

    private async Task<CloudTrailChainFileResult[]> CheckLogsAsync(List<ListedLog> listed, CancellationToken cancellationToken)
    {
        var results = new CloudTrailChainFileResult[listed.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, listed.Count), parallel, async (i, ct) => results[i] = await CheckLogAsync(listed[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private async Task<CloudTrailChainFileResult> CheckLogAsync(ListedLog log, CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            stream = await _store.OpenReadAsync(log.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new CloudTrailChainFileResult(log.Key, CloudTrailObjectKind.Log, CloudTrailChainFileStatus.Deleted, null, log.DigestKey);
        }

        LogFileCheck.Outcome outcome;
        await using (stream.ConfigureAwait(false))
        {
            outcome = await LogFileCheck.CheckAsync(stream, log.HashValue, cancellationToken).ConfigureAwait(false);
        }

        CloudTrailChainFileStatus status = outcome.Status switch
        {
            DigestValidationStatus.Valid when outcome.Appended => CloudTrailChainFileStatus.AppendedData,
            DigestValidationStatus.Valid => log.DigestProven ? CloudTrailChainFileStatus.Valid : CloudTrailChainFileStatus.Unverified,
            _ => CloudTrailChainFileStatus.Modified,
        };
        return new CloudTrailChainFileResult(log.Key, CloudTrailObjectKind.Log, status, outcome.Status, log.DigestKey);
    }

    /// <summary>
    /// A bucket key as a digest names it, moved under the prefix being validated: the trail's own prefix (before
    /// <c>AWSLogs/</c>) is replaced by <paramref name="root"/>, so a folder synced without the prefix still matches.
    /// Keys that are not CloudTrail keys stay as they are.
    /// </summary>
    internal static string Rebase(string root, string? bucketKey) =>
        bucketKey is null ? string.Empty
        : CloudTrailObjectKey.TryParse(bucketKey, out CloudTrailObjectKey? parsed) ? string.Concat(root, bucketKey.AsSpan(parsed.Prefix.Length))
        : bucketKey;

    private static string LastSegment(string folder)
    {
        string trimmed = folder.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>A log file as a digest lists it.</summary>
    private sealed record ListedLog(string Key, string? HashValue, string DigestKey, bool DigestProven);
}
