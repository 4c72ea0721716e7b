namespace CloudTrailModel.Integrity;

/// <summary>
/// Walks the digests of one account, region and trail from the newest back, as <c>aws cloudtrail validate-logs</c>
/// does: each digest proven by its own signature (when one is supplied) or by the link from a proven newer digest, the
/// previous digest followed through <c>previousDigestS3Object</c>, and breaks in the chain reported as gaps.
/// </summary>
internal sealed class ChainWalker(
    ICloudTrailObjectStore store,
    string root,
    CloudTrailChainValidationOptions options,
    DateTimeOffset from,
    IReadOnlyDictionary<string, LoadedDigest> loaded,
    List<CloudTrailChainFileResult> digests,
    List<CloudTrailChainGap> gaps)
{
    private readonly HashSet<string> _proven = new(StringComparer.Ordinal);

    /// <summary>The keys of the digests proven so far.</summary>
    public IReadOnlySet<string> Proven => _proven;

    /// <summary>Walks one chain; <paramref name="chain"/> holds its digests newest first.</summary>
    public async Task WalkAsync(List<LoadedDigest> chain, CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, DigestValidationStatus>(StringComparer.Ordinal);
        var namedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < chain.Count; i++)
        {
            LoadedDigest current = chain[i];
            string key = current.Key.Key;
            DigestValidationStatus? own = await OwnSignatureAsync(current, cancellationToken).ConfigureAwait(false);
            DigestValidationStatus? link = links.TryGetValue(key, out DigestValidationStatus l) ? l : null;
            (CloudTrailChainFileStatus status, DigestValidationStatus? check) = current.Digest is null
                ? (CloudTrailChainFileStatus.Invalid, DigestValidationStatus.InvalidFormat)
                : Decide(own, link);
            digests.Add(new CloudTrailChainFileResult(key, CloudTrailObjectKind.Digest, status, check, namedBy.GetValueOrDefault(key)));
            if (status == CloudTrailChainFileStatus.Valid)
            {
                _proven.Add(key);
            }

            string? olderKey = i + 1 < chain.Count ? chain[i + 1].Key.Key : null;
            if (i > 0 && !namedBy.ContainsKey(key) && chain[i - 1].Digest is { IsStartingDigest: false } newer && loaded.ContainsKey(ChainValidation.Rebase(root, newer.PreviousDigestS3Object)))
            {
                // The newer digest names another digest that is here, so this one is off the chain.
                gaps.Add(new CloudTrailChainGap(CloudTrailChainGapKind.Unlinked, chain[i - 1].Key.Key, key));
            }

            if (current.Digest is not { } digest)
            {
                continue;
            }

            if (digest.IsStartingDigest)
            {
                if (olderKey is not null)
                {
                    gaps.Add(new CloudTrailChainGap(CloudTrailChainGapKind.ChainRestarted, key, olderKey));
                }

                continue;
            }

            string? previousKey = digest.PreviousDigestS3Object is null ? null : ChainValidation.Rebase(root, digest.PreviousDigestS3Object);
            if (previousKey is not null && loaded.TryGetValue(previousKey, out LoadedDigest? previous))
            {
                namedBy[previousKey] = key;
                if (status == CloudTrailChainFileStatus.Valid && previous.Digest is not null)
                {
                    links[previousKey] = digest.VerifyPrevious(previous.Digest, options.PublicKeys);
                }
            }
            else if (previousKey is not null && await IsDeletedAsync(previousKey, cancellationToken).ConfigureAwait(false))
            {
                digests.Add(new CloudTrailChainFileResult(previousKey, CloudTrailObjectKind.Digest, CloudTrailChainFileStatus.Deleted, null, key));
                gaps.Add(new CloudTrailChainGap(CloudTrailChainGapKind.DigestDeleted, key, previousKey));
            }
        }
    }

    /// <summary>Checks backfill digests, which only their own signature proves.</summary>
    public async Task CheckBackfillAsync(List<LoadedDigest> backfill, CancellationToken cancellationToken)
    {
        foreach (LoadedDigest current in backfill)
        {
            DigestValidationStatus? own = await OwnSignatureAsync(current, cancellationToken).ConfigureAwait(false);
            (CloudTrailChainFileStatus status, DigestValidationStatus? check) = current.Digest is null
                ? (CloudTrailChainFileStatus.Invalid, DigestValidationStatus.InvalidFormat)
                : Decide(own, null);
            digests.Add(new CloudTrailChainFileResult(current.Key.Key, CloudTrailObjectKind.Digest, status, check, null) { IsBackfill = true });
            if (status == CloudTrailChainFileStatus.Valid)
            {
                _proven.Add(current.Key.Key);
            }
        }
    }

    // A digest is proven by a valid signature of its own or a valid link from a proven newer digest, and any failed
    // check outweighs a passed one (a validly signed digest the chain does not vouch for was swapped in).
    private static (CloudTrailChainFileStatus Status, DigestValidationStatus? Check) Decide(DigestValidationStatus? own, DigestValidationStatus? link)
    {
        foreach (DigestValidationStatus? check in (DigestValidationStatus?[])[own, link])
        {
            if (check is { } failed && failed != DigestValidationStatus.Valid)
            {
                return (failed is DigestValidationStatus.HashMismatch or DigestValidationStatus.SignatureInvalid ? CloudTrailChainFileStatus.Modified : CloudTrailChainFileStatus.Invalid, failed);
            }
        }

        return own == DigestValidationStatus.Valid || link == DigestValidationStatus.Valid
            ? (CloudTrailChainFileStatus.Valid, DigestValidationStatus.Valid)
            : (CloudTrailChainFileStatus.Unverified, null);
    }

    private async Task<DigestValidationStatus?> OwnSignatureAsync(LoadedDigest current, CancellationToken cancellationToken)
    {
        if (current.Digest is null || options.DigestSignatureProvider is null)
        {
            return null;
        }

        string? signature = await options.DigestSignatureProvider(current.Key.Key, cancellationToken).ConfigureAwait(false);
        if (signature is null)
        {
            return null;
        }

        // The digest names its bucket key; the store may hold it under another prefix (a sync that dropped it).
        return current.Digest.DigestS3Object is { } named && !string.Equals(ChainValidation.Rebase(root, named), current.Key.Key, StringComparison.Ordinal)
            ? DigestValidationStatus.Moved
            : current.Digest.VerifySignature(signature, options.PublicKeys);
    }

    // A previous digest outside the range is not looked for; one inside it that was not listed is gone.
    private async Task<bool> IsDeletedAsync(string previousKey, CancellationToken cancellationToken)
    {
        if (!CloudTrailObjectKey.TryParse(previousKey, out CloudTrailObjectKey? parsed) || parsed.Time < from)
        {
            return false;
        }

        try
        {
            Stream stream = await store.OpenReadAsync(previousKey, cancellationToken).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
    }
}
