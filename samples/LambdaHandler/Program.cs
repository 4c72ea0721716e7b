// Runs the Lambda-shaped handler on event files, as the Lambda runtime would call it, and prints each response.
//   dotnet run --project samples/LambdaHandler                    # the shipped events/*.json
//   dotnet run --project samples/LambdaHandler -- my-event.json   # your own events
// The exit code is 1 when an event cannot be handled (its error is printed, never its content).
using System.Text.Json;
using LambdaHandler;

string[] paths = args.Length > 0 ? args : FindEvents();
if (paths.Length == 0)
{
    Console.Error.WriteLine("usage: LambdaHandler <event.json> [<event.json>...]   (no events directory found next to the program)");
    return 2;
}

int failed = 0;
foreach (string path in paths)
{
    try
    {
        using FileStream input = File.OpenRead(path);
        Console.WriteLine($"{Path.GetFileName(path)}: {CloudTrailFunction.Handle(input)}");
    }
    catch (Exception e) when (e is JsonException or InvalidDataException or FormatException)
    {
        failed++;
        Console.Error.WriteLine($"{Path.GetFileName(path)}: {e.GetType().Name}: {e.Message}");
    }
}

return failed == 0 ? 0 : 1;

static string[] FindEvents()
{
    string events = Path.Combine(AppContext.BaseDirectory, "events");
    return Directory.Exists(events) ? [.. Directory.GetFiles(events, "*.json").Order(StringComparer.Ordinal)] : [];
}
