namespace CloudTrailModel.Tests;

public sealed class CloudTrailEventVersionTests
{
    [Fact]
    public void Compare_1_10_IsGreaterThan_1_09()
    {
        CloudTrailEventVersion.Parse("1.10").Should().BeGreaterThan(CloudTrailEventVersion.Parse("1.09"));
        (CloudTrailEventVersion.V1_10 > CloudTrailEventVersion.V1_09).Should().BeTrue();
        (CloudTrailEventVersion.Parse("1.9") < CloudTrailEventVersion.Parse("1.10")).Should().BeTrue();
    }

    [Fact]
    public void Equals_1_0_And_1_00_AreEqual()
    {
        CloudTrailEventVersion.Parse("1.0").Should().Be(CloudTrailEventVersion.Parse("1.00"));
        (CloudTrailEventVersion.Parse("1.0") == CloudTrailEventVersion.V1_0).Should().BeTrue();
        CloudTrailEventVersion.Parse("1.0").GetHashCode().Should().Be(CloudTrailEventVersion.Parse("1.00").GetHashCode());
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.00")]
    [InlineData("1.05")]
    [InlineData("1.11")]
    public void ToString_KeepsTheOriginalText(string text) => CloudTrailEventVersion.Parse(text).ToString().Should().Be(text);

    [Theory]
    [InlineData("foo")]
    [InlineData("...")]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1.x")]
    [InlineData("-1.0")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAVersion_ReturnsFalse(string? text)
    {
        CloudTrailEventVersion.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_NotAVersion_ThrowsFormatException()
    {
        Action act = () => CloudTrailEventVersion.Parse("foo");

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Constructor_FormatsMinorWithTwoDigits()
    {
        new CloudTrailEventVersion(1, 8).ToString().Should().Be("1.08");
        new CloudTrailEventVersion(1, 8).Should().Be(CloudTrailEventVersion.V1_08);
    }

    [Fact]
    public void Sort_OrdersNumerically()
    {
        string[] sorted = new[] { "1.10", "1.0", "1.09", "1.11", "1.05" }.Select(CloudTrailEventVersion.Parse).Order().Select(v => v.ToString()).ToArray();

        sorted.Should().Equal("1.0", "1.05", "1.09", "1.10", "1.11");
    }

    [Fact]
    public void VersionsWithTheSameNumbers_OrWhoseNumbersMeetInTheSharedTable_KeepTheirOwnText()
    {
        // Versions read are shared by their numbers; texts that differ (1.0 and 1.00) and numbers that land in the
        // same entry (1.1 and 1.33, 2.2 and 1.34) must each come back as they were read, from many threads at once.
        string[] texts = ["1.0", "1.00", "1.1", "1.33", "2.2", "1.34", "1.08", "01.08", "1.10", "10.1", "1.100"];

        Parallel.For(0, 2000, i =>
        {
            string text = texts[i % texts.Length];
            CloudTrailEventVersion version = CloudTrailEventVersion.Parse(text);
            version.ToString().Should().Be(text);
            string[] parts = text.Split('.');
            version.Major.Should().Be(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
            version.Minor.Should().Be(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        });
        CloudTrailEventVersion.Parse("1.0").Should().Be(CloudTrailEventVersion.Parse("1.00"));
        default(CloudTrailEventVersion).ToString().Should().Be("0.00");
        default(CloudTrailEventVersion).Major.Should().Be(0);
    }
}
