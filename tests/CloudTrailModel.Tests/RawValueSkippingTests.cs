using System.Text;
using System.Text.Json;
using CloudTrailModel.Internal;
using CloudTrailModel.Reading.Materialize;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;

namespace CloudTrailModel.Tests;

/// <summary>
/// Free-form values (request parameters, response elements, additional event data) are skipped by a tight syntax
/// check of their own rather than token by token: it must end exactly where Utf8JsonReader ends, never accept what
/// the reader rejects, and a record that fails must be reported exactly as the reader reports it.
/// </summary>
public sealed class RawValueSkippingTests
{
    // Every JSON kind, escapes, numbers of every form, nesting, and whitespace of every kind.
    private static readonly string[] Containers =
    [
        """{"a":"b","c":[1,-2.5e+3,0,true,false,null,{}],"d":{"e":"\u00e9\"\\\/\b\f\n\r\t","f":[]}}""",
        """[ {"k" : "v" } , [ ] , "s" , 12 , -0.0E-1 , 1e5 , 0.25 ]""",
        "{\n\t\"x\": {\r\n \"y\": [1, 2]}\n}",
        """{"bucketName":"my-bucket","key":"a/b c.txt","Host":"my-bucket.s3.amazonaws.com","acl":""}""",
        """[[[[["deep"]]]]]""",
        """{"ünïcödé":"值","emoji":"😀"}""",
        "{}",
        "[]",

        // Strings longer than a vector (32 bytes), with escapes and the closing quote at different places in a block.
        "{\"policy\":\"" + new string('p', 33) + "\\\"" + new string('q', 28) + "\\u0041" + new string('r', 40) + "\",\"list\":[\"" + new string('s', 31) + "\",\"" + new string('t', 64) + "\"]}",
    ];

    private const int MaxDepth = 64;

    [Fact]
    public void SkipContainer_ValidJson_EndsWhereTheReaderEnds()
    {
        foreach (string container in Containers)
        {
            byte[] json = Utf8(container + ",\"after\"}");
            int? readerEnd = ReaderEnd(json);

            readerEnd.Should().Be(Encoding.UTF8.GetByteCount(container), container);
            JsonSkipper.SkipContainer(json, 0, MaxDepth).Should().Be(readerEnd, container);
        }
    }

