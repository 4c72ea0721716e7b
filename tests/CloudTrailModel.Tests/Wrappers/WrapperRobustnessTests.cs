using static CloudTrailModel.Tests.Infrastructure.Fixtures;
using static CloudTrailModel.Tests.Wrappers.WrapperFixtures;

namespace CloudTrailModel.Tests.Wrappers;

/// <summary>Wrapper input cut at every byte and mutated at random: Skip mode never throws, never invents or loses records.</summary>
public sealed class WrapperRobustnessTests
{
    private static readonly string[] Documents =
    [
        Event(Record(0), n: 0), DataMessage(1, 2), LookupPage("t", 3), AwsLogs(DataMessage(4)), Event(Record(5), n: 5),
    ];

    [Fact]
    public void ReadRecords_WrappersTruncatedAtEveryByteOffset_ReturnOnlyCompleteDocumentsRecords()
    {
        string full = string.Join("\n", Documents);
        int[] ends = [.. Enumerable.Range(0, Documents.Length).Select(i => Documents.Take(i + 1).Sum(d => d.Length) + i)];
        int[] recordsUpTo = [1, 3, 4, 5, 6];

        for (int length = 1; length < full.Length; length++)
        {
            (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(full[..length]);

            int complete = ends.Count(end => end <= length);
            int expected = complete == 0 ? 0 : recordsUpTo[complete - 1];
            records.Select(r => r.EventId).Should().Equal(Enumerable.Range(0, expected).Select(i => $"id-{i}"), $"cut at byte {length}");
            if (!ends.Contains(length) && !ends.Contains(length - 1))
            {
                errors.Should().ContainSingle($"a document cut at byte {length} is incomplete").Which.RecordIndex.Should().Be(expected);
            }
        }
    }

    [Fact]
    public void ReadRecords_SeededMutationsOfWrappers_NeverThrowAndAgreeWithReadEntries()
    {
        byte[] original = WrapperFixtures.Utf8(string.Join("\n", Documents));
        byte[] alphabet = "{}[]\",:\\ \n0aZ\u0000"u8.ToArray();
        var random = new Random(20241204);

        for (int round = 0; round < 1500; round++)
        {
            byte[] mutated = (byte[])original.Clone();
            int changes = random.Next(1, 4);
            for (int c = 0; c < changes; c++)
            {
                mutated[random.Next(mutated.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = ReadSkip(mutated);
            (List<CloudTrailEntry> entries, List<CloudTrailRecordError> entryErrors) = ReadEntriesSkip(mutated);

            records.Should().HaveCountLessThanOrEqualTo(6, $"round {round}");
            entries.Select(e => e.Record.EventId).Should().Equal(records.Select(r => r.EventId), $"round {round}");
            entryErrors.Should().Equal(errors, $"round {round}");
            Action throwMode = () => _ = CloudTrailReader.ReadRecords(new MemoryStream(mutated)).Count();
            if (errors.Count > 0)
            {
                throwMode.Should().Throw<CloudTrailParseException>($"round {round}");
            }
        }
    }
}
