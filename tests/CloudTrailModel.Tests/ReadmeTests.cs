using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CloudTrailModel;
using CloudTrailModel.Integrity;
using CloudTrailModel.Operations;
using CloudTrailModel.Operations.EC2;
using CloudTrailModel.Operations.IdentityManagement;
using CloudTrailModel.Operations.MigrationHubOrchestrator;
using CloudTrailModel.Operations.S3;
using CloudTrailModel.Policies;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// The README's C# blocks, verbatim, compiled and run (as nietras/Sep does); <see cref="Readme_EveryCsharpBlock_AppearsVerbatimInReadmeTests"/>
/// makes sure they stay verbatim.
/// </summary>
[Collection(ConsoleTests.Name)]
public sealed partial class ReadmeTests : IDisposable
{
    private const string Record1 = """{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/Alice","accountId":"111122223333","sessionContext":{"attributes":{"creationDate":"2024-01-01T00:00:00Z","mfaAuthenticated":"true"}}},"eventTime":"2024-01-01T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"CreateBucket","requestParameters":{"bucketName":"my-bucket"},"recipientAccountId":"111122223333"}""";
    private const string Record2 = """{"eventVersion":"1.05","userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root"},"eventTime":"2024-01-01T11:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin"}""";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ctm-readme-" + Guid.NewGuid().ToString("N"));
    private readonly TextWriter _originalOut = Console.Out;
    private readonly TextWriter _originalError = Console.Error;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public ReadmeTests()
    {
        Directory.CreateDirectory(_directory);
        Console.SetOut(_out);
        Console.SetError(_error);
    }

    public void Dispose()
    {
        Console.SetOut(_originalOut);
        Console.SetError(_originalError);
        Directory.Delete(_directory, recursive: true);
    }

    private string WriteLogFile(string content)
    {
        string file = Path.Combine(_directory, "log.json");
        File.WriteAllText(file, content);
        return file;
    }

    [Fact]
    public void Readme_QuickStart_PrintsOneLinePerRecord()
    {
        string path = WriteLogFile($$"""{"Records":[{{Record1}},{{Record2}}]}""");

        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(path))
        {
            Console.WriteLine($"{record.EventTime:u} {record.UserIdentity?.Type} {record.UserIdentity?.Arn} {record.EventSource} {record.EventName}");
        }

