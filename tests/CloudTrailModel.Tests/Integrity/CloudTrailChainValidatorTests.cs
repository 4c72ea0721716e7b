using System.Text;
using CloudTrailModel.Integrity;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Integrity;

/// <summary>
/// Digest-chain validation of trail folders: a trail made and signed here (organisation layout, two accounts, two
/// regions), then each tampering class applied to its files, as <c>aws cloudtrail validate-logs</c> would report it.
/// </summary>
public sealed class CloudTrailChainValidatorTests : IDisposable
{
    private const string Account = "111122223333";
    private const string OtherAccount = "444455556666";
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 22, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("chain-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Three hours across midnight for one account and region, two hours of another account elsewhere.
    private static SignedTrail Trail(string prefix = "") => new SignedTrail(prefix: prefix)
        .AddHours(Account, "us-east-1", Start, 3)
        .AddHours(OtherAccount, "eu-west-1", Start, 2);

    private string LogKey(SignedTrail trail, int index, string account = Account) =>
        trail.LogJson.Keys.Where(k => k.Contains(account + "/CloudTrail/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ElementAt(index);

    private async Task<CloudTrailChainReport> ValidateAsync(SignedTrail trail, CloudTrailChainValidationOptions? options = null, string? prefix = null)
    {
        trail.WriteTo(_folder);
        return await CloudTrailChainValidator.ValidateAsync(_folder, options ?? trail.Options(), prefix);
    }

    [Fact]
    public async Task ValidateAsync_IntactOrganisationTrail_AllValid()
    {
        SignedTrail trail = Trail();

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.IsValid.Should().BeTrue();
        report.Gaps.Should().BeEmpty();
        report.Digests.Select(d => d.Key).Should().BeEquivalentTo(trail.DigestKeys);
        report.Digests.Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Valid && d.Check == DigestValidationStatus.Valid);
        report.Digests.Should().OnlyContain(d => d.Key.Contains("/o-abcdefghij/", StringComparison.Ordinal));
        report.LogFiles.Select(l => l.Key).Should().BeEquivalentTo(trail.LogJson.Keys);
        report.LogFiles.Should().OnlyContain(l => l.Status == CloudTrailChainFileStatus.Valid && l.DigestKey != null);
    }

    [Fact]
    public async Task ValidateAsync_NewestDigestChain_NewerDigestsNameTheirPrevious()
    {
        SignedTrail trail = Trail();

        CloudTrailChainReport report = await ValidateAsync(trail);

        List<CloudTrailChainFileResult> chain = [.. report.Digests.Where(d => d.Key.Contains(Account, StringComparison.Ordinal))];
        chain.Select(d => d.Key).Should().Equal(trail.DigestKeys.Where(k => k.Contains(Account, StringComparison.Ordinal)).Reverse());
        chain[0].DigestKey.Should().BeNull();
        chain[1].DigestKey.Should().Be(chain[0].Key);
        chain[2].DigestKey.Should().Be(chain[1].Key);
    }

    [Fact]
    public async Task ValidateAsync_OnlyNewestSignatureSupplied_ChainProvesTheOlderDigests()
    {
        SignedTrail trail = Trail();
        var newest = trail.DigestKeys.GroupBy(k => k.Split('/')[2]).Select(g => g.Last()).ToHashSet();
        CloudTrailChainValidationOptions options = trail.Options() with
        {
            DigestSignatureProvider = (key, _) => ValueTask.FromResult(newest.Contains(key) ? trail.Signatures[key] : null),
        };

        CloudTrailChainReport report = await ValidateAsync(trail, options);

        report.IsValid.Should().BeTrue();
        report.CountDigests(CloudTrailChainFileStatus.Valid).Should().Be(5);
    }

    [Fact]
    public async Task ValidateAsync_NoSignatures_NothingProven()
    {
        SignedTrail trail = Trail();

        CloudTrailChainReport report = await ValidateAsync(trail, trail.Options(signatures: false));

        report.IsValid.Should().BeFalse();
        report.Digests.Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Unverified && d.Check == null);
        report.LogFiles.Should().OnlyContain(l => l.Status == CloudTrailChainFileStatus.Unverified);
    }

    [Fact]
    public async Task ValidateAsync_ModifiedLogFile_ReportsModified()
    {
        SignedTrail trail = Trail();
        string key = LogKey(trail, 2);
        trail.Objects[key] = SignedTrail.Gzip(Encoding.UTF8.GetBytes(trail.LogJson[key].Replace("GetObject", "PutObject", StringComparison.Ordinal)));

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.IsValid.Should().BeFalse();
        report.LogFiles.Single(l => l.Status != CloudTrailChainFileStatus.Valid).Should().Be(
            new CloudTrailChainFileResult(key, CloudTrailObjectKind.Log, CloudTrailChainFileStatus.Modified, DigestValidationStatus.HashMismatch, report.LogFiles.Single(l => l.Key == key).DigestKey));
        report.Digests.Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Valid);
    }

