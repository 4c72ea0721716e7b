using System.Text.Json;
using System.Text.RegularExpressions;
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
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string source = Normalise(File.ReadAllText(Path.Combine(ApprovedFile.SourceDirectory, "ReadmeTests.cs")));

        List<string> blocks = CsharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();

        blocks.Should().NotBeEmpty();
        foreach (string block in blocks)
        {
            source.Should().Contain(Normalise(block), "every README C# block must be compiled and run verbatim in ReadmeTests");
        }
    }

    private static string Normalise(string text) => string.Join(
        "\n",
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleTests
{
    public const string Name = "Console";
}
