using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Policies;

/// <summary>Every record of the shared corpus (panther/, docs/, real/), read once for the policy and detection tests.</summary>
internal static class PolicyCorpus
{
    private static readonly Lazy<IReadOnlyList<(string File, CloudTrailRecord Record)>> All = new(LoadAll);

    /// <summary>Gets the records with the full path of the file each came from (empty when the corpus is absent).</summary>
    public static IReadOnlyList<(string File, CloudTrailRecord Record)> Records => All.Value;

    private static List<(string File, CloudTrailRecord Record)> LoadAll()
    {
        var records = new List<(string File, CloudTrailRecord Record)>();
        if (Corpus.Directory is not { } dir)
        {
            return records;
        }

        IEnumerable<string> files = Directory.EnumerateFiles(Path.Combine(dir, "panther"), "*.jsonl")
            .Concat(Directory.EnumerateFiles(Path.Combine(dir, "docs"), "*.json"))
            .Concat(Directory.EnumerateFiles(Path.Combine(dir, "real"), "*", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith(".invalid.json", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            var errors = new List<CloudTrailRecordError>();
            try
            {
                foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(file, Corpus.SkipMode(errors)))
                {
                    records.Add((Path.GetFullPath(file), record));
                }
            }
            catch (CloudTrailParseException)
            {
                // Some corpus files are not CloudTrail input at all (digests, Lake results); their records, if any, were kept.
            }
        }

        return records;
    }
}
