using System.Text;
using System.Text.Json;
using CloudTrailModel.Reading.Framing;
using CloudTrailModel.Tests.Infrastructure;
using static CloudTrailModel.Tests.Infrastructure.Fixtures;

namespace CloudTrailModel.Tests.Reading;

/// <summary>
/// The framing scan finds where a value ends by its structure alone, 64 bytes at a time: it must give the scalar scan's
/// answer on every input (valid or not), the reader's answer on valid JSON, and the same answer however the input is
/// cut into refills.
/// </summary>
public sealed class ValueEndScannerTests
{
    [SkippableFact]
    public void FindEnd_CorpusFiles_AgreesWithScalarAndReader()
    {
        string dir = Corpus.Require();
        int compared = 0, checkedByReader = 0;
        foreach (string path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(p => !p.EndsWith(".gz", StringComparison.Ordinal)))
        {
            byte[] data = File.ReadAllBytes(path);
            int seen = 0;
            for (int i = 0; i < data.Length && seen < 400; i++)
            {
                if (data[i] is not ((byte)'{' or (byte)'['))
                {
                    continue;
                }

                seen++;
                ReadOnlySpan<byte> from = data.AsSpan(i);
                int vector = Vectorized(from);
                vector.Should().Be(Scalar(from), $"{Path.GetFileName(path)} at {i}");
                compared++;
                if (ReaderEnd(from) is { } readerEnd)
                {
                    vector.Should().Be(readerEnd, $"{Path.GetFileName(path)} at {i}");
                    checkedByReader++;
                }
            }
        }

        compared.Should().BeGreaterThan(1000);
        checkedByReader.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void FindEnd_GeneratedValuesWithEscapesAndBracketsInStrings_EndsWhereTheReaderEnds()
    {
        var random = new Random(18);
        for (int n = 0; n < 3000; n++)
        {
            byte[] json = Utf8(GenerateValue(random, 0) + (n % 2 == 0 ? ",{\"next\":1}" : " ]"));
            int? readerEnd = ReaderEnd(json);
            readerEnd.Should().NotBeNull();
            Vectorized(json).Should().Be(readerEnd, Encoding.UTF8.GetString(json));
            Scalar(json).Should().Be(readerEnd);
        }
    }

    [Fact]
    public void FindEnd_RandomStructuralBytes_AgreesWithScalar()
    {
        // Valid or not, the block scan and the byte scan agree, also on the state they stop in.
        var random = new Random(1818);
        byte[] alphabet = Utf8("\"\\{}[]a ");
        for (int n = 0; n < 20000; n++)
        {
            byte[] data = new byte[random.Next(1, 400)];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = random.Next(3) == 0 ? (byte)'\\' : alphabet[random.Next(alphabet.Length)];
            }

            data[0] = random.Next(2) == 0 ? (byte)'{' : (byte)'[';
            var vectorState = default(ValueScanState);
            var scalarState = default(ValueScanState);
            int vector = ValueEndScanner.FindEnd(data, ref vectorState);
            int scalar = ValueEndScanner.FindEndScalar(data, 0, ref scalarState);
            vector.Should().Be(scalar);
            vectorState.Should().Be(scalarState);
        }
    }

    [Fact]
    public void FindEnd_ValueSplitAtEveryPoint_FindsTheSameEnd()
    {
        var random = new Random(180);
        for (int n = 0; n < 40; n++)
        {
            string value = GenerateValue(random, 0);
            byte[] json = Utf8(value + ",{}");
            int expected = Encoding.UTF8.GetByteCount(value);
            for (int cut = 1; cut < json.Length; cut++)
            {
                ScanInPieces(json, [cut]).Should().Be(expected, $"cut at {cut}");
            }

            // And in many small pieces, as a slow stream delivers them.
            var cuts = new List<int>();
            for (int at = random.Next(1, 70); at < json.Length; at += random.Next(1, 140))
            {
                cuts.Add(at);
            }

            ScanInPieces(json, cuts).Should().Be(expected);
        }
    }

    [Fact]
    public void FindEnd_EscapedQuotesAndBackslashRunsAcrossBlocks_EndsWhereTheReaderEnds()
    {
        // A run of backslashes ending at every place around a 64-byte block's end, before a quote or a bracket.
        for (int pad = 0; pad < 140; pad++)
        {
            for (int run = 0; run <= 5; run++)
            {
                string escapes = string.Concat(Enumerable.Repeat("\\\\", run));
                string value = "{\"k\":\"" + new string('x', pad) + escapes + "\\\"}]" + escapes + "\",\"b\":[\"{\",\"\\\\\"]}";
                byte[] json = Utf8(value + ",1");
                Vectorized(json).Should().Be(ReaderEnd(json), value);
                ScanInPieces(json, [Math.Min(pad + 6, json.Length - 1)]).Should().Be(ReaderEnd(json), value);
            }
        }
    }

    private static int Vectorized(ReadOnlySpan<byte> data)
    {
        var state = default(ValueScanState);
        return ValueEndScanner.FindEnd(data, ref state);
    }

    private static int Scalar(ReadOnlySpan<byte> data)
    {
        var state = default(ValueScanState);
        return ValueEndScanner.FindEndScalar(data, 0, ref state);
    }

    /// <summary>Scans the data as a reader that sees it up to each cut in turn, resuming from the state each time.</summary>
    private static int ScanInPieces(byte[] data, IReadOnlyList<int> cuts)
    {
        var state = default(ValueScanState);
        int from = 0;
        foreach (int cut in cuts.Append(data.Length))
        {
            int end = ValueEndScanner.FindEnd(data.AsSpan(from, cut - from), ref state);
            if (end >= 0)
            {
                return from + end;
            }

            from = cut;
        }

        return -1;
    }

    private static int? ReaderEnd(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
        try
        {
            return reader.Read() && reader.TrySkip() ? (int)reader.BytesConsumed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string GenerateValue(Random random, int depth)
    {
        var text = new StringBuilder();
        bool isObject = depth == 0 || random.Next(2) == 0;
        text.Append(isObject ? '{' : '[');
        int members = random.Next(depth < 4 ? 6 : 2);
        for (int m = 0; m < members; m++)
        {
            if (m > 0)
            {
                text.Append(random.Next(3) == 0 ? " ,\n" : ",");
            }

            if (isObject)
            {
                text.Append(GenerateString(random)).Append(':');
            }

            text.Append(random.Next(5) switch
            {
                0 when depth < 6 => GenerateValue(random, depth + 1),
                1 => random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                2 => random.Next(2) == 0 ? "true" : "null",
                _ => GenerateString(random),
            });
        }

        return text.Append(isObject ? '}' : ']').ToString();
    }

    // Strings heavy in what a structural scan must not be fooled by: brackets, escaped quotes, backslash runs, \u escapes.
    private static string GenerateString(Random random)
    {
        string[] parts = ["{", "}", "[", "]", "\\\"", "\\\\", "\\\\\\\"", "\\u007B", "\\/", "a", "bc", ",", ":", " ", "é", new string('p', 70)];
        var text = new StringBuilder("\"");
        int count = random.Next(12);
        for (int i = 0; i < count; i++)
        {
            text.Append(parts[random.Next(parts.Length)]);
        }

        return text.Append('"').ToString();
    }
}
