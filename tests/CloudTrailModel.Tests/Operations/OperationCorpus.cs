using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Operations;

/// <summary>The records of the services with operation packages found anywhere in ../shared/corpus (panther/, docs/, real/), and the packages' JSON options.</summary>
internal static class OperationCorpus
{
    /// <summary>The eventSource host prefix of each packaged service.</summary>
    public static readonly IReadOnlyDictionary<string, string> Services = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ec2.amazonaws.com"] = "EC2",
        ["iam.amazonaws.com"] = "IdentityManagement",
        ["s3.amazonaws.com"] = "S3",
        ["rds.amazonaws.com"] = "RDS",
        ["sts.amazonaws.com"] = "SecurityToken",
        ["cloudtrail.amazonaws.com"] = "CloudTrail",
        ["lambda.amazonaws.com"] = "Lambda",
        ["kms.amazonaws.com"] = "KeyManagementService",
        ["ssm.amazonaws.com"] = "SimpleSystemsManagement",
        ["secretsmanager.amazonaws.com"] = "SecretsManager",
        ["organizations.amazonaws.com"] = "Organizations",
        ["signin.amazonaws.com"] = "SignIn",
    };

    private static readonly Lazy<IReadOnlyList<(string File, CloudTrailRecord Record)>> Loaded = new(Load);

    /// <summary>Every record of those services, with the corpus file it came from.</summary>
    public static IReadOnlyList<(string File, CloudTrailRecord Record)> Records
    {
        get
        {
            Corpus.Require();
            return Loaded.Value;
        }
    }

    /// <summary>The options that write a package's types (its tolerant options: same settings as its context).</summary>
    public static JsonSerializerOptions OptionsFor(Type type) => type.Assembly.GetName().Name switch
    {
        "CloudTrailModel.Operations.EC2" => CloudTrailModel.Operations.EC2.EC2JsonContext.Tolerant,
        "CloudTrailModel.Operations.IdentityManagement" => CloudTrailModel.Operations.IdentityManagement.IdentityManagementJsonContext.Tolerant,
        "CloudTrailModel.Operations.S3" => CloudTrailModel.Operations.S3.S3JsonContext.Tolerant,
        "CloudTrailModel.Operations.RDS" => CloudTrailModel.Operations.RDS.RDSJsonContext.Tolerant,
        "CloudTrailModel.Operations.SecurityToken" => CloudTrailModel.Operations.SecurityToken.SecurityTokenJsonContext.Tolerant,
        "CloudTrailModel.Operations.CloudTrail" => CloudTrailModel.Operations.CloudTrail.CloudTrailJsonContext.Tolerant,
        "CloudTrailModel.Operations.Lambda" => CloudTrailModel.Operations.Lambda.LambdaJsonContext.Tolerant,
        "CloudTrailModel.Operations.KeyManagementService" => CloudTrailModel.Operations.KeyManagementService.KeyManagementServiceJsonContext.Tolerant,
        "CloudTrailModel.Operations.SimpleSystemsManagement" => CloudTrailModel.Operations.SimpleSystemsManagement.SimpleSystemsManagementJsonContext.Tolerant,
        "CloudTrailModel.Operations.SecretsManager" => CloudTrailModel.Operations.SecretsManager.SecretsManagerJsonContext.Tolerant,
        "CloudTrailModel.Operations.Organizations" => CloudTrailModel.Operations.Organizations.OrganizationsJsonContext.Tolerant,
        "CloudTrailModel.Operations.SignIn" => CloudTrailModel.Operations.SignIn.SignInJsonContext.Tolerant,
        "CloudTrailModel.Operations.MigrationHubOrchestrator" => CloudTrailModel.Operations.MigrationHubOrchestrator.MigrationHubOrchestratorJsonContext.Tolerant,
        _ => throw new InvalidOperationException("not an operation package type: " + type),
    };

    /// <summary>Every operation package assembly.</summary>
    public static IReadOnlyList<Assembly> Packages { get; } =
    [
        typeof(CloudTrailModel.Operations.EC2.EC2JsonContext).Assembly,
        typeof(CloudTrailModel.Operations.IdentityManagement.IdentityManagementJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.S3.S3JsonContext).Assembly,
        typeof(CloudTrailModel.Operations.RDS.RDSJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.SecurityToken.SecurityTokenJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.CloudTrail.CloudTrailJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.Lambda.LambdaJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.KeyManagementService.KeyManagementServiceJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.SimpleSystemsManagement.SimpleSystemsManagementJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.SecretsManager.SecretsManagerJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.Organizations.OrganizationsJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.SignIn.SignInJsonContext).Assembly,
        typeof(CloudTrailModel.Operations.MigrationHubOrchestrator.MigrationHubOrchestratorJsonContext).Assembly,
    ];

    private static List<(string File, CloudTrailRecord Record)> Load()
    {
        string root = Corpus.Directory!;
        var records = new List<(string, CloudTrailRecord)>();
        foreach (string path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string name = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (name.EndsWith(".invalid.json", StringComparison.Ordinal) || name.EndsWith(".md", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (JsonElement element in Elements(path))
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("eventSource", out JsonElement source)
                    && source.ValueKind == JsonValueKind.String && Services.ContainsKey(source.GetString()!))
                {
                    records.Add((name, CloudTrailRecord.Parse(JsonSerializer.SerializeToUtf8Bytes(element))));
                }
            }
        }

        return records;
    }

    // A log file ({"Records": [...]}), an array of records, or one JSON value per line.
    private static IEnumerable<JsonElement> Elements(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var copy = new MemoryStream();
            gzip.CopyTo(copy);
            bytes = copy.ToArray();
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement.Clone();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                return list.EnumerateArray().ToList();
            }

            return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        }
        catch (JsonException)
        {
            var lines = new List<JsonElement>();
            foreach (string line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n'))
            {
                try
                {
                    using JsonDocument document = JsonDocument.Parse(line);
                    lines.Add(document.RootElement.Clone());
                }
                catch (JsonException)
                {
                    // Not JSON (a log line with a prefix, a blank line): not a record this test can use.
                }
            }

            return lines;
        }
    }
}
