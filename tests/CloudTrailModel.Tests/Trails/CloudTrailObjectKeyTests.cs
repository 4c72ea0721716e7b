namespace CloudTrailModel.Tests.Trails;

/// <summary>Keys from AWS's documented layouts (CloudTrail user guide, log file and digest file naming) and what must not parse.</summary>
public sealed class CloudTrailObjectKeyTests
{
    [Fact]
    public void TryParse_LogFileWithoutPrefix_ReadsEveryPart()
    {
        const string Key = "AWSLogs/111122223333/CloudTrail/us-east-2/2014/06/20/111122223333_CloudTrail_us-east-2_20140620T1255Z_HdkvFTXOA3Vnhbc7.json.gz";

        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? key).Should().BeTrue();

        key!.Key.Should().Be(Key);
        key.Prefix.Should().BeEmpty();
        key.RegionPrefix.Should().Be("AWSLogs/111122223333/CloudTrail/us-east-2/");
        key.OrganizationId.Should().BeNull();
        key.AccountId.Should().Be("111122223333");
        key.Kind.Should().Be(CloudTrailObjectKind.Log);
        key.Region.Should().Be("us-east-2");
        key.Date.Should().Be(new DateOnly(2014, 6, 20));
        key.Time.Should().Be(new DateTimeOffset(2014, 6, 20, 12, 55, 0, TimeSpan.Zero));
        key.Time.Offset.Should().Be(TimeSpan.Zero);
        key.UniqueId.Should().Be("HdkvFTXOA3Vnhbc7");
        key.TrailName.Should().BeNull();
        key.HomeRegion.Should().BeNull();
        key.IsBackfill.Should().BeFalse();
        key.ToString().Should().Be(Key);
    }

    [Fact]
    public void TryParse_OrganizationTrailWithPrefix_ReadsOrganizationAndMemberAccount()
    {
        const string Key = "my-prefix/AWSLogs/o-exampleorgid/111111111111/CloudTrail/eu-west-1/2025/01/31/111111111111_CloudTrail_eu-west-1_20250131T2355Z_a1B2c3D4e5F6g7H8.json.gz";

        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? key).Should().BeTrue();

        key!.Prefix.Should().Be("my-prefix/");
        key.OrganizationId.Should().Be("o-exampleorgid");
        key.AccountId.Should().Be("111111111111");
        key.RegionPrefix.Should().Be("my-prefix/AWSLogs/o-exampleorgid/111111111111/CloudTrail/eu-west-1/");
        key.Time.Should().Be(new DateTimeOffset(2025, 1, 31, 23, 55, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("a/b/c/")]
    [InlineData("o-exampleorgid/")]
    [InlineData("AWSLogs/222222222222/CloudTrail/us-east-1/2020/01/01/")]
    [InlineData("my logs/ä+b=c&d?e%20f#g/")]
    [InlineData("/")]
    [InlineData("x//y/")]
    public void TryParse_AnyPrefix_IsKeptAsGiven(string prefix)
    {
        string key = prefix + "AWSLogs/o-aa11bb22cc/123456789012/CloudTrail/us-gov-west-1/2023/12/31/123456789012_CloudTrail_us-gov-west-1_20231231T0000Z_Zz09Zz09Zz09Zz09.json.gz";

        CloudTrailObjectKey.TryParse(key, out CloudTrailObjectKey? parsed).Should().BeTrue();

        parsed!.Prefix.Should().Be(prefix);
        parsed.OrganizationId.Should().Be("o-aa11bb22cc");
        parsed.Region.Should().Be("us-gov-west-1");
    }

    [Fact]
    public void TryParse_InsightsFile_IsInsightKind()
    {
        const string Key = "AWSLogs/111122223333/CloudTrail-Insight/cn-north-1/2019/11/20/111122223333_CloudTrail-Insight_cn-north-1_20191120T0905Z_abcdEFGH12345678.json.gz";

        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? key).Should().BeTrue();

        key!.Kind.Should().Be(CloudTrailObjectKind.Insight);
        key.Region.Should().Be("cn-north-1");
        key.UniqueId.Should().Be("abcdEFGH12345678");
        key.Time.Should().Be(new DateTimeOffset(2019, 11, 20, 9, 5, 0, TimeSpan.Zero));
    }

    [Fact]
    public void TryParse_DigestFile_ReadsTrailHomeRegionAndSeconds()
    {
        const string Key = "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-1_20150817T150131Z.json.gz";

        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? key).Should().BeTrue();

        key!.Kind.Should().Be(CloudTrailObjectKind.Digest);
        key.Region.Should().Be("us-east-2");
        key.TrailName.Should().Be("your-trail-name");
        key.HomeRegion.Should().Be("us-east-1");
        key.Time.Should().Be(new DateTimeOffset(2015, 8, 17, 15, 1, 31, TimeSpan.Zero));
        key.UniqueId.Should().BeNull();
        key.IsBackfill.Should().BeFalse();
    }

    [Fact]
    public void TryParse_BackfillDigestOfOrganizationTrailWithUnderscoresInTrailName_ReadsEveryPart()
    {
        const string Key = "o-abcdefghij/AWSLogs/o-abcdefghij/444455556666/CloudTrail-Digest/ap-southeast-5/2024/02/29/444455556666_CloudTrail-Digest_ap-southeast-5_org_trail.v2_eu-central-1_20240229T235959Z_backfill.json.gz";

        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? key).Should().BeTrue();

        key!.Prefix.Should().Be("o-abcdefghij/");
        key.OrganizationId.Should().Be("o-abcdefghij");
        key.AccountId.Should().Be("444455556666");
        key.TrailName.Should().Be("org_trail.v2");
        key.HomeRegion.Should().Be("eu-central-1");
        key.IsBackfill.Should().BeTrue();
        key.Time.Should().Be(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-2/2014/06/20/111122223333_CloudTrail_us-east-2_20140620T1255ZHdkvFTXOA3Vnhbc.json.gz", "HdkvFTXOA3Vnhbc")] // a documented example without the '_'
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-2/2014/06/20/111122223333_CloudTrail_us-east-2_20140620T1255Z_HdkvFTXOA3Vnhbc7.json", "HdkvFTXOA3Vnhbc7")] // unzipped copy
    public void TryParse_ToleratedSpellings_Parse(string key, string uniqueId)
    {
        CloudTrailObjectKey.TryParse(key, out CloudTrailObjectKey? parsed).Should().BeTrue();

        parsed!.UniqueId.Should().Be(uniqueId);
    }

    [Theory]
    [InlineData("AWSLogs/111122223333/Config/ConfigWritabilityCheckFile")]
    [InlineData("AWSLogs/111122223333/Config/us-east-1/2024/1/2/ConfigSnapshot/111122223333_Config_us-east-1_ConfigSnapshot_20240102T030405Z_0a1b2c3d.json.gz")]
    [InlineData("AWSLogs/111122223333/elasticloadbalancing/us-east-1/2024/01/02/111122223333_elasticloadbalancing_us-east-1_app.my-lb.50dc6c495c0c9188_20240102T0305Z_10.0.0.1_abc.log.gz")]
    [InlineData("AWSLogs/111122223333/vpcflowlogs/us-east-1/2024/01/02/111122223333_vpcflowlogs_us-east-1_fl-1234abcd_20240102T0305Z_hash.log.gz")]
    [InlineData("AWSLogs/111122223333/CloudTrail-Lake/Query/2024/01/02/q-1/result_1.csv.gz")]
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/notes.txt")]
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/")]
    [InlineData("111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")]
    [InlineData("")]
    [InlineData("AWSLogs")]
    public void TryParse_OtherObjects_AreNotCloudTrailKeys(string key)
    {
        CloudTrailObjectKey.TryParse(key, out CloudTrailObjectKey? parsed).Should().BeFalse();
        parsed.Should().BeNull();
    }

    [Theory]
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/999999999999_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // account differs
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-west-2_20240102T0305Z_abc.json.gz")] // region differs
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240102T030500Z.json.gz")] // kind differs
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/03/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // date differs
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2023/02/29/111122223333_CloudTrail_us-east-1_20230229T0305Z_abc.json.gz")] // no such day
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/13/02/111122223333_CloudTrail_us-east-1_20241302T0305Z_abc.json.gz")] // no such month
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/1/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // one-digit month folder
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T2405Z_abc.json.gz")] // hour 24
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0360Z_abc.json.gz")] // minute 60
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_2024-01-02T0305Z_abc.json.gz")] // punctuated stamp
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T030501Z_abc.json.gz")] // seconds in a log name
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_.json.gz")] // no unique part
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_a-b.json.gz")] // unique part not a word
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz.tmp")] // extension
    [InlineData("AWSLogs/11112222333/CloudTrail/us-east-1/2024/01/02/11112222333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // 11-digit account
    [InlineData("AWSLogs/o-ab/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // org ID too short
    [InlineData("AWSLogs/o-ABCDEFGHIJ/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // org ID upper case
    [InlineData("AWSLogz/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // no AWSLogs
    [InlineData("AWSLogs/extra/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz")] // extra folder
    [InlineData("AWSLogs/111122223333/cloudtrail/us-east-1/2024/01/02/111122223333_cloudtrail_us-east-1_20240102T0305Z_abc.json.gz")] // kind casing
    [InlineData("AWSLogs/111122223333/CloudTrail/US-EAST-1/2024/01/02/111122223333_CloudTrail_US-EAST-1_20240102T0305Z_abc.json.gz")] // region casing
    [InlineData("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240102T0305Z.json.gz")] // digest without seconds
    [InlineData("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_us-east-1_20240102T030500Z.json.gz")] // digest without trail name
    [InlineData("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_trail_home_20240102T030500Z.json.gz")] // home region not a region
    [InlineData("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_tr/ail_us-east-1_20240102T030500Z.json.gz")] // slash splits the name
    public void TryParse_InconsistentOrMalformedKeys_AreRejected(string key)
    {
        CloudTrailObjectKey.TryParse(key, out CloudTrailObjectKey? parsed).Should().BeFalse();
        parsed.Should().BeNull();
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        CloudTrailObjectKey.TryParse(null!, out CloudTrailObjectKey? parsed).Should().BeFalse();
        parsed.Should().BeNull();
    }

    [Fact]
    public void Equals_SameKey_AreEqual()
    {
        const string Key = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0305Z_abc.json.gz";
        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? a).Should().BeTrue();
        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? b).Should().BeTrue();
        CloudTrailObjectKey.TryParse(Key.Replace("abc", "abd", StringComparison.Ordinal), out CloudTrailObjectKey? c).Should().BeTrue();

        a.Should().Be(b);
        a!.GetHashCode().Should().Be(b!.GetHashCode());
        a.Should().NotBe(c);
    }

    [Fact]
    public void GetDatePrefixes_RangeAcrossMonthAndYear_ListsEveryUtcDay()
    {
        var from = new DateTimeOffset(2024, 12, 30, 23, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2025, 1, 2, 0, 30, 0, TimeSpan.FromHours(2)); // 2025-01-01T22:30Z

        CloudTrailObjectKey.GetDatePrefixes("AWSLogs/111122223333/CloudTrail/us-east-1", from, to).Should().Equal(
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/12/30/",
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/12/31/",
            "AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/01/");
    }

    [Fact]
    public void GetDatePrefixes_OneInstant_ListsItsDay()
    {
        var at = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);

        CloudTrailObjectKey.GetDatePrefixes("p/", at, at).Should().Equal("p/2024/02/29/");
    }

    [Fact]
    public void GetDatePrefixes_ToBeforeFrom_ListsNothing()
    {
        var at = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);

        CloudTrailObjectKey.GetDatePrefixes("p/", at, at.AddDays(-2)).Should().BeEmpty();
    }

    [Fact]
    public void GetDatePrefixes_EndOfCalendar_Stops()
    {
        CloudTrailObjectKey.GetDatePrefixes("p/", DateTimeOffset.MaxValue.AddDays(-1), DateTimeOffset.MaxValue).Should().Equal("p/9999/12/30/", "p/9999/12/31/");
    }

    [Fact]
    public void GetDatePrefixes_KeyRegionPrefix_CoversTheKey()
    {
        const string Key = "x/AWSLogs/o-exampleorgid/111111111111/CloudTrail/eu-west-1/2025/01/31/111111111111_CloudTrail_eu-west-1_20250131T2355Z_a1.json.gz";
        CloudTrailObjectKey.TryParse(Key, out CloudTrailObjectKey? key).Should().BeTrue();

        string prefix = CloudTrailObjectKey.GetDatePrefixes(key!.RegionPrefix, key.Time, key.Time).Single();

        Key.Should().StartWith(prefix);
    }
}
