// Reads a whole trail folder (a synced bucket: AWSLogs/[o-org/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/...)
// in event-time order with duplicates dropped, shows a progress bar on stderr and prints a short report.
//   dotnet run --project samples/ReadTrail                   # makes a small trail in a temp folder and reads it
//   dotnet run --project samples/ReadTrail -- path/to/trail  # your own folder (the one holding AWSLogs/, or one inside it)
// Bad records are reported on stderr and skipped; the exit code is 1 when any were.
using System.Diagnostics;
using System.Globalization;
using CloudTrailModel;
using ReadTrail;

string folder;
string? madeFolder = null;
if (args.Length > 0)
{
    folder = args[0];
}
else
{
    folder = madeFolder = Directory.CreateTempSubdirectory("cloudtrail-trail-").FullName;
    int files = TrailMaker.Make(folder, seed: 2025);
    Console.WriteLine($"made a trail of {files} log files (two accounts of an organisation, two regions, six hours) in {folder}");
}

try
{
    return Read(folder);
}
finally
{
    if (madeFolder is not null)
    {
        Directory.Delete(madeFolder, recursive: true);
    }
}

static int Read(string folder)
{
    var bar = new ProgressBar(Console.Error);
    long errors = 0;
    var options = new CloudTrailTrailOptions
    {
        Order = CloudTrailRecordOrder.EventTime,
        Deduplicate = true,
        ReaderOptions = new CloudTrailReaderOptions { InvalidRecordHandling = InvalidRecordHandling.Skip },
        OnInvalidRecord = error =>
        {
            errors++;
            Console.Error.WriteLine($"\n{error.Key.Key}: skipped record {error.Error.RecordIndex} at byte {error.Error.BytePosition}: {error.Error.ErrorCode}");
        },
        Progress = bar,
    };

    var clock = Stopwatch.StartNew();
    var names = new Dictionary<string, int>(StringComparer.Ordinal);
    var places = new Dictionary<string, int>(StringComparer.Ordinal);
    DateTimeOffset? first = null;
    DateTimeOffset? last = null;
    long records = 0;
    foreach (CloudTrailTrailEntry entry in CloudTrailTrail.ReadEntries(folder, options))
    {
        CloudTrailRecord record = entry.Record;
        records++;
        if (record.EventTime is DateTimeOffset time)
        {
            first = first is null || time < first ? time : first;
            last = last is null || time > last ? time : last;
        }

        string name = $"{record.EventSource}:{record.EventName}";
        names[name] = names.GetValueOrDefault(name) + 1;
        string place = $"{entry.Key.AccountId} {entry.Key.Region}";
        places[place] = places.GetValueOrDefault(place) + 1;
    }

    clock.Stop();
    CloudTrailTrailProgress done = bar.Last;
    Console.Error.WriteLine();
    Console.WriteLine($"files: {done.FilesDone}/{done.FilesTotal} ({done.BytesDone / 1024.0:F0} KiB), other objects skipped: {done.ObjectsIgnored}");
    Console.WriteLine($"records: {records} in event-time order, late: {done.LateRecords}, duplicates dropped: {done.DuplicateRecords}, errors: {errors}");
    Console.WriteLine($"events from {first:u} to {last:u}, read in {clock.Elapsed.TotalSeconds:F2} s ({records / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} records/s)");
    Console.WriteLine("by account and region:");
    foreach ((string place, int count) in places.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {place,-28} {count,8}"));
    }

    Console.WriteLine("most frequent events:");
    foreach ((string name, int count) in names.OrderByDescending(n => n.Value).ThenBy(n => n.Key, StringComparer.Ordinal).Take(5))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-48} {count,8}"));
    }

    return errors == 0 ? 0 : 1;
}