        string[] lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("IAMUser arn:aws:iam::111122223333:user/Alice s3.amazonaws.com CreateBucket");
    }

    [Fact]
    public void Readme_UntrustedFiles_CountsGoodRecordsAndReportsBadOnes()
    {
        string path = WriteLogFile($$"""{"Records":[{{Record1}},{ "type: 1},{{Record2}}]}""");

        var options = CloudTrailReaderOptions.Default with
        {
            InvalidRecordHandling = InvalidRecordHandling.Skip,
            OnInvalidRecord = error => Console.Error.WriteLine($"{error.ErrorCode} at record {error.RecordIndex}, byte {error.BytePosition}"),
        };

        int count = CloudTrailReader.ReadRecords(path, options).Count();

        count.Should().Be(2);
        _error.ToString().Should().StartWith("InvalidJson at record 1, byte ");
    }

    [Fact]
    public void Readme_OneRecord_ReadsIdentityAndParameters()
    {
        string json = Record1;

        CloudTrailRecord record = CloudTrailRecord.Parse(json);

        bool sameAccount = record.UserIdentity?.AccountId == record.RecipientAccountId;
        bool mfa = record.UserIdentity?.SessionContext?.Attributes?.MfaAuthenticated == true;
        bool newFormat = record.EventVersion >= CloudTrailEventVersion.V1_08;
        string? bucket = record.RequestParameters is { } parameters && parameters.TryGetString("bucketName", out string? name) ? name : null;
        string roundTripped = JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);

        sameAccount.Should().BeTrue();
        mfa.Should().BeTrue();
        newFormat.Should().BeTrue();
        bucket.Should().Be("my-bucket");
        using JsonDocument expected = JsonDocument.Parse(json), actual = JsonDocument.Parse(roundTripped);
        JsonStructure.FirstDifference(expected.RootElement, actual.RootElement).Should().BeNull();
    }

    [Fact]
    public void Readme_Filter_CountsOnlyMatchingRecords()
    {
        string iam = Record1.Replace("s3.amazonaws.com", "iam.amazonaws.com", StringComparison.Ordinal);
        string path = WriteLogFile($$"""{"Records":[{{Record1}},{{iam}},{{Record2}},{{iam}}]}""");

        var iamOnly = new CloudTrailReaderOptions { Filter = header => header.EventSource == "iam.amazonaws.com" };
        int iamCalls = CloudTrailReader.ReadRecords(path, iamOnly).Count();

        iamCalls.Should().Be(2);
    }

    [Fact]
    public void Readme_TypedParameters_PrintsTheWorkflowStep()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","eventSource":"migrationhub-orchestrator.amazonaws.com","eventName":"GetWorkflowStep","requestParameters":{"stepGroupId":"act-1","id":"step-11111","workflowId":"mw-1111111"}}""");

        if (record.TryGetRequestParameters(out GetWorkflowStepRequestParameters? step))
            Console.WriteLine($"workflow {step.WorkflowId}, step group {step.StepGroupId}, step {step.Id}");

        _out.ToString().Trim().Should().Be("workflow mw-1111111, step group act-1, step step-11111");
    }

    [Fact]
    public void Readme_Targets_PrintsWhatTheCallActedOn()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","requestParameters":{"userName":"bob"},"responseElements":{"accessKey":{"accessKeyId":"AKIAEXAMPLE","status":"Active","userName":"bob"}}}""");

        foreach (CloudTrailTarget target in record.GetTargets())
            Console.WriteLine($"{record.EventName} acted on {target.Kind} {target.Value} ({target.Member})");

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Should().Equal(
            "CreateAccessKey acted on User bob (requestParameters.userName)",
            "CreateAccessKey acted on AccessKey AKIAEXAMPLE (responseElements.accessKey.accessKeyId)");
    }

    [Fact]
    public void Readme_DigestValidation_PrintsTheDigestAndEachLogFileAsValid()
    {
        // A digest and its log file as CloudTrail delivers them, signed with a key made here as CloudTrail signs.
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        byte[] der = rsa.ExportRSAPublicKey();
        string logDirectory = Path.Combine(_directory, "logs");
        Directory.CreateDirectory(logDirectory);
        const string LogKey = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T1000Z_abcdEFGH12345678.json.gz";
        byte[] log = System.Text.Encoding.UTF8.GetBytes($$"""{"Records":[{{Record1}},{{Record2}}]}""");
        File.WriteAllBytes(Path.Combine(logDirectory, Path.GetFileName(LogKey)), Fixtures.Gzip(log));
#pragma warning disable CA5351 // CloudTrail's key fingerprint is MD5 by definition.
        string fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(der));
