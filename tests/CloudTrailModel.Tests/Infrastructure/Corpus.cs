using System.Text.Json;
using Xunit.Sdk;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>Locates the shared conformance corpus (never copied into the repository).</summary>
public static class Corpus
{
    public const string AbsentReason = "../shared is absent";

    /// <summary>Placeholder theory row used when the corpus is absent, so the theory still has one case (which skips or fails).</summary>
    public const string AbsentMarker = "(corpus absent)";

    private static readonly Lazy<string?> RootLazy = new(FindRepoRoot);

    public static string? RepoRoot => RootLazy.Value;

    public static string? Directory
    {
        get
        {
            string? root = RepoRoot;
            if (root is null)
            {
                return null;
            }

            string dir = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus"));
            return System.IO.Directory.Exists(dir) ? dir : null;
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal);

    /// <summary>Returns the corpus directory; skips the test when it is absent, or fails it on CI.</summary>
    public static string Require()
    {
        string? dir = Directory;
        if (dir is null)
        {
            if (IsCi)
            {
                throw new XunitException($"{AbsentReason} (CI=true: the corpus is required)");
            }

            Xunit.Skip.If(true, AbsentReason);
        }

        return dir!;
    }

    public static string RequireFile(string relative)
    {
        string dir = Require();
        string path = Path.Combine(dir, relative);
        File.Exists(path).Should().BeTrue($"corpus file {relative} should exist");
        return path;
    }

    public static IEnumerable<object[]> Rows(IEnumerable<string>? names)
    {
        if (names is null)
        {
            return [[AbsentMarker]];
        }

        List<object[]> rows = names.Select(n => new object[] { n }).ToList();
        return rows.Count == 0 ? [[AbsentMarker]] : rows;
    }

    /// <summary>Relative names (forward slashes) of the files in corpus/docs, SOURCES.md excluded.</summary>
    public static IEnumerable<string>? DocsFiles()
    {
        string? dir = Directory;
        if (dir is null)
        {
            return null;
        }

        return System.IO.Directory.EnumerateFiles(Path.Combine(dir, "docs"))
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.Equals("SOURCES.md", StringComparison.Ordinal))
            .Select(n => n!)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>The rows of the "Files" table of real/SOURCES.md.</summary>
    public static IReadOnlyList<RealEntry>? RealEntries()
    {
        string? dir = Directory;
        if (dir is null)
        {
            return null;
        }

        var entries = new List<RealEntry>();
        foreach (string line in File.ReadLines(Path.Combine(dir, "real", "SOURCES.md")))
        {
            // | # | file | repository | path | commit | license | format | records | notable features |
            if (!line.StartsWith("| ", StringComparison.Ordinal))
            {
                continue;
            }

            string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 10 || !int.TryParse(cells[1], out _))
            {
                continue;
            }

            string file = cells[2].Trim('`');
            string format = cells[7];
            string recordsCell = cells[8];
            int? records = int.TryParse(recordsCell.Split(' ')[0].TrimStart('~'), out int n) ? n : null;
            entries.Add(new RealEntry(file, format, records));
        }

        return entries;
    }

    public static bool IsExactCountFormat(string format) => format is
        "Records array" or "gzip of: Records array" or "one record per file" or "JSON lines" or "JSON lines (one line)";

    public static CloudTrailReaderOptions SkipMode(List<CloudTrailRecordError> errors) =>
        CloudTrailReaderOptions.Default with { InvalidRecordHandling = InvalidRecordHandling.Skip, OnInvalidRecord = errors.Add };

    /// <summary>The input JSON of every record of a file whose format is exact, obtained without the library.</summary>
    public static IReadOnlyList<JsonElement> InputRecords(string path, string format)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            using var gz = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            bytes = ms.ToArray();
        }

        if (format.StartsWith("JSON lines", StringComparison.Ordinal))
        {
            string text = System.Text.Encoding.UTF8.GetString(bytes);
            return text.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .ToList();
        }

        using JsonDocument doc = JsonDocument.Parse(bytes);
        if (format == "one record per file")
        {
            return [doc.RootElement.Clone()];
        }

        return doc.RootElement.GetProperty("Records").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>Decides independently whether a document is a CloudTrail log file (<c>{"Records":[...]}</c>).</summary>
    public static bool IsCloudTrailLogFile(string path, out int recordCount)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty("Records", out JsonElement records)
            && records.ValueKind == JsonValueKind.Array)
        {
            recordCount = records.GetArrayLength();
            return true;
        }

        recordCount = 0;
        return false;
    }

    private static string? FindRepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "CloudTrailModel.sln")))
            {
                return d.FullName;
            }
        }

        return null;
    }
}

public sealed record RealEntry(string File, string Format, int? Records);
