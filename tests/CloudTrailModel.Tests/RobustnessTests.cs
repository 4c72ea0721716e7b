using System.Globalization;
using CloudTrailModel.Tests.Infrastructure;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;

namespace CloudTrailModel.Tests;

/// <summary>Truncation at every byte offset and a seeded mutation fuzz: Skip mode never throws, never invents records.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public void ReadRecords_TruncatedAtEveryByteOffset_NeverThrowsAndReturnsOnlyCompleteRecords()
    {
        string[] parts = [Record(0), Record(1), Record(2)];
        string full = LogFile(parts);
        byte[] bytes = Utf8(full);
        int[] ends = [.. Enumerable.Range(0, 3).Select(i => "{\"Records\":[".Length + parts.Take(i + 1).Sum(p => p.Length) + i)];

        for (int length = 0; length < bytes.Length; length++)
        {
            (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(bytes[..length]);

            errors.Should().NotBeEmpty($"a log file cut at byte {length} is incomplete");
            records.Select(r => r.EventId).Should().Equal(Enumerable.Range(0, records.Count).Select(i => $"id-{i}"), $"cut at byte {length}");
            records.Should().HaveCount(ends.Count(end => end <= length), $"every record complete at byte {length} is returned");
        }
    }

    [Fact]
    public void ReadRecords_SeededMutations_NeverThrowInSkipMode()
    {
        byte[] original = Utf8(LogFile(4));
        byte[] alphabet = "{}[]\",:\\ \n0aZ\u0000"u8.ToArray();
        var random = new Random(20240601);

        for (int round = 0; round < 2000; round++)
        {
            byte[] mutated = (byte[])original.Clone();
            int changes = random.Next(1, 4);
            for (int c = 0; c < changes; c++)
            {
                mutated[random.Next(mutated.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            Action act = () => _ = ReadSkip(mutated);

            act.Should().NotThrow($"round {round}");
        }
    }
}

/// <summary>Parsing and writing do not depend on the current culture.</summary>
[Collection(ConsoleTests.Name)]
public sealed class CultureTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    public void Dispose() => CultureInfo.CurrentCulture = _culture;

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Parse_UnderNonInvariantCulture_ReadsAndWritesTheSame(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        string json = """{"eventVersion":"1.10","eventTime":"2024-03-01T12:00:00Z","userIdentity":{"type":"IAMUser","sessionContext":{"attributes":{"creationDate":"20131102T010628Z","mfaAuthenticated":"TRUE"}}},"insightDetails":{"insightContext":{"statistics":{"baseline":{"average":1.5}}}}}""";

        CloudTrailRecord record = CloudTrailRecord.Parse(json);

        record.EventVersion.Should().Be(CloudTrailEventVersion.V1_10);
        record.EventTime.Should().Be(new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero));
        record.InsightDetails!.InsightContext!.Statistics!.Baseline!.Average.Should().Be(1.5);
        string written = System.Text.Json.JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
        written.Should().Contain("1.5").And.NotContain("1,5");
        using var input = System.Text.Json.JsonDocument.Parse(json);
        using var output = System.Text.Json.JsonDocument.Parse(written);
        JsonStructure.FirstDifference(input.RootElement, output.RootElement).Should().BeNull();
    }
}
