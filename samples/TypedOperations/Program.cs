// Typed request parameters and response elements of AWS Migration Hub Orchestrator calls.
//   dotnet run --project samples/TypedOperations                 # the log files under samples/data/
//   dotnet run --project samples/TypedOperations -- <files...>
using System.Globalization;
using CloudTrailModel;
using CloudTrailModel.Operations.MigrationHubOrchestrator;

string[] files = args.Length > 0 ? args : SampleFiles.Find();
var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
foreach (string file in files)
{
    foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(file))
    {
        // The two-line pattern: one operation, strongly typed.
        if (record.TryGetRequestParameters(out GetWorkflowStepRequestParameters? step))
        {
            Console.WriteLine($"{Time(record.EventTime)}  GetWorkflowStep      workflow {step.WorkflowId}, step group {step.StepGroupId}, step {step.Id}");
            Count(nameof(GetWorkflowStepRequestParameters));
            continue;
        }

        // Any registered operation, when the caller does not know which one in advance.
        object? parameters = record.GetRequestParameters();
        switch (parameters)
        {
            case CreateWorkflowRequestParameters create:
                string inputs = create.InputParameters switch
                {
                    null => "no inputs",
                    { IsRedacted: true } => "inputs hidden by CloudTrail",
                    { Value: { } map } => $"{map.Count} inputs",
                    _ => "inputs in an unexpected shape",
                };
                Console.WriteLine($"{Time(record.EventTime)}  CreateWorkflow       '{create.Name}' from template {create.TemplateId}, {inputs}");
                break;
            case ListWorkflowsRequestParameters list:
                Console.WriteLine($"{Time(record.EventTime)}  ListWorkflows        status {list.Status?.ToString() ?? "(any)"}, max {list.MaxResults?.ToString(CultureInfo.InvariantCulture) ?? "(default)"}");
                break;
            case null:
                continue;
            default:
                Console.WriteLine($"{Time(record.EventTime)}  {record.EventName,-20} {parameters.GetType().Name}");
                break;
        }

        Count(parameters.GetType().Name);
    }
}

Console.WriteLine();
Console.WriteLine("typed request parameters by type:");
foreach ((string type, int count) in byType)
{
    Console.WriteLine($"  {count,5}  {type}");
}

void Count(string type) => byType[type] = byType.GetValueOrDefault(type) + 1;

static string Time(DateTimeOffset? time) =>
    time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "(no eventTime)";