    [Fact]
    public async Task ValidateAsync_CorruptGzipLogFile_ReportsModified()
    {
        SignedTrail trail = Trail();
        string key = LogKey(trail, 1);
        byte[] bytes = trail.Objects[key];
        bytes[bytes.Length / 2] ^= 0xFF;

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.LogFiles.Single(l => l.Key == key).Status.Should().Be(CloudTrailChainFileStatus.Modified);
    }

    [Fact]
    public async Task ValidateAsync_DeletedLogFile_ReportsDeleted()
    {
        SignedTrail trail = Trail();
        string key = LogKey(trail, 3);
        trail.Objects.Remove(key);

        CloudTrailChainReport report = await ValidateAsync(trail);

        CloudTrailChainFileResult result = report.LogFiles.Single(l => l.Status != CloudTrailChainFileStatus.Valid);
        result.Key.Should().Be(key);
        result.Status.Should().Be(CloudTrailChainFileStatus.Deleted);
        result.DigestKey.Should().NotBeNull();
    }

    [Fact]
    public async Task ValidateAsync_LogFileInNoDigest_ReportsMissing()
    {
        SignedTrail trail = Trail();
        string key = trail.AddLog(Account, "us-east-1", Start.AddMinutes(50)).Key;

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.LogFiles.Single(l => l.Status != CloudTrailChainFileStatus.Valid).Should().Be(
            new CloudTrailChainFileResult(key, CloudTrailObjectKind.Log, CloudTrailChainFileStatus.Missing, null, null));
        report.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task ValidateAsync_LogFileAfterNewestDigest_ReportsNotYetDelivered()
    {
        SignedTrail trail = Trail();
        string key = trail.AddLog(Account, "us-east-1", Start.AddHours(3).AddMinutes(10)).Key;

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.LogFiles.Single(l => l.Status != CloudTrailChainFileStatus.Valid).Should().Be(
            new CloudTrailChainFileResult(key, CloudTrailObjectKind.Log, CloudTrailChainFileStatus.NotYetDelivered, null, null));
        report.IsValid.Should().BeTrue("a log file its digest has not yet listed is not a fault");
    }

    [Fact]
    public async Task ValidateAsync_DataAppendedAfterGzipMember_ReportsAppendedData()
    {
        SignedTrail trail = Trail();
        string key = LogKey(trail, 0);
        trail.Objects[key] = [.. trail.Objects[key], .. "appended"u8];

        CloudTrailChainReport report = await ValidateAsync(trail);

        CloudTrailChainFileResult result = report.LogFiles.Single(l => l.Key == key);
        result.Status.Should().Be(CloudTrailChainFileStatus.AppendedData);
        result.Check.Should().Be(DigestValidationStatus.Valid, "the listed content itself is intact");
        report.LogFiles.Where(l => l.Key != key).Should().OnlyContain(l => l.Status == CloudTrailChainFileStatus.Valid);
    }

    [Fact]
    public async Task ValidateAsync_SecondGzipMemberAppended_ReportsModified()
    {
        SignedTrail trail = Trail();
        string key = LogKey(trail, 0);
        trail.Objects[key] = [.. trail.Objects[key], .. SignedTrail.Gzip("{\"Records\":[]}"u8.ToArray())];

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.LogFiles.Single(l => l.Key == key).Status.Should().Be(CloudTrailChainFileStatus.Modified, "gzip readers read the second member too");
    }

    [Fact]
    public async Task ValidateAsync_ModifiedDigest_ReportsModifiedAndLeavesItsLogFilesUnproven()
    {
        SignedTrail trail = Trail();
        string key = trail.DigestKeys[1];
        string json = Encoding.UTF8.GetString(SignedTrail.Gunzip(trail.Objects[key]));
        trail.Objects[key] = SignedTrail.Gzip(Encoding.UTF8.GetBytes(json.Replace("\"newestEventTime\":\"2024", "\"newestEventTime\":\"2023", StringComparison.Ordinal)));

        CloudTrailChainReport report = await ValidateAsync(trail);

        CloudTrailChainFileResult digest = report.Digests.Single(d => d.Key == key);
        digest.Status.Should().Be(CloudTrailChainFileStatus.Modified);
        digest.Check.Should().BeOneOf(DigestValidationStatus.SignatureInvalid, DigestValidationStatus.HashMismatch);
        report.Digests.Where(d => d.Key != key).Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Valid);
        report.LogFiles.Where(l => l.DigestKey == key).Should().HaveCount(2).And.OnlyContain(l => l.Status == CloudTrailChainFileStatus.Unverified);
    }

