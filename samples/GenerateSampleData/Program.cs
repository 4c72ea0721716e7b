// Regenerates samples/data/generated-trail.json.gz: 400 records from a fixed seed, gzip-compressed, so the
// committed file can be reproduced byte for byte.
//   dotnet run --project samples/GenerateSampleData [-- <output path> [<record count> [<seed>]]]
using System.IO.Compression;
using CloudTrailModel.Benchmarks;

string output = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "samples", "data", "generated-trail.json.gz");
int count = args.Length > 1 ? int.Parse(args[1]) : 400;
int seed = args.Length > 2 ? int.Parse(args[2]) : 20240514;

byte[] json = LogGenerator.Generate(seed, count);
using (var file = File.Create(output))
using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
{
    gzip.Write(json);
}

Console.WriteLine($"Wrote {output}: {count} records, {json.Length:N0} bytes of JSON, {new FileInfo(output).Length:N0} bytes gzipped (seed {seed}).");

static string FindRepoRoot()
{
    foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrailModel.sln")))
            {
                return dir.FullName;
            }
        }
    }

    throw new DirectoryNotFoundException("Run from inside the repository, or pass the output path.");
}
