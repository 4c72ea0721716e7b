// Reads CloudTrail log files (plain or .gz) and prints what happened, record by record, then a summary.
//   dotnet run --project samples/ReadLogFiles                      # every file under samples/data/
//   dotnet run --project samples/ReadLogFiles -- path/to/*.json.gz  # your own files
// Bad records are reported on stderr and skipped; the exit code is 1 when any were.
using System.Globalization;
using System.Text.Json;
using CloudTrailModel;

const int RecordsShownPerFile = 20;

string[] paths = args.Length > 0 ? args : SampleFiles.Find();
if (paths.Length == 0)
{
    Console.Error.WriteLine("usage: ReadLogFiles <file> [<file>...]   (no samples/data directory found next to the program or the current directory)");
    return 2;
}

var overall = new Summary("all files");
Summary current = overall;
CloudTrailReaderOptions options = CloudTrailReaderOptions.Default with
{
    InvalidRecordHandling = InvalidRecordHandling.Skip,
    OnInvalidRecord = error =>
    {
        current.Invalid++;
        overall.Invalid++;
        Console.Error.WriteLine($"{current.Name}: skipped record {error.RecordIndex} at byte {error.BytePosition}: {error.ErrorCode}: {error.Message}");
    },
};

foreach (string path in paths)
{
    current = new Summary(path);
    Console.WriteLine($"== {path}");
    try
    {
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(path, options))
        {
            current.Add(record);
            overall.Add(record);
            if (current.Records <= RecordsShownPerFile)
            {
                Console.WriteLine(Describe(record));
            }
        }
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"{path}: {e.Message}");
        current.Invalid++;
        overall.Invalid++;
        continue;
    }

    if (current.Records > RecordsShownPerFile)
    {
        Console.WriteLine($"... {current.Records - RecordsShownPerFile} more");
    }

    current.Print();
}

if (paths.Length > 1)
{
    overall.Print();
}

return overall.Invalid > 0 ? 1 : 0;

// One line per record: when, who, what, where, whether it failed, and the first few request parameters.
static string Describe(CloudTrailRecord record)
{
    UserIdentity? who = record.UserIdentity;
    string identity = who is null
        ? "(no userIdentity)"
        : $"{IdentityLabel(who)} {who.Arn ?? who.UserName ?? who.InvokedBy ?? who.OnBehalfOf?.UserId ?? who.AccountId ?? "-"}";
    string error = record.ErrorCode is null ? string.Empty : $"  ERROR {record.ErrorCode}";
    return $"{Time(record.EventTime)}  {identity}  {record.EventSource}/{record.EventName}  {record.AwsRegion}{error}{Parameters(record.RequestParameters)}";
}

// The top-level string members of requestParameters, which hold the operation's subject (bucket, key, role, id...).
static string Parameters(RawJson? requestParameters)
{
    if (requestParameters is not { ValueKind: JsonValueKind.Object })
    {
        return string.Empty;
    }

    var text = new System.Text.StringBuilder();
    int shown = 0;
    foreach (JsonProperty member in requestParameters.ToJsonElement().EnumerateObject())
    {
        if (member.Value.ValueKind != JsonValueKind.String)
        {
            continue;
        }

        string value = member.Value.GetString()!;
        text.Append(shown == 0 ? "  " : " ").Append(member.Name).Append('=').Append(value.Length > 60 ? string.Concat(value.AsSpan(0, 59), "…") : value);
        if (++shown == 3)
        {
            break;
        }
    }

    return text.ToString();
}

static string IdentityLabel(UserIdentity who) => who.Type?.ToString() ?? "(no type)";

static string Time(DateTimeOffset? time) =>
    time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "(no eventTime)       ";


internal sealed class Summary(string name)
{
    private readonly Dictionary<string, int> _bySource = [];
    private readonly Dictionary<string, int> _byIdentity = [];
    private readonly Dictionary<string, int> _byOrchestratorEvent = [];
    private readonly Dictionary<string, int> _byErrorCode = [];
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;

    public string Name { get; } = name;

    public long Records { get; private set; }

    public long Invalid { get; set; }

    public long ApiErrors { get; private set; }

    public void Add(CloudTrailRecord record)
    {
        Records++;
        Count(_bySource, record.EventSource ?? "(none)");
        Count(_byIdentity, record.UserIdentity is null ? "(no userIdentity)" : record.UserIdentity.Type?.ToString() ?? "(no type: AWS service event)");
        if (record.EventSource == "migrationhub-orchestrator.amazonaws.com")
        {
            Count(_byOrchestratorEvent, record.EventName ?? "(none)");
        }

        if (record.ErrorCode is not null)
        {
            ApiErrors++;
            Count(_byErrorCode, record.ErrorCode);
        }

        // CloudTrail files are not ordered by eventTime, so the range is a min/max, not first/last.
        if (record.EventTime is { } time)
        {
            _first = _first is null || time < _first ? time : _first;
            _last = _last is null || time > _last ? time : _last;
        }
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"-- summary: {Name}");
        Console.WriteLine($"   records: {Records:N0}   skipped as invalid: {Invalid:N0}   API errors (errorCode): {ApiErrors:N0}");
        Console.WriteLine(_first is null
            ? "   time range: (no eventTime)"
            : $"   time range: {_first.Value.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} .. {_last!.Value.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        PrintTop("by eventSource (top 10)", _bySource, 10);
        PrintTop("by identity type", _byIdentity, int.MaxValue);
        PrintTop("migrationhub-orchestrator by eventName", _byOrchestratorEvent, int.MaxValue);
        PrintTop("by errorCode (top 10)", _byErrorCode, 10);
        Console.WriteLine();
    }

    private static void Count(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void PrintTop(string title, Dictionary<string, int> counts, int top)
    {
        if (counts.Count == 0)
        {
            return;
        }

        Console.WriteLine($"   {title}:");
        foreach ((string key, int count) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top))
        {
            Console.WriteLine($"     {count,7:N0}  {key}");
        }
    }
}