    [Fact]
    public async Task ValidateAsync_ModifiedDigestOnlyNewestSigned_ChainCatchesTheHash()
    {
        SignedTrail trail = Trail();
        string newest = trail.DigestKeys[2];
        string key = trail.DigestKeys[1];
        string json = Encoding.UTF8.GetString(SignedTrail.Gunzip(trail.Objects[key]));
        trail.Objects[key] = SignedTrail.Gzip(Encoding.UTF8.GetBytes(json.Replace("\"newestEventTime\":\"2024", "\"newestEventTime\":\"2023", StringComparison.Ordinal)));
        CloudTrailChainValidationOptions options = trail.Options() with
        {
            DigestSignatureProvider = (k, _) => ValueTask.FromResult(k == newest ? trail.Signatures[k] : null),
            AccountIds = [Account],
        };

        CloudTrailChainReport report = await ValidateAsync(trail, options);

        report.Digests.Select(d => (d.Status, d.Check)).Should().Equal(
            (CloudTrailChainFileStatus.Valid, DigestValidationStatus.Valid),
            (CloudTrailChainFileStatus.Modified, DigestValidationStatus.HashMismatch),
            (CloudTrailChainFileStatus.Unverified, (DigestValidationStatus?)null));
    }

    [Fact]
    public async Task ValidateAsync_DeletedDigest_ReportsDeletedAndAGap()
    {
        SignedTrail trail = Trail();
        string key = trail.DigestKeys[1];
        trail.Objects.Remove(key);

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.Digests.Single(d => d.Key == key).Should().Be(
            new CloudTrailChainFileResult(key, CloudTrailObjectKind.Digest, CloudTrailChainFileStatus.Deleted, null, trail.DigestKeys[2]));
        report.Gaps.Should().Equal(new CloudTrailChainGap(CloudTrailChainGapKind.DigestDeleted, trail.DigestKeys[2], key));
        report.LogFiles.Where(l => l.Status != CloudTrailChainFileStatus.Valid).Should().HaveCount(2)
            .And.OnlyContain(l => l.Status == CloudTrailChainFileStatus.Missing, "the deleted digest's log files are now in no digest");
        report.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task ValidateAsync_ChainRestarted_ReportsTheGap()
    {
        var trail = new SignedTrail().AddHours(Account, "us-east-1", Start, 2);
        string older = trail.DigestKeys[^1];
        var log = trail.AddLog(Account, "us-east-1", Start.AddHours(4).AddMinutes(5));
        string restarted = trail.AddDigest(Account, "us-east-1", Start.AddHours(5).AddSeconds(91), [log], starting: true);

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.Gaps.Should().Equal(new CloudTrailChainGap(CloudTrailChainGapKind.ChainRestarted, restarted, older));
        report.Digests.Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Valid);
        report.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task ValidateAsync_DigestNotOnTheChain_ReportsUnlinked()
    {
        var trail = new SignedTrail().AddHours(Account, "us-east-1", Start, 1);
        string first = trail.DigestKeys[0];
        // A validly signed digest between two chained ones that the newer one does not name.
        var other = new SignedTrail();
        var log = other.AddLog(Account, "us-east-1", Start.AddHours(1).AddMinutes(5));
        string unlinked = other.AddDigest(Account, "us-east-1", Start.AddHours(1).AddMinutes(30), [log], starting: true);
        trail.Objects[unlinked] = other.Objects[unlinked];
        trail.Objects[log.Key] = other.Objects[log.Key];
        trail.Signatures[unlinked] = other.Signatures[unlinked];
        string newest = trail.AddDigest(Account, "us-east-1", Start.AddHours(2).AddSeconds(91), []);

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.Gaps.Should().Equal(
            new CloudTrailChainGap(CloudTrailChainGapKind.Unlinked, newest, unlinked),
            new CloudTrailChainGap(CloudTrailChainGapKind.ChainRestarted, unlinked, first));
        report.Digests.Single(d => d.Key == first).DigestKey.Should().Be(newest);
        report.Digests.Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Valid);
    }

