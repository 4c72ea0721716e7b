using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Operations;

namespace CloudTrailModel.Tests.Operations;

/// <summary>
/// Every corpus record of the packaged services (../shared/corpus panther/, docs/, real/): its operation's typed objects
/// exist, write back the JSON they were read from, and hold (almost) all of its members in typed properties. The
/// additional event data of operations that model it (sign-in) counts too.
/// </summary>
public sealed class OperationCorpusTests(ITestOutputHelper output)
{
    private const double TypedShareAim = 0.95;

    [SkippableFact]
    public void GetRequestParameters_EveryCorpusRecordOfACoveredOperation_IsTypedAndWritesBackAsRead()
    {
        var failures = new List<string>();
        int checkedObjects = 0;
        foreach ((string file, CloudTrailRecord record) in OperationCorpus.All)
        {
            if (OperationRegistry.Find(record) is not { } registration)
            {
                continue;
            }

            Check(record.RequestParameters, registration.RequestType, record.GetRequestParameters(), "requestParameters");
            Check(record.ResponseElements, registration.ResponseType, record.GetResponseElements(), "responseElements");
            Check(record.AdditionalEventData, registration.AdditionalEventDataType, record.GetAdditionalEventData(), "additionalEventData");

            void Check(RawJson? raw, Type? type, object? typed, string part)
            {
                if (raw is not { ValueKind: JsonValueKind.Object } || type is null)
                {
                    return;
                }

                checkedObjects++;
                string where = $"{file} {record.EventSource} {record.EventName} {part}";
                if (typed is null || typed.GetType() != type)
                {
                    failures.Add($"{where}: not typed as {type.Name}");
                    return;
                }

                using JsonDocument original = JsonDocument.Parse(raw.Utf8);
                using JsonDocument written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(typed, type, OperationCorpus.OptionsFor(type)));
                if (!JsonElement.DeepEquals(original.RootElement, written.RootElement))
                {
                    failures.Add($"{where}: written back differently: {written.RootElement.GetRawText()}");
                }
            }
        }

        output.WriteLine($"{checkedObjects} typed objects checked");
        failures.Should().BeEmpty();
        checkedObjects.Should().BeGreaterThan(500, "the corpus holds over a thousand records of these services");
    }

    [SkippableFact]
    public void TypedShare_CorpusRecordsOfThePackagedServices_ReachesTheAim()
    {
        var byService = new SortedDictionary<string, (int Records, int Covered, int Typed, int Total)>(StringComparer.Ordinal);
        var uncovered = new SortedSet<string>(StringComparer.Ordinal);
        foreach ((_, CloudTrailRecord record) in OperationCorpus.All)
        {
            string service = OperationCorpus.Services[record.EventSource!];
            (int records, int covered, int typed, int total) = byService.GetValueOrDefault(service);
            records++;
            if (OperationRegistry.Find(record) is { } registration)
            {
                covered++;
                Add(record.RequestParameters, registration.RequestType, record.GetRequestParameters(), ref typed, ref total);
                Add(record.ResponseElements, registration.ResponseType, record.GetResponseElements(), ref typed, ref total);
                if (registration.AdditionalEventDataType is not null)
                {
                    Add(record.AdditionalEventData, registration.AdditionalEventDataType, record.GetAdditionalEventData(), ref typed, ref total);
                }
            }
            else
            {
                uncovered.Add($"{record.EventSource} {record.EventName}");
            }

            byService[service] = (records, covered, typed, total);
        }

        var table = new StringBuilder("| Service | Records | Of a modelled operation | Members typed |\n| --- | ---: | ---: | ---: |\n");
        foreach ((string service, (int records, int covered, int typed, int total)) in byService)
        {
            table.Append($"| {service} | {records} | {covered} | {typed}/{total} ({Share(typed, total):P1}) |\n");
        }

        int allTyped = byService.Values.Sum(v => v.Typed);
        int allTotal = byService.Values.Sum(v => v.Total);
        table.Append($"| all | {byService.Values.Sum(v => v.Records)} | {byService.Values.Sum(v => v.Covered)} | {allTyped}/{allTotal} ({Share(allTyped, allTotal):P1}) |\n");
        output.WriteLine(table.ToString());
        output.WriteLine("Event names with no modelled operation: " + string.Join(", ", uncovered));
        allTotal.Should().BeGreaterThan(1000);
        Share(allTyped, allTotal).Should().BeGreaterThanOrEqualTo(TypedShareAim);

        static void Add(RawJson? raw, Type? type, object? typedObject, ref int typed, ref int total)
        {
            if (raw is not { ValueKind: JsonValueKind.Object })
            {
                return;
            }

            using JsonDocument original = JsonDocument.Parse(raw.Utf8);
            if (type is null || typedObject is null)
            {
                total += original.RootElement.EnumerateObject().Count();
                return;
            }

            (int t, int n) = TypedShare.Count(original.RootElement, typedObject, OperationCorpus.OptionsFor(type));
            typed += t;
            total += n;
        }
    }

    [Fact]
    public void GeneratedTypes_EveryPublicProperty_HasAJsonPropertyName()
    {
        var missing = new List<string>();
        int properties = 0;
        foreach (Assembly package in OperationCorpus.Packages)
        {
            foreach (Type type in package.GetExportedTypes().Where(t => t.IsClass))
            {
                foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    properties++;
                    if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is null && property.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
                    {
                        missing.Add($"{type.FullName}.{property.Name}");
                    }
                }
            }
        }

        missing.Should().BeEmpty();
        properties.Should().BeGreaterThan(10_000);
    }

    private static double Share(int typed, int total) => total == 0 ? 1 : (double)typed / total;
}
