// Typed request parameters and response elements of AWS Migration Hub Orchestrator calls, and (through the untyped
// accessors only) of STS and sign-in records.
//   dotnet run --project samples/TypedOperations                 # the log files under samples/data/
//   dotnet run --project samples/TypedOperations -- <files...>
using System.Globalization;
using CloudTrailModel;
using CloudTrailModel.Operations;
using CloudTrailModel.Operations.MigrationHubOrchestrator;
using CloudTrailModel.Operations.SecurityToken;
using CloudTrailModel.Operations.SignIn;

// This program names no STS or sign-in type: under NativeAOT these calls are what keep the two packages in the binary.
SecurityTokenOperations.Register();
SignInOperations.Register();

string[] files = args.Length > 0 ? args : SampleFiles.Find();
var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
var untyped = new SortedDictionary<string, int>(StringComparer.Ordinal);
var targets = new SortedDictionary<string, int>(StringComparer.Ordinal);
foreach (string file in files)
{
    foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(file))
    {
        if (record.EventSource is "sts.amazonaws.com" or "signin.amazonaws.com")
        {
            // The untyped path: whichever registered operation this is, its typed objects and its targets.
            foreach (object? part in new[] { record.GetRequestParameters(), record.GetResponseElements(), record.GetAdditionalEventData() })
            {
                if (part is not null)
                {
                    untyped[part.GetType().Name] = untyped.GetValueOrDefault(part.GetType().Name) + 1;
                }
            }

            foreach (CloudTrailTarget target in record.GetTargets())
            {
                targets[target.Kind] = targets.GetValueOrDefault(target.Kind) + 1;
            }

            continue;
        }

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

Console.WriteLine();
Console.WriteLine("STS and sign-in, read untyped (GetRequestParameters / GetResponseElements / GetAdditionalEventData):");
foreach ((string type, int count) in untyped)
{
    Console.WriteLine($"  {count,5}  untyped {type}");
}

Console.WriteLine("their targets (GetTargets) by kind:");
foreach ((string kind, int count) in targets)
{
    Console.WriteLine($"  {count,5}  target {kind}");
}

void Count(string type) => byType[type] = byType.GetValueOrDefault(type) + 1;

static string Time(DateTimeOffset? time) =>
    time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "(no eventTime)";