    [Fact]
    public async Task ValidateAsync_BackfillDigest_ProvenByItsOwnSignature()
    {
        SignedTrail trail = Trail();
        var late = trail.AddLog(Account, "us-east-1", Start.AddMinutes(58));
        string backfill = trail.AddDigest(Account, "us-east-1", Start.AddHours(3).AddMinutes(20), [late], backfill: true);

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.IsValid.Should().BeTrue();
        report.Digests.Single(d => d.Key == backfill).Should().Be(
            new CloudTrailChainFileResult(backfill, CloudTrailObjectKind.Digest, CloudTrailChainFileStatus.Valid, DigestValidationStatus.Valid, null) { IsBackfill = true });
        report.LogFiles.Single(l => l.Key == late.Key).Should().Be(
            new CloudTrailChainFileResult(late.Key, CloudTrailObjectKind.Log, CloudTrailChainFileStatus.Valid, DigestValidationStatus.Valid, backfill));
        report.Gaps.Should().BeEmpty("a backfill digest stands outside the chain");
    }

    [Fact]
    public async Task ValidateAsync_UnknownPublicKey_ReportsInvalid()
    {
        SignedTrail trail = Trail();
        var other = new SignedTrail(key: System.Security.Cryptography.RSA.Create(2048));

        CloudTrailChainReport report = await ValidateAsync(trail, trail.Options() with { PublicKeys = [other.PublicKey] });

        report.Digests.Should().OnlyContain(d => d.Status == CloudTrailChainFileStatus.Invalid && d.Check == DigestValidationStatus.PublicKeyNotFound);
        report.LogFiles.Should().OnlyContain(l => l.Status == CloudTrailChainFileStatus.Unverified);
    }

    [Fact]
    public async Task ValidateAsync_DigestMovedToAnotherKey_ReportsInvalidMoved()
    {
        SignedTrail trail = Trail();
        string key = trail.DigestKeys[2];
        string moved = key.Replace("T010131Z", "T010132Z", StringComparison.Ordinal);
        trail.Objects[moved] = trail.Objects[key];
        trail.Objects.Remove(key);
        trail.Signatures[moved] = trail.Signatures[key];

        CloudTrailChainReport report = await ValidateAsync(trail, trail.Options() with { AccountIds = [Account] });

        report.Digests.Single(d => d.Key == moved).Check.Should().Be(DigestValidationStatus.Moved);
        report.Digests.Single(d => d.Key == moved).Status.Should().Be(CloudTrailChainFileStatus.Invalid);
    }

    [Fact]
    public async Task ValidateAsync_NotADigest_ReportsInvalidFormat()
    {
        SignedTrail trail = Trail();
        string key = trail.DigestKeys[0];
        trail.Objects[key] = SignedTrail.Gzip("not json"u8.ToArray());

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.Digests.Single(d => d.Key == key).Should().Be(
            new CloudTrailChainFileResult(key, CloudTrailObjectKind.Digest, CloudTrailChainFileStatus.Invalid, DigestValidationStatus.InvalidFormat, trail.DigestKeys[1]));
    }

    [Fact]
    public async Task ValidateAsync_Range_ValidatesOnlyTheDigestsAndLogFilesOfTheRange()
    {
        SignedTrail trail = new SignedTrail().AddHours(Account, "us-east-1", Start.AddDays(-3), 2).AddHours(Account, "us-east-1", Start, 3);
        CloudTrailChainValidationOptions options = trail.Options() with { From = Start.AddHours(1), To = Start.AddHours(1).AddMinutes(50) };

        CloudTrailChainReport report = await ValidateAsync(trail, options);

        // Digests ending from the range's start to two hours after its end: those of 23:00, 00:00 and 01:00.
        report.Digests.Select(d => d.Key).Should().Equal(trail.DigestKeys[4], trail.DigestKeys[3], trail.DigestKeys[2]);
        report.IsValid.Should().BeTrue();
        report.LogFiles.Should().HaveCount(6);
    }