    [Fact]
    public void SkipContainer_EveryOneByteChange_AgreesWithTheReader()
    {
        // Every byte replaced by each byte that matters to JSON's syntax, every byte deleted, every prefix: where the
        // reader accepts the result the skipper ends at the same place, and it never accepts what the reader rejects.
        byte[] swaps = Utf8(" \t\n\r\"\\{}[]:,0123456789-+.eEtrufalsn/x\u007f");
        swaps = [.. swaps, 0x00, 0x1F];
        int accepted = 0, rejected = 0;
        foreach (string container in Containers)
        {
            byte[] json = Utf8(container);
            var variants = new List<byte[]>();
            for (int i = 0; i < json.Length; i++)
            {
                foreach (byte swap in swaps)
                {
                    byte[] changed = (byte[])json.Clone();
                    changed[i] = swap;
                    variants.Add(changed);
                }

                variants.Add([.. json.AsSpan(0, i), .. json.AsSpan(i + 1)]);
                variants.Add(json[..i]);
            }

            foreach (byte[] variant in variants)
            {
                if (variant.Length == 0 || variant[0] is not ((byte)'{' or (byte)'['))
                {
                    continue;
                }

                int? readerEnd = ReaderEnd(variant);
                int skipped = JsonSkipper.SkipContainer(variant, 0, MaxDepth);
                if (readerEnd is null)
                {
                    skipped.Should().Be(-1, "the reader rejects {0}", Encoding.UTF8.GetString(variant));
                    rejected++;
                }
                else
                {
                    skipped.Should().Be(readerEnd, "the reader accepts {0}", Encoding.UTF8.GetString(variant));
                    accepted++;
                }
            }
        }

        // Both sides were exercised.
        accepted.Should().BeGreaterThan(1000);
        rejected.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void SkipContainer_DeeperThanAllowed_LeavesItToTheReader()
    {
        byte[] json = Utf8(new string('[', 10) + new string(']', 10));

        JsonSkipper.SkipContainer(json, 0, 10).Should().Be(json.Length);
        JsonSkipper.SkipContainer(json, 0, 9).Should().Be(-1);
    }

    [Fact]
    public void ReadRecords_RawValuesOfEveryShape_KeptByteForByteAndMembersAfterThemRead()
    {
        var (records, errors) = ReadSkip(LogFile([.. Containers.Select((c, i) =>
            $$"""{"eventVersion":"1.08","requestParameters":{{c}},"eventID":"id-{{i}}","responseElements":{{c}},"additionalEventData":{{c}},"eventName":"Op{{i}}"}""")]));

        errors.Should().BeEmpty();
        records.Should().HaveCount(Containers.Length);
        for (int i = 0; i < Containers.Length; i++)
        {
            CloudTrailRecord record = records[i];
            byte[] expected = Utf8(Containers[i]);
            record.RequestParameters!.Utf8.ToArray().Should().Equal(expected);
            record.ResponseElements!.Utf8.ToArray().Should().Equal(expected);
            record.AdditionalEventData!.Utf8.ToArray().Should().Equal(expected);
            record.EventId.Should().Be($"id-{i}");
            record.EventName.Should().Be($"Op{i}");
        }
    }

    [Fact]
    public void Materialize_RecordWithFreeFormValue_SkipsItFast()
    {
        // Guards the fast path itself: if it stopped applying, reading would silently be as slow as before.
        byte[] json = Utf8("""{"eventVersion":"1.08","requestParameters":{"a":[1,2]},"eventID":"x"}""");
        var state = new ParseState(new StringPool());

        MaterializeStatus status = RecordMaterializer.Materialize(state, json, 0, json.Length, inputEnded: false, MaxDepth, out CloudTrailRecord? record, out int consumed, out _, out _, out _);

        status.Should().Be(MaterializeStatus.Ok);
        state.SkippedFast.Should().BeTrue();
        consumed.Should().Be(json.Length);
        record!.EventId.Should().Be("x");
    }

    [Theory]
    [InlineData("{\"b\":tru}")]
    [InlineData("{\"b\":[1,]}")]
    [InlineData("{\"b\":\"\u0001\"}")]
    [InlineData("{\"b\":01}")]
    [InlineData("{\"b\" 1}")]
    public void ReadRecords_MalformedValueAfterOneSkippedFast_ReportedExactlyAsTheReaderDoes(string malformed)
    {
        // A record over several lines: the first free-form value is skipped fast, the second is malformed. The error's
        // line and column are the reader's own over the whole record (the record is parsed again without skipping fast).
        string bad = "{\"eventVersion\":\"1.08\",\n\"requestParameters\":{\"a\":{\"b\":[1,2]}},\n  \"responseElements\":" + malformed + ",\"eventID\":\"x\"}";
        (long line, long column) = ReaderError(Utf8(bad));

        var (records, errors) = ReadSkip(LogFile(Record(0), bad, Record(2)));

        records.Select(r => r.EventId).Should().Equal("id-0", "id-2");
        CloudTrailRecordError error = errors.Should().ContainSingle().Subject;
        error.ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
        error.RecordIndex.Should().Be(1);
        error.BytePosition.Should().Be("{\"Records\":[".Length + Record(0).Length + 1);
        error.LineInRecord.Should().Be(line);
        error.BytePositionInLine.Should().Be(column);
        line.Should().Be(2, "the error is on the record's third line");

        // The filter's pre-scan skips values fast too (also inside userIdentity): the same error, whatever the filter says.
        string log = LogFile(Record(0), bad.Replace("\"eventVersion\":\"1.08\",", "\"userIdentity\":{\"type\":\"Root\",\"sessionContext\":{\"attributes\":{}}},"), Record(2));
        var plain = ReadSkip(log);
        foreach (bool keep in new[] { true, false })
        {
            var filtered = ReadSkip(log, new CloudTrailReaderOptions { Filter = _ => keep });
            filtered.Errors.Should().BeEquivalentTo(plain.Errors);
            filtered.Records.Select(r => r.EventId).Should().Equal(keep ? ["id-0", "id-2"] : []);
        }
    }

    private static int? ReaderEnd(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
            reader.Read();
            reader.Skip();
            return checked((int)reader.BytesConsumed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (long Line, long Column) ReaderError(byte[] json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, default);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return (ex.LineNumber!.Value, ex.BytePositionInLine!.Value);
        }

        throw new InvalidOperationException("The record was expected to be malformed.");
    }
}