#pragma warning restore CA5351
        string digestKey = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240101T110000Z.json.gz";
        byte[] digestJson = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"awsAccountId":"111122223333","digestStartTime":"2024-01-01T10:00:00Z","digestEndTime":"2024-01-01T11:00:00Z","digestS3Bucket":"b","digestS3Object":"{{digestKey}}","digestPublicKeyFingerprint":"{{fingerprint}}","digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":"2024-01-01T11:00:00Z","oldestEventTime":"2024-01-01T10:00:00Z","previousDigestS3Bucket":null,"previousDigestS3Object":null,"previousDigestHashValue":null,"previousDigestHashAlgorithm":null,"previousDigestSignature":null,"logFiles":[{"s3Bucket":"b","s3Object":"{{LogKey}}","hashValue":"{{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(log))}}","hashAlgorithm":"SHA-256","newestEventTime":"2024-01-01T11:00:00Z","oldestEventTime":"2024-01-01T10:00:00Z"}]}""");
        string digestPath = Path.Combine(_directory, "digest.json.gz");
        File.WriteAllBytes(digestPath, Fixtures.Gzip(digestJson));
        string toSign = "2024-01-01T11:00:00Z\nb/" + digestKey + "\n" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(digestJson)) + "\nnull";
        string signatureFromS3Metadata = Convert.ToHexString(rsa.SignData(System.Text.Encoding.UTF8.GetBytes(toSign), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
        string publicKeysJsonPath = Path.Combine(_directory, "public-keys.json");
        File.WriteAllText(publicKeysJsonPath, $$"""{"publicKeyList":[{"ValidityStartTime":"1704067200.0","ValidityEndTime":"1706659200.0","Value":"{{Convert.ToBase64String(der)}}","Fingerprint":"{{fingerprint}}"}]}""");

        IReadOnlyList<CloudTrailPublicKey> keys = CloudTrailPublicKey.ParseList(File.ReadAllText(publicKeysJsonPath));
        CloudTrailDigest digest = CloudTrailDigest.Read(digestPath);
        Console.WriteLine($"digest: {digest.VerifySignature(signatureFromS3Metadata, keys)}");
        foreach (CloudTrailDigestLogFile logFile in digest.LogFiles)
        {
            using FileStream file = File.OpenRead(Path.Combine(logDirectory, Path.GetFileName(logFile.S3Object!)));
            Console.WriteLine($"{Path.GetFileName(logFile.S3Object)}: {logFile.Verify(file)}");
        }

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Should().Equal(
            "digest: Valid", "111122223333_CloudTrail_us-east-1_20240101T1000Z_abcdEFGH12345678.json.gz: Valid");
    }

    [Fact]
    public void Readme_Notifications_PrintsTheLogFilesOfAnSqsMessage()
    {
        string sqsMessageBody = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Type"] = "Notification",
            ["Message"] = """{"s3Bucket":"amzn-s3-demo-bucket","s3ObjectKey":["AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/a.json.gz","AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/b.json.gz"]}""",
        });

        foreach (CloudTrailObjectReference log in CloudTrailNotifications.ReadObjectReferences(sqsMessageBody))
        {
            Console.WriteLine($"s3://{log.Bucket}/{log.Key}");   // then GetObject, and CloudTrailReader.ReadRecords(stream)
        }

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Should().Equal(
            "s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/a.json.gz",
            "s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/b.json.gz");
    }

    [Fact]
    public void Readme_OwnContext_ReadsTheDetailOfAnEventBridgeEvent()
    {
        string eventJson = $$"""{"version":"0","id":"1","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","detail":{{Record1}}}""";

        MyEventBridgeEvent? received = JsonSerializer.Deserialize(eventJson, MyJsonContext.Default.MyEventBridgeEvent);
        Console.WriteLine($"{received?.DetailType}: {received?.Detail.EventSource} {received?.Detail.EventName}");

        _out.ToString().Trim().Should().Be("AWS API Call via CloudTrail: s3.amazonaws.com CreateBucket");
        received!.Detail.Should().Be(CloudTrailRecord.Parse(Record1));
    }

    [Fact]
    public void Readme_WholeTrails_ReadsOneAccountInEventTimeOrderWithoutCopies()
    {
        using var trail = Trails.TrailFolder.Generate(seed: 3, hours: 1, recordsPerFile: 3);
        string trailFolder = trail.Root;

        var options = new CloudTrailTrailOptions
        {
            AccountIds = ["111122223333"],
            Order = CloudTrailRecordOrder.EventTime,
            Deduplicate = true,
        };
        foreach (CloudTrailRecord record in CloudTrailTrail.ReadRecords(trailFolder, options))
        {
            Console.WriteLine($"{record.EventTime:u} {record.UserIdentity?.Arn} {record.EventName}");
        }

        _out.ToString().Should().BeEmpty("the generated trail has no account 111122223333");
        options = options with { AccountIds = ["333333333333"] };
        foreach (CloudTrailRecord record in CloudTrailTrail.ReadRecords(trailFolder, options))
        {
            Console.WriteLine($"{record.EventTime:u} {record.UserIdentity?.Arn} {record.EventName}");
        }

        string[] lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(trail.Logs.Where(f => f.Key.Contains("/333333333333/", StringComparison.Ordinal)).Sum(f => f.Records.Count(r => r.Name != "Copy")));
        lines.Should().OnlyContain(l => l.Contains("arn:aws:iam::333333333333:user/alice", StringComparison.Ordinal)).And.NotContain(l => l.EndsWith(" Copy", StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_WholeTrails_ResumesFromAPersistedCheckpoint()
    {
        using var trail = Trails.TrailFolder.Generate(seed: 4, hours: 1, recordsPerFile: 2);
        string trailFolder = trail.Root;
        string checkpointPath = Path.Combine(_directory, "checkpoint.json");
        var processed = new List<string?>();
        void Process(CloudTrailRecord record) => processed.Add(record.EventId);
        void Run()
        {
            string? saved = File.Exists(checkpointPath) ? File.ReadAllText(checkpointPath) : null;
            var resumable = new CloudTrailTrailOptions { ResumeFrom = saved is null ? null : CloudTrailTrailCheckpoint.Parse(saved) };
            foreach (CloudTrailTrailEntry entry in CloudTrailTrail.ReadEntries(trailFolder, resumable))
            {
                Process(entry.Record);
                File.WriteAllText(checkpointPath, entry.Checkpoint.ToString()); // every record here; every few thousand in practice
            }
        }

        List<string?> all = CloudTrailTrail.ReadRecords(trailFolder).Select(r => r.EventId).ToList();
        File.WriteAllText(checkpointPath, CloudTrailTrail.ReadEntries(trailFolder).ElementAt(9).Checkpoint.ToString());

        Run();
        processed.Should().Equal(all.Skip(10));
        processed.Clear();
        Run();
        processed.Should().BeEmpty("the checkpoint of the last record leaves nothing to read");
    }

    [Fact]
    public void Readme_Policies_PrintsPublicPoliciesAndOtherAccounts()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","eventSource":"sqs.amazonaws.com","eventName":"SetQueueAttributes","recipientAccountId":"111122223333","requestParameters":{"queueUrl":"https://sqs.us-east-1.amazonaws.com/111122223333/q","attributes":{"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}"}}}""");

        foreach (CloudTrailPolicy policy in CloudTrailPolicies.Read(record))
        {
            IamPolicyDocument document = policy.Document;
            if (document.IsPublic)
                Console.WriteLine($"{record.EventName}: public {policy.Kind} policy at {policy.Location}");
            foreach (string account in document.GetOtherAccountIds(record.RecipientAccountId!))
                Console.WriteLine($"{record.EventName}: grants account {account}");
        }

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Should().Equal(
            "SetQueueAttributes: public Resource policy at requestParameters.attributes.Policy",
            "SetQueueAttributes: grants account 444455556666");
    }

    [Fact]
    public void Readme_Detections_PrintsEachFindingOnce()
    {
        const string Alice = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"}";
        string[] records =
        [
            Call("s3", "PutBucketPolicy", """{"bucketName":"open-bucket","bucketPolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::open-bucket/*"}]}}"""),
            Call("s3", "PutBucketPolicy", """{"bucketName":"vpce-bucket","bucketPolicy":{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b"}}}]}}"""),
            Call("s3", "PutBucketPolicy", """{"bucketName":"denied-bucket","bucketPolicy":{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}}""", "\"errorCode\":\"AccessDenied\","),
            Call("iam", "CreateAccessKey", """{"userName":"bob"}"""),
            Call("iam", "CreateAccessKey", """{"userName":"alice"}"""),
            Call("iam", "CreateAccessKey", "{}"),
            Call("ec2", "AuthorizeSecurityGroupIngress", """{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"groups":{},"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]},"ipv6Ranges":{},"prefixListIds":{}}]}}"""),
            Call("ec2", "AuthorizeSecurityGroupIngress", """{"groupId":"sg-2","ipPermissions":{"items":[{"ipProtocol":"-1","ipRanges":{},"ipv6Ranges":{"items":[{"cidrIpv6":"::/0"}]}}]}}"""),
            Call("ec2", "AuthorizeSecurityGroupIngress", """{"groupId":"sg-3","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":443,"toPort":443,"ipRanges":{"items":[{"cidrIp":"10.0.0.0/8"}]}}]}}"""),
            Call("ec2", "AuthorizeSecurityGroupIngress", """{"groupId":"sg-4","cidrIp":"0.0.0.0/0","ipProtocol":"tcp","fromPort":3389,"toPort":3389}"""),
        ];
        string path = WriteLogFile("{\"Records\":[" + string.Join(",", records) + "]}");

        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(path))
        {
            if (record.ErrorCode is not null)
                continue;

            if (record.TryGetRequestParameters(out PutBucketPolicyRequestParameters? put)
                && CloudTrailPolicies.Read(record).Any(policy => policy.Document.IsPublic))
                Console.WriteLine($"public bucket policy on {put.Bucket}");

            if (record.TryGetRequestParameters(out CreateAccessKeyRequestParameters? key)
                && key.UserName is { } user && user != record.UserIdentity?.Arn?.Split('/')[^1])
                Console.WriteLine($"{record.UserIdentity?.Arn} created an access key for {user}");

            if (record.TryGetRequestParameters(out AuthorizeSecurityGroupIngressRequestParameters? ingress)
                && (ingress.CidrIp == "0.0.0.0/0" || (ingress.IpPermissions?.Items ?? []).Any(rule =>
                    (rule.IpRanges?.Items ?? []).Any(range => range.CidrIp == "0.0.0.0/0")
                    || (rule.Ipv6Ranges?.Items ?? []).Any(range => range.CidrIpv6 == "::/0"))))
                Console.WriteLine($"{ingress.GroupId} opened to the world");
        }

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Should().Equal(
            "public bucket policy on open-bucket",
            "arn:aws:iam::111122223333:user/alice created an access key for bob",
            "sg-1 opened to the world",
            "sg-2 opened to the world",
            "sg-4 opened to the world");

        static string Call(string service, string name, string parameters, string error = "") =>
            $$"""{"eventVersion":"1.08","userIdentity":{{Alice}},"eventTime":"2024-01-01T10:00:00Z","eventSource":"{{service}}.amazonaws.com","eventName":"{{name}}",{{error}}"awsRegion":"us-east-1","requestParameters":{{parameters}},"responseElements":null,"recipientAccountId":"111122223333"}""";
    }

    [Fact]
    public void Readme_EveryCsharpBlock_AppearsVerbatimInReadmeTests()
    {
        string root = Corpus.RepoRoot ?? throw new InvalidOperationException("CloudTrailModel.sln not found above " + AppContext.BaseDirectory);
        // The S3 package's blocks run in its own test project, against the local S3 server.
        string s3Tests = Path.Combine(root, "tests", "CloudTrailModel.S3.Tests", "ReadmeS3Tests.cs");
        string source = Normalise(string.Join("\n", Directory.GetFiles(ApprovedFile.SourceDirectory, "ReadmeTests*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText))
            + "\n" + (File.Exists(s3Tests) ? File.ReadAllText(s3Tests) : string.Empty));

        // The package's own NuGet readme shows README blocks too, so they are checked the same way.
        List<string> blocks = new[] { "README.md", Path.Combine("src", "CloudTrailModel", "PACKAGE.md") }
            .SelectMany(file => CsharpBlock().Matches(File.ReadAllText(Path.Combine(root, file))).Select(m => m.Groups[1].Value))
            .ToList();

        blocks.Should().NotBeEmpty();
        foreach (string block in blocks)
        {
            // A block opens with the using directives it needs: they are at the top of this file, the rest is verbatim below.
            string[] lines = Normalise(block).Split('\n');
            string[] usings = [.. lines.TakeWhile(l => UsingDirective().IsMatch(l))];
            usings.Should().OnlyContain(u => source.Split('\n').Contains(u), "a README block's using directives are at the top of ReadmeTests");
            source.Should().Contain(string.Join("\n", lines.Skip(usings.Length)), "every README C# block must be compiled and run verbatim in ReadmeTests");
        }
    }

    private static string Normalise(string text) => string.Join(
        "\n",
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [Fact]
    public async Task Readme_ChainValidation_ReportsATamperedLogFile()
    {
        var trail = new SignedTrail().AddHours("111122223333", "us-east-1", new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), 3);
        string tampered = trail.LogJson.Keys.First();
        trail.Objects[tampered] = SignedTrail.Gzip(System.Text.Encoding.UTF8.GetBytes(trail.LogJson[tampered].Replace("Alice", "Mallory", StringComparison.Ordinal)));
        string trailFolder = Path.Combine(_directory, "trail");
        trail.WriteTo(trailFolder);
        string publicKeysJsonPath = Path.Combine(_directory, "public-keys.json");
        File.WriteAllText(publicKeysJsonPath, $$"""{"PublicKeyList":[{"Value":"{{Convert.ToBase64String(trail.PublicKey.GetDerBytes())}}","Fingerprint":"{{trail.PublicKey.Fingerprint}}"}]}""");
        Dictionary<string, string> signatures = trail.Signatures;

        var options = new CloudTrailChainValidationOptions
        {
            PublicKeys = CloudTrailPublicKey.ParseList(File.ReadAllText(publicKeysJsonPath)),
            From = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero),
            // Each digest's x-amz-meta-signature, captured when downloading (the S3 package reads it from S3 itself).
            DigestSignatureProvider = (key, _) => ValueTask.FromResult(signatures.GetValueOrDefault(key)),
        };
        CloudTrailChainReport report = await CloudTrailChainValidator.ValidateAsync(trailFolder, options);
        Console.WriteLine($"{report.CountLogFiles(CloudTrailChainFileStatus.Valid)}/{report.LogFiles.Count} log files valid, {report.Gaps.Count} gaps");
        foreach (CloudTrailChainFileResult file in report.Digests.Concat(report.LogFiles).Where(f => f.Status != CloudTrailChainFileStatus.Valid))
        {
            Console.WriteLine($"{file.Kind} {file.Status} {file.Check} {file.Key}");
        }

        _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Should().Equal(
            "5/6 log files valid, 0 gaps",
            $"Log Modified HashMismatch {tampered}");
    }

    [GeneratedRegex(@"```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();

    [GeneratedRegex(@"^using [A-Za-z0-9_.]+;$")]
    private static partial Regex UsingDirective();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleTests
{
    public const string Name = "Console";
}

public sealed record MyEventBridgeEvent(
    [property: JsonPropertyName("detail-type")] string DetailType,
    [property: JsonPropertyName("detail")] CloudTrailRecord Detail);

[JsonSerializable(typeof(MyEventBridgeEvent))]
public sealed partial class MyJsonContext : JsonSerializerContext
{
}