    [Fact]
    public async Task ValidateAsync_Range_ListsOnlyTheDayFoldersOfTheRange()
    {
        SignedTrail trail = new SignedTrail().AddHours(Account, "us-east-1", Start.AddDays(-5), 1).AddHours(Account, "us-east-1", Start, 1);
        trail.WriteTo(_folder);
        var store = new CountingStore(new Internal.FolderObjectStore(_folder));

        CloudTrailChainReport report = await CloudTrailChainValidator.ValidateAsync(store, null, trail.Options() with { From = Start, To = Start.AddMinutes(50) });

        report.Digests.Should().ContainSingle();
        store.ObjectListings.Should().OnlyContain(p => p.Contains("/2024/03/01/", StringComparison.Ordinal) || p.Contains("/2024/03/02/", StringComparison.Ordinal));
        store.ObjectListings.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ValidateAsync_RangeOfCenturies_ListsEachRegionFolderWholeOnce()
    {
        SignedTrail trail = Trail();
        trail.WriteTo(_folder);
        var store = new CountingStore(new Internal.FolderObjectStore(_folder));
        CloudTrailChainValidationOptions options = trail.Options() with { From = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), To = DateTimeOffset.MaxValue };

        CloudTrailChainReport report = await CloudTrailChainValidator.ValidateAsync(store, null, options);

        report.IsValid.Should().BeTrue();
        report.LogFiles.Should().HaveCount(trail.LogJson.Count);
        store.ObjectListings.Should().HaveCount(4, "two regions' digest and log folders, each listed whole").And.OnlyContain(p => p.EndsWith("-1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_CustomPrefixAndFilters_ValidatesThatPart()
    {
        SignedTrail trail = Trail(prefix: "team/logs/");
        trail.Objects["team/logs/AWSLogs/o-abcdefghij/" + Account + "/Config/ConfigWritabilityCheckFile"] = [];

        CloudTrailChainReport report = await ValidateAsync(trail, trail.Options() with { Regions = ["eu-west-1"] }, prefix: "team/logs");

        report.IsValid.Should().BeTrue();
        report.Digests.Should().HaveCount(2).And.OnlyContain(d => d.Key.StartsWith("team/logs/AWSLogs/o-abcdefghij/" + OtherAccount + "/", StringComparison.Ordinal));
        report.LogFiles.Should().HaveCount(4);
    }

    [Fact]
    public async Task ValidateAsync_FolderSyncedWithoutTheTrailsPrefix_StillMatchesTheDigestsKeys()
    {
        SignedTrail trail = Trail(prefix: "team/logs/");
        foreach ((string key, byte[] bytes) in trail.Objects)
        {
            string path = Path.Combine(_folder, key["team/logs/".Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }

        CloudTrailChainValidationOptions options = trail.Options() with
        {
            DigestSignatureProvider = (key, _) => ValueTask.FromResult(trail.Signatures.GetValueOrDefault("team/logs/" + key)),
        };
        CloudTrailChainReport report = await CloudTrailChainValidator.ValidateAsync(_folder, options);

        report.IsValid.Should().BeTrue();
        report.Digests.Should().HaveCount(5);
        report.LogFiles.Should().HaveCount(trail.LogJson.Count).And.OnlyContain(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_SingleAccountTrail_Validates()
    {
        var trail = new SignedTrail(organizationId: null).AddHours(Account, "us-east-1", Start, 2);

        CloudTrailChainReport report = await ValidateAsync(trail);

        report.IsValid.Should().BeTrue();
        report.Digests.Should().HaveCount(2);
    }

    [Fact]
    public async Task ValidateAsync_Cancelled_Throws()
    {
        SignedTrail trail = Trail();
        trail.WriteTo(_folder);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Func<Task> validate = () => CloudTrailChainValidator.ValidateAsync(_folder, trail.Options(), cancellationToken: cancelled.Token);

        await validate.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Validate_Folder_SameAsAsync()
    {
        SignedTrail trail = Trail();
        trail.WriteTo(_folder);

        CloudTrailChainReport report = CloudTrailChainValidator.Validate(_folder, trail.Options());

        report.IsValid.Should().BeTrue();
        report.LogFiles.Should().HaveCount(trail.LogJson.Count);
    }

    /// <summary>A store that records the prefixes whose objects were listed.</summary>
    private sealed class CountingStore(ICloudTrailObjectStore inner) : ICloudTrailObjectStore
    {
        public List<string> ObjectListings { get; } = [];

        public IAsyncEnumerable<string> ListPrefixesAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListPrefixesAsync(prefix, cancellationToken);

        public IAsyncEnumerable<CloudTrailObjectInfo> ListObjectsAsync(string prefix, CancellationToken cancellationToken = default)
        {
            lock (ObjectListings)
            {
                ObjectListings.Add(prefix);
            }

            return inner.ListObjectsAsync(prefix, cancellationToken);
        }

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);
    }
}
