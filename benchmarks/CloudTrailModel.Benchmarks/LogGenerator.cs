using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// Writes deterministic, realistic CloudTrail log files (<c>{"Records":[...]}</c>, compact, one line, as CloudTrail
/// delivers them) from a seed. The same seed and size give the same bytes on every run and machine, so benchmarks
/// and sample data need nothing downloaded. Shared as source by the benchmarks and samples/GenerateSampleData.
/// </summary>
/// <remarks>
/// The mix: mostly AssumedRole callers, then AWSService, IAMUser, IdentityCenterUser, FederatedUser, AWSAccount and
/// Root; S3 data events with resources, EC2 with nested item lists and large responses, IAM policy documents as
/// escaped JSON strings, STS AssumeRole with credentials, KMS, Lambda, CloudTrail, Migration Hub Orchestrator,
/// console sign-ins, AwsServiceEvent records (no identity type, serviceEventDetails), ~10% errors, a few non-ASCII
/// values, and event times unordered within one day. Records average about 2 KB.
/// <see cref="LogProfile.Organization"/> keeps the mix but draws callers from an organisation of many accounts, so
/// values repeat far less (see <see cref="LogProfile"/>).
/// </remarks>
internal sealed class LogGenerator
{
    // Organisation profile sizes, chosen so 20,000 records hold about 1,700 distinct caller ARNs, 3,000 principal IDs,
    // 4,000 source addresses and 2,300 session creation dates (the outside check's organisation-trail file).
    private const int OrgAccounts = 60;
    private const int OrgUsers = 150;
    private const int OrgPeople = 250;
    private const int OrgSessionNames = 450;
    private const int OrgRoleSessions = 1_900;
    private const int OrgSessions = 2_300;
    private const int OrgAddresses = 4_000;
    private const int OrgInstances = 300;

    private static readonly DateTime Day = new(2024, 5, 14, 0, 0, 0, DateTimeKind.Utc);

    // CloudTrail writes non-ASCII characters as raw UTF-8 and does not escape '+', '<', '>' or '&'.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Regions = ["us-east-1", "us-east-1", "us-east-1", "us-west-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"];

    private static readonly string[] RoleNames =
    [
        "OrganizationAccountAccessRole", "AWSReservedSSO_AdministratorAccess_3b9a1c2d4e5f6a7b", "AWSReservedSSO_ReadOnly_9f8e7d6c5b4a3921",
        "ci-deploy", "lambda-orders-processor-role", "ecsTaskExecutionRole", "ec2-app-server", "terraform-apply", "DataPipelineRole",
        "MigrationHubOrchestratorRole", "aws-controltower-AuditReadOnlyRole", "SecurityScannerRole",
    ];

    private static readonly string[] UserNames = ["alice", "bob", "carol.ops", "deploy-bot", "jürgen.müller", "svc-backup", "mallory", "dave"];

    private static readonly string[] UserAgents =
    [
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0-18-amd64 exe/x86_64.debian.12 prompt/off command/s3.cp",
        "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.51",
        "aws-sdk-java/2.25.6 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/standard",
        "[aws-sdk-go-v2/1.25.2 os/linux lang/go#1.21.7 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.149.1]",
        "aws-sdk-dotnet-coreclr/3.7.300.54 ua/2.0 OS/Linux_5.15.0-1057-azure_#65-Ubuntu_SMP lang/.NET_Core#8.0.3 md/aws-sdk-dotnet-core#3.7.302.19 exec-env/AWS_Lambda_dotnet8",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0",
        "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.2 os/linux lang/go#1.21.7",
        "console.amazonaws.com",
        "AWS Internal",
    ];

    private static readonly string[] Tls = ["TLSv1.3", "TLS_AES_128_GCM_SHA256", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.3", "TLS_AES_256_GCM_SHA384"];

    private readonly Random _rng;
    private readonly LogProfile _profile;
    private readonly string[] _accounts;
    private readonly (string Name, string Id, string Account)[] _roles;
    private readonly (string Name, string Id, string Account)[] _users;
    private readonly string[] _buckets;
    private readonly string[] _ips;
    private readonly string[] _instances;
    private readonly string[] _keys;
    private readonly string[] _functions;
    private readonly string[] _workflows;
    private readonly Session[] _sessions = [];
    private readonly Utf8JsonWriter _w;

    // The account whose trail receives the record (recipientAccountId); one per organisation member in that profile.
    private string _home;

    private LogGenerator(int seed, Utf8JsonWriter writer, LogProfile profile)
    {
        _rng = new Random(seed);
        _w = writer;
        _profile = profile;
        bool org = profile == LogProfile.Organization;
        _accounts = org ? [.. Enumerable.Range(0, OrgAccounts).Select(_ => Digits(12))] : [Digits(12), Digits(12), Digits(12)];
        _home = _accounts[0];
        _roles = org
            ? [.. _accounts.SelectMany(a => RoleNames.Select(n => (n, "AROA" + Key(17), a)))]
            : [.. RoleNames.Select(n => (n, "AROA" + Key(17), Pick(_accounts)))];
        _users = org
            ? [.. Enumerable.Range(0, OrgUsers).Select(i => (Pick(UserNames) + "-" + i.ToString(CultureInfo.InvariantCulture), "AIDA" + Key(17), Pick(_accounts)))]
            : [.. UserNames.Select(n => (n, "AIDA" + Key(17), _home))];
        _buckets = ["acme-prod-data-" + _home, "acme-logs-" + _home, "aws-cloudtrail-logs-" + _home + "-" + Hex(8), "ml-training-sets", "static-site-assets"];
        _ips = [.. Enumerable.Range(0, org ? OrgAddresses : 40).Select(_ => Ip())];
        _instances = [.. Enumerable.Range(0, org ? OrgInstances : 12).Select(_ => "i-0" + Hex(16))];
        _keys = [.. Enumerable.Range(0, 4).Select(_ => Guid())];
        _functions = ["orders-processor", "thumbnail-generator", "nightly-report", "auth-authorizer", "cloudtrail-forwarder"];
        _workflows = [.. Enumerable.Range(0, 6).Select(_ => "mw-" + Hex(10))];
        if (org)
        {
            _sessions = CreateSessions();
        }
    }

    /// <summary>Generates a log file of exactly <paramref name="recordCount"/> records of <paramref name="profile"/>.</summary>
    public static byte[] Generate(int seed, int recordCount, LogProfile profile)
    {
        using var stream = new MemoryStream();
        Write(stream, seed, recordCount, long.MaxValue, profile);
        return stream.ToArray();
    }

    /// <summary>Generates a log file of exactly <paramref name="recordCount"/> records.</summary>
    public static byte[] Generate(int seed, int recordCount)
    {
        using var stream = new MemoryStream();
        Write(stream, seed, recordCount, long.MaxValue);
        return stream.ToArray();
    }

    /// <summary>Generates a log file of about <paramref name="targetBytes"/> bytes (it stops after the record that reaches it).</summary>
    public static byte[] GenerateBytes(int seed, long targetBytes, out int recordCount)
    {
        using var stream = new MemoryStream(checked((int)Math.Min(targetBytes + (64 * 1024), int.MaxValue)));
        recordCount = Write(stream, seed, int.MaxValue, targetBytes);
        return stream.ToArray();
    }

    /// <summary>Writes a log file to <paramref name="output"/>: records until either limit is reached. Returns the record count.</summary>
    public static int Write(Stream output, int seed, int maxRecords, long targetBytes, LogProfile profile = LogProfile.Account)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        var generator = new LogGenerator(seed, writer, profile);
        writer.WriteStartObject();
        writer.WriteStartArray("Records");
        int count = 0;
        while (count < maxRecords && writer.BytesCommitted + writer.BytesPending < targetBytes)
        {
            generator.WriteRecord();
            count++;
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return count;
    }

    private sealed class Event
    {
        public required string Source { get; init; }
        public required string Name { get; init; }
        public string Version { get; init; } = "1.09";
        public string Type { get; init; } = "AwsApiCall";
        public string Category { get; init; } = "Management";
        public bool Management { get; init; } = true;
        public bool? ReadOnly { get; init; }
        public string? Region { get; init; }
        public string? ApiVersion { get; init; }
        public bool NoTls { get; init; }
        public bool CanFail { get; init; } = true;
        public (string Code, string Message)? Failure { get; init; }
        public Action? Request { get; init; }
        public Action? Response { get; init; }
        public Action? Additional { get; init; }
        public Action? ServiceEventDetails { get; init; }
        public List<(string? Account, string Type, string Arn)>? Resources { get; init; }
        public string? SharedEventId { get; init; }
        public string? VpcEndpointId { get; init; }
        public string? RequestId { get; init; }
    }

    private readonly record struct Who(string? Type, string? Arn, string? InvokedBy, string Account, bool Console);

    // A role session of the organisation profile, used by many records as a real session is: same ARN, key and creation date.
    private sealed record Session((string Name, string Id, string Account) Role, string Name, string Created, string AccessKeyId);

    private Session[] CreateSessions()
    {
        string[] people = [.. Enumerable.Range(0, OrgPeople).Select(i => Pick(UserNames) + i.ToString(CultureInfo.InvariantCulture) + "@example.com")];
        string[] names = [.. Enumerable.Range(0, OrgSessionNames).Select(_ => "botocore-session-" + Digits(10))];
        // A role session name recurs (the same person, instance or job assumes the same role again): one ARN, several sessions.
        var identities = new ((string Name, string Id, string Account) Role, string Name)[OrgRoleSessions];
        for (int i = 0; i < identities.Length; i++)
        {
            var role = Pick(_roles);
            identities[i] = (role, role.Name == "ec2-app-server" ? Pick(_instances)
                : role.Name.StartsWith("AWSReservedSSO", StringComparison.Ordinal) ? Pick(people)
                : role.Name == "ci-deploy" ? "GitHubActions-" + Digits(10)
                : Pick(names));
        }

        var sessions = new Session[OrgSessions];
        for (int i = 0; i < sessions.Length; i++)
        {
            var (role, name) = Pick(identities);
            DateTime created = Day.AddSeconds((i * 86_400L / OrgSessions) - 43_200 + _rng.Next(30));
            sessions[i] = new Session(role, name, Time(created), "ASIA" + Key(16));
        }

        return sessions;
    }

    private void WriteRecord()
    {
        if (_profile == LogProfile.Organization)
        {
            _home = Pick(_accounts);
        }

        DateTime time = Day.AddSeconds(_rng.Next(86_400));
        string region = Pick(Regions);
        int roll = _rng.Next(100);
        string kind = roll switch
        {
            < 58 => "AssumedRole",
            < 70 => "AWSService",
            < 80 => "IAMUser",
            < 86 => "IdentityCenterUser",
            < 90 => "FederatedUser",
            < 93 => "AWSAccount",
            < 95 => "Root",
            _ => "ServiceEvent",
        };

        Utf8JsonWriter w = _w;
        w.WriteStartObject();
        Event ev;
        Who who;
        if (kind == "ServiceEvent")
        {
            ev = ServiceEvent(time);
            w.WriteString("eventVersion", ev.Version);
            w.WriteStartObject("userIdentity");
            w.WriteString("accountId", _home);
            w.WriteString("invokedBy", ev.Source);
            w.WriteEndObject();
            who = new Who(null, null, ev.Source, _home, false);
        }
        else
        {
            // Choose the event first: some events constrain who can make them.
            ev = kind == "AWSService" ? ServiceCall(region) : UserCall(region, ref kind, time);
            w.WriteString("eventVersion", ev.Version);
            who = WriteIdentity(kind, time, ev);
        }

        w.WriteString("eventTime", Time(time));
        w.WriteString("eventSource", ev.Source);
        w.WriteString("eventName", ev.Name);
        w.WriteString("awsRegion", ev.Region ?? region);
        string agent = who.InvokedBy ?? (who.Console ? UserAgents[5 + _rng.Next(2)] : Pick(UserAgents));
        w.WriteString("sourceIPAddress", who.InvokedBy ?? (agent == "AWS Internal" ? "AWS Internal" : Pick(_ips)));
        w.WriteString("userAgent", agent);

        (string Code, string Message)? failure = ev.Failure;
        if (failure is null && ev.CanFail && _rng.Next(100) < 9)
        {
            failure = Error(ev, who);
        }

        if (failure is { } f)
        {
            w.WriteString("errorCode", f.Code);
            w.WriteString("errorMessage", f.Message);
        }

        w.WritePropertyName("requestParameters");
        Invoke(ev.Request);
        w.WritePropertyName("responseElements");
        Invoke(failure is null ? ev.Response : null);
        if (ev.Additional is not null)
        {
            w.WritePropertyName("additionalEventData");
            ev.Additional();
        }

        w.WriteString("requestID", ev.RequestId ?? Guid());
        w.WriteString("eventID", Guid());
        if (ev.ReadOnly is { } readOnly)
        {
            w.WriteBoolean("readOnly", readOnly);
        }

        if (ev.Resources is { } resources)
        {
            w.WriteStartArray("resources");
            foreach ((string? account, string type, string arn) in resources)
            {
                w.WriteStartObject();
                if (account is not null)
                {
                    w.WriteString("accountId", account);
                }

                w.WriteString("type", type);
                w.WriteString("ARN", arn);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteString("eventType", ev.Type);
        if (ev.ApiVersion is not null)
        {
            w.WriteString("apiVersion", ev.ApiVersion);
        }

        w.WriteBoolean("managementEvent", ev.Management);
        w.WriteString("recipientAccountId", _home);
        if (ev.SharedEventId is not null)
        {
            w.WriteString("sharedEventID", ev.SharedEventId);
        }

        if (ev.VpcEndpointId is not null)
        {
            w.WriteString("vpcEndpointId", ev.VpcEndpointId);
            w.WriteString("vpcEndpointAccountId", _home);
        }

        if (ev.ServiceEventDetails is not null)
        {
            w.WritePropertyName("serviceEventDetails");
            ev.ServiceEventDetails();
        }

        w.WriteString("eventCategory", ev.Category);
        if (!ev.NoTls && who.InvokedBy is null)
        {
            int t = 2 * _rng.Next(3);
            w.WriteStartObject("tlsDetails");
            w.WriteString("tlsVersion", Tls[t]);
            w.WriteString("cipherSuite", Tls[t + 1]);
            w.WriteString("clientProvidedHostHeader", Host(ev, region));
            w.WriteEndObject();
        }

        if (who.Console && ev.Type == "AwsApiCall")
        {
            w.WriteString("sessionCredentialFromConsole", "true");
        }

        w.WriteEndObject();
    }

    private void Invoke(Action? write)
    {
        if (write is null)
        {
            _w.WriteNullValue();
        }
        else
        {
            write();
        }
    }

    private Who WriteIdentity(string kind, DateTime time, Event ev)
    {
        Utf8JsonWriter w = _w;
        w.WriteStartObject("userIdentity");
        w.WriteString("type", kind);
        Who who;
        switch (kind)
        {
            case "AssumedRole" when _profile == LogProfile.Organization:
            {
                Session session = Pick(_sessions);
                var role = session.Role;
                bool sso = role.Name.StartsWith("AWSReservedSSO", StringComparison.Ordinal);
                string arn = $"arn:aws:sts::{role.Account}:assumed-role/{role.Name}/{session.Name}";
                w.WriteString("principalId", role.Id + ":" + session.Name);
                w.WriteString("arn", arn);
                w.WriteString("accountId", role.Account);
                w.WriteString("accessKeyId", session.AccessKeyId);
                w.WriteStartObject("sessionContext");
                w.WriteStartObject("sessionIssuer");
                w.WriteString("type", "Role");
                w.WriteString("principalId", role.Id);
                w.WriteString("arn", sso
                    ? $"arn:aws:iam::{role.Account}:role/aws-reserved/sso.amazonaws.com/{role.Name}"
                    : $"arn:aws:iam::{role.Account}:role/{role.Name}");
                w.WriteString("accountId", role.Account);
                w.WriteString("userName", role.Name);
                w.WriteEndObject();
                w.WriteStartObject("webIdFederationData");
                w.WriteEndObject();
                w.WriteStartObject("attributes");
                w.WriteString("creationDate", session.Created);
                w.WriteString("mfaAuthenticated", sso ? "true" : "false");
                w.WriteEndObject();
                if (role.Name == "ec2-app-server")
                {
                    w.WriteString("ec2RoleDelivery", "2.0");
                }

                w.WriteEndObject();
                who = new Who(kind, arn, null, role.Account, sso && _rng.Next(3) == 0);
                break;
            }

            case "AssumedRole":
            {
                var role = Pick(_roles);
                bool ec2 = role.Name == "ec2-app-server";
                bool sso = role.Name.StartsWith("AWSReservedSSO", StringComparison.Ordinal);
                string session = ec2 ? Pick(_instances) : sso ? Pick(UserNames) + "@example.com" : role.Name == "ci-deploy" ? "GitHubActions-" + Digits(10) : "botocore-session-" + Digits(10);
                string arn = $"arn:aws:sts::{role.Account}:assumed-role/{role.Name}/{session}";
                w.WriteString("principalId", role.Id + ":" + session);
                w.WriteString("arn", arn);
                w.WriteString("accountId", role.Account);
                w.WriteString("accessKeyId", "ASIA" + Key(16));
                w.WriteStartObject("sessionContext");
                w.WriteStartObject("sessionIssuer");
                w.WriteString("type", "Role");
                w.WriteString("principalId", role.Id);
                w.WriteString("arn", sso
                    ? $"arn:aws:iam::{role.Account}:role/aws-reserved/sso.amazonaws.com/{role.Name}"
                    : $"arn:aws:iam::{role.Account}:role/{role.Name}");
                w.WriteString("accountId", role.Account);
                w.WriteString("userName", role.Name);
                w.WriteEndObject();
                w.WriteStartObject("webIdFederationData");
                w.WriteEndObject();
                Attributes(time, mfa: sso && _rng.Next(2) == 0);
                if (ec2)
                {
                    w.WriteString("ec2RoleDelivery", "2.0");
                }

                w.WriteEndObject();
                string? invokedBy = ev.Source == "s3.amazonaws.com" || _rng.Next(12) != 0 ? null : Pick(["cloudformation.amazonaws.com", "athena.amazonaws.com", "ssm.amazonaws.com"]);
                if (invokedBy is not null)
                {
                    w.WriteString("invokedBy", invokedBy);
                }

                who = new Who(kind, arn, invokedBy, role.Account, sso && _rng.Next(3) == 0);
                break;
            }

            case "IAMUser":
            {
                var user = Pick(_users);
                string arn = $"arn:aws:iam::{user.Account}:user/{user.Name}";
                bool console = _rng.Next(4) == 0 || ev.Type == "AwsConsoleSignIn";
                w.WriteString("principalId", user.Id);
                w.WriteString("arn", arn);
                w.WriteString("accountId", user.Account);
                if (ev.Type != "AwsConsoleSignIn")
                {
                    w.WriteString("accessKeyId", (console ? "ASIA" : "AKIA") + Key(16));
                }

                w.WriteString("userName", user.Name);
                if (console && ev.Type != "AwsConsoleSignIn")
                {
                    w.WriteStartObject("sessionContext");
                    w.WriteStartObject("sessionIssuer");
                    w.WriteEndObject();
                    w.WriteStartObject("webIdFederationData");
                    w.WriteEndObject();
                    Attributes(time, mfa: _rng.Next(3) != 0);
                    w.WriteEndObject();
                }

                who = new Who(kind, arn, null, user.Account, console);
                break;
            }

            case "Root":
            {
                string arn = $"arn:aws:iam::{_home}:root";
                w.WriteString("principalId", _home);
                w.WriteString("arn", arn);
                w.WriteString("accountId", _home);
                w.WriteString("accessKeyId", ev.Type == "AwsConsoleSignIn" ? string.Empty : "ASIA" + Key(16));
                if (ev.Type != "AwsConsoleSignIn")
                {
                    w.WriteStartObject("sessionContext");
                    w.WriteStartObject("sessionIssuer");
                    w.WriteEndObject();
                    w.WriteStartObject("webIdFederationData");
                    w.WriteEndObject();
                    Attributes(time, mfa: true);
                    w.WriteEndObject();
                }

                who = new Who(kind, arn, null, _home, true);
                break;
            }

            case "AWSService":
            {
                string invokedBy = ev.Source switch
                {
                    "sts.amazonaws.com" => Pick(["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com", "config.amazonaws.com"]),
                    "kms.amazonaws.com" => Pick(["s3.amazonaws.com", "secretsmanager.amazonaws.com", "dynamodb.amazonaws.com"]),
                    _ => "cloudtrail.amazonaws.com",
                };
                w.WriteString("invokedBy", invokedBy);
                who = new Who(kind, null, invokedBy, _home, false);
                break;
            }

            case "AWSAccount":
            {
                string other = _accounts[1 + _rng.Next(_accounts.Length - 1)];
                w.WriteString("principalId", "AROA" + Key(17) + ":" + Pick(UserNames));
                w.WriteString("accountId", other);
                w.WriteString("accessKeyId", "ASIA" + Key(16));
                who = new Who(kind, null, null, other, false);
                break;
            }

            case "FederatedUser":
            {
                var user = Pick(_users);
                string arn = $"arn:aws:sts::{user.Account}:federated-user/{user.Name}";
                w.WriteString("principalId", user.Account + ":" + user.Name);
                w.WriteString("arn", arn);
                w.WriteString("accountId", user.Account);
                w.WriteString("accessKeyId", "ASIA" + Key(16));
                w.WriteStartObject("sessionContext");
                w.WriteStartObject("sessionIssuer");
                w.WriteString("type", "IAMUser");
                w.WriteString("principalId", user.Id);
                w.WriteString("arn", $"arn:aws:iam::{user.Account}:user/{user.Name}");
                w.WriteString("accountId", user.Account);
                w.WriteString("userName", user.Name);
                w.WriteEndObject();
                w.WriteStartObject("webIdFederationData");
                w.WriteEndObject();
                Attributes(time, mfa: false);
                w.WriteEndObject();
                who = new Who(kind, arn, null, user.Account, false);
                break;
            }

            default: // IdentityCenterUser
            {
                w.WriteString("accountId", _home);
                w.WriteStartObject("onBehalfOf");
                w.WriteString("userId", Guid());
                w.WriteString("identityStoreArn", $"arn:aws:identitystore::{_home}:identitystore/d-{Hex(10)}");
                w.WriteEndObject();
                w.WriteString("credentialId", Guid());
                who = new Who(kind, null, null, _home, true);
                break;
            }
        }

        w.WriteEndObject();
        return who;
    }

    private void Attributes(DateTime time, bool mfa)
    {
        _w.WriteStartObject("attributes");
        _w.WriteString("creationDate", _profile == LogProfile.Organization ? Pick(_sessions).Created : Time(time.AddSeconds(-_rng.Next(1, 43_200))));
        _w.WriteString("mfaAuthenticated", mfa ? "true" : "false");
        _w.WriteEndObject();
    }

    private Event UserCall(string region, ref string kind, DateTime time)
    {
        int roll = _rng.Next(100);
        if (roll < 3)
        {
            // Console sign-ins come from people: Root, IAM users or SSO roles.
            if (kind is not ("Root" or "IAMUser" or "AssumedRole"))
            {
                kind = "IAMUser";
            }

            return ConsoleLogin(kind);
        }

        return roll switch
        {
            < 28 => S3(region),
            < 44 => Ec2(region),
            < 54 => Sts(region, time),
            < 62 => Iam(),
            < 71 => Kms(region),
            < 79 => Lambda(region),
            < 84 => CloudTrail(region),
            _ => MigrationHub(region, time),
        };
    }

    private Event ServiceCall(string region) => _rng.Next(3) switch
    {
        0 => Sts(region, Day),
        1 => Kms(region),
        _ => S3(region, byCloudTrail: true),
    };

    private Event S3(string region, bool byCloudTrail = false)
    {
        string bucket = byCloudTrail ? _buckets[2] : Pick(_buckets);
        string name = byCloudTrail ? "PutObject" : Pick(["GetObject", "GetObject", "GetObject", "PutObject", "HeadObject", "DeleteObject", "ListObjects"]);
        string key = byCloudTrail
            ? $"AWSLogs/{_home}/CloudTrail/{region}/2024/05/14/{_home}_CloudTrail_{region}_20240514T{Digits(4)}Z_{Key(16)}.json.gz"
            : _rng.Next(25) == 0
                ? Pick(["rapports/été/compte-rendu-réunion.pdf", "見積書/2024年5月.xlsx", "Ünterlagen/straße-übersicht.csv"])
                : Pick(["data/", "exports/daily/", "images/raw/", "models/checkpoints/"]) + Hex(12) + Pick([".parquet", ".json", ".jpg", ".csv.gz", ".bin"]);
        string host = $"{bucket}.s3.{region}.amazonaws.com";
        bool list = name == "ListObjects";
        var resources = new List<(string?, string, string)>();
        if (!list)
        {
            resources.Add((null, "AWS::S3::Object", $"arn:aws:s3:::{bucket}/{key}"));
        }

        resources.Add((_home, "AWS::S3::Bucket", $"arn:aws:s3:::{bucket}"));
        return new Event
        {
            Source = "s3.amazonaws.com",
            Name = name,
            Version = "1.10",
            Category = "Data",
            Management = false,
            ReadOnly = name is "GetObject" or "HeadObject" or "ListObjects",
            RequestId = Hex(16).ToUpperInvariant(),
            VpcEndpointId = _rng.Next(5) == 0 ? "vpce-" + Hex(17) : null,
            Resources = resources,
            Request = () =>
            {
                _w.WriteStartObject();
                _w.WriteString("bucketName", bucket);
                _w.WriteString("Host", host);
                if (list)
                {
                    _w.WriteString("prefix", "exports/");
                    _w.WriteString("list-type", "2");
                    _w.WriteString("max-keys", "1000");
                }
                else
                {
                    _w.WriteString("key", key);
                }

                if (name == "PutObject" && byCloudTrail)
                {
                    _w.WriteString("x-amz-acl", "bucket-owner-full-control");
                    _w.WriteString("x-amz-server-side-encryption", "AES256");
                }

                _w.WriteEndObject();
            },
            Response = name == "PutObject"
                ? () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("x-amz-server-side-encryption", "AES256");
                    _w.WriteString("x-amz-version-id", Key(32));
                    _w.WriteEndObject();
                }
                : null,
            Additional = () =>
            {
                _w.WriteStartObject();
                _w.WriteString("SignatureVersion", "SigV4");
                _w.WriteString("CipherSuite", "TLS_AES_128_GCM_SHA256");
                _w.WriteNumber("bytesTransferredIn", name == "PutObject" ? _rng.Next(200, 5_000_000) : 0);
                _w.WriteString("AuthenticationMethod", "AuthHeader");
                _w.WriteString("x-amz-id-2", Base64(60));
                _w.WriteNumber("bytesTransferredOut", name == "GetObject" ? _rng.Next(0, 20_000_000) : 0);
                _w.WriteEndObject();
            },
            Failure = name == "GetObject" && _rng.Next(20) == 0 ? ("NoSuchKey", "The specified key does not exist.") : null,
        };
    }

    private Event Ec2(string region)
    {
        string name = Pick(["DescribeInstances", "DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes", "RunInstances", "CreateTags", "AuthorizeSecurityGroupIngress", "StopInstances"]);
        bool readOnly = name.StartsWith("Describe", StringComparison.Ordinal);
        string instance = Pick(_instances);
        return new Event
        {
            Source = "ec2.amazonaws.com",
            Name = name,
            Version = "1.09",
            ReadOnly = readOnly,
            Request = name switch
            {
                "DescribeInstances" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteStartObject("instancesSet");
                    _w.WriteEndObject();
                    _w.WriteStartObject("filterSet");
                    _w.WriteStartArray("items");
                    Filter("instance-state-name", "running", "pending");
                    Filter("tag:Environment", "prod");
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                },
                "DescribeSecurityGroups" or "DescribeVolumes" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteStartObject(name == "DescribeVolumes" ? "volumeSet" : "securityGroupSet");
                    _w.WriteEndObject();
                    _w.WriteStartObject("filterSet");
                    _w.WriteEndObject();
                    _w.WriteNumber("maxResults", 1000);
                    _w.WriteEndObject();
                },
                "RunInstances" => () => RunInstancesRequest(),
                "CreateTags" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteStartObject("resourcesSet");
                    _w.WriteStartArray("items");
                    _w.WriteStartObject();
                    _w.WriteString("resourceId", instance);
                    _w.WriteEndObject();
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                    _w.WriteStartObject("tagSet");
                    _w.WriteStartArray("items");
                    Tag("Owner", Pick(UserNames));
                    Tag("CostCenter", "cc-" + Digits(4));
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                },
                "AuthorizeSecurityGroupIngress" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("groupId", "sg-0" + Hex(16));
                    _w.WriteStartObject("ipPermissions");
                    _w.WriteStartArray("items");
                    _w.WriteStartObject();
                    _w.WriteString("ipProtocol", "tcp");
                    _w.WriteNumber("fromPort", 443);
                    _w.WriteNumber("toPort", 443);
                    _w.WriteStartObject("ipRanges");
                    _w.WriteStartArray("items");
                    _w.WriteStartObject();
                    _w.WriteString("cidrIp", "0.0.0.0/0");
                    _w.WriteString("description", "HTTPS from anywhere");
                    _w.WriteEndObject();
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                },
                _ => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteStartObject("instancesSet");
                    _w.WriteStartArray("items");
                    _w.WriteStartObject();
                    _w.WriteString("instanceId", instance);
                    _w.WriteEndObject();
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                    _w.WriteBoolean("force", false);
                    _w.WriteEndObject();
                },
            },
            Response = name switch
            {
                "RunInstances" => () => RunInstancesResponse(region),
                "CreateTags" or "AuthorizeSecurityGroupIngress" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("requestId", Guid());
                    _w.WriteBoolean("_return", true);
                    _w.WriteEndObject();
                },
                "StopInstances" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("requestId", Guid());
                    _w.WriteStartObject("instancesSet");
                    _w.WriteStartArray("items");
                    _w.WriteStartObject();
                    _w.WriteString("instanceId", instance);
                    _w.WriteStartObject("currentState");
                    _w.WriteNumber("code", 64);
                    _w.WriteString("name", "stopping");
                    _w.WriteEndObject();
                    _w.WriteStartObject("previousState");
                    _w.WriteNumber("code", 16);
                    _w.WriteString("name", "running");
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                },
                _ => null,
            },
        };
    }

    private void Filter(string name, params string[] values)
    {
        _w.WriteStartObject();
        _w.WriteString("name", name);
        _w.WriteStartObject("valueSet");
        _w.WriteStartArray("items");
        foreach (string value in values)
        {
            _w.WriteStartObject();
            _w.WriteString("value", value);
            _w.WriteEndObject();
        }

        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteEndObject();
    }

    private void Tag(string key, string value)
    {
        _w.WriteStartObject();
        _w.WriteString("key", key);
        _w.WriteString("value", value);
        _w.WriteEndObject();
    }

    private void RunInstancesRequest()
    {
        _w.WriteStartObject();
        _w.WriteStartObject("instancesSet");
        _w.WriteStartArray("items");
        _w.WriteStartObject();
        _w.WriteString("imageId", "ami-0" + Hex(16));
        _w.WriteNumber("minCount", 1);
        _w.WriteNumber("maxCount", 1);
        _w.WriteEndObject();
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteString("instanceType", Pick(["t3.micro", "m6i.large", "c7g.xlarge"]));
        _w.WriteString("userData", "<sensitiveDataRemoved>");
        _w.WriteStartObject("blockDeviceMapping");
        _w.WriteEndObject();
        _w.WriteStartObject("monitoring");
        _w.WriteBoolean("enabled", false);
        _w.WriteEndObject();
        _w.WriteBoolean("disableApiTermination", false);
        _w.WriteStartObject("iamInstanceProfile");
        _w.WriteString("name", "ec2-app-server");
        _w.WriteEndObject();
        _w.WriteStartObject("tagSpecificationSet");
        _w.WriteStartArray("items");
        _w.WriteStartObject();
        _w.WriteString("resourceType", "instance");
        _w.WriteStartArray("tags");
        Tag("Name", "app-" + Hex(4));
        Tag("Environment", "prod");
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteEndObject();
    }

    private void RunInstancesResponse(string region)
    {
        string subnet = "subnet-0" + Hex(16), vpc = "vpc-0" + Hex(16), ip = $"10.0.{_rng.Next(256)}.{_rng.Next(256)}";
        _w.WriteStartObject();
        _w.WriteString("requestId", Guid());
        _w.WriteString("reservationId", "r-0" + Hex(16));
        _w.WriteString("ownerId", _home);
        _w.WriteStartObject("groupSet");
        _w.WriteEndObject();
        _w.WriteStartObject("instancesSet");
        _w.WriteStartArray("items");
        _w.WriteStartObject();
        _w.WriteString("instanceId", "i-0" + Hex(16));
        _w.WriteString("imageId", "ami-0" + Hex(16));
        _w.WriteStartObject("instanceState");
        _w.WriteNumber("code", 0);
        _w.WriteString("name", "pending");
        _w.WriteEndObject();
        _w.WriteString("privateDnsName", $"ip-{ip.Replace('.', '-')}.{region}.compute.internal");
        _w.WriteNumber("amiLaunchIndex", 0);
        _w.WriteStartObject("productCodes");
        _w.WriteEndObject();
        _w.WriteString("instanceType", "m6i.large");
        _w.WriteNumber("launchTime", 1_715_644_800_000L + _rng.Next(86_400_000));
        _w.WriteStartObject("placement");
        _w.WriteString("availabilityZone", region + "a");
        _w.WriteString("tenancy", "default");
        _w.WriteEndObject();
        _w.WriteStartObject("monitoring");
        _w.WriteString("state", "disabled");
        _w.WriteEndObject();
        _w.WriteString("subnetId", subnet);
        _w.WriteString("vpcId", vpc);
        _w.WriteString("privateIpAddress", ip);
        _w.WriteStartObject("stateReason");
        _w.WriteString("code", "pending");
        _w.WriteString("message", "pending");
        _w.WriteEndObject();
        _w.WriteString("architecture", "x86_64");
        _w.WriteString("rootDeviceType", "ebs");
        _w.WriteString("rootDeviceName", "/dev/xvda");
        _w.WriteStartObject("blockDeviceMapping");
        _w.WriteEndObject();
        _w.WriteString("virtualizationType", "hvm");
        _w.WriteString("hypervisor", "xen");
        _w.WriteStartObject("tagSet");
        _w.WriteStartArray("items");
        Tag("Name", "app-" + Hex(4));
        Tag("Environment", "prod");
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteStartObject("groupSet");
        _w.WriteStartArray("items");
        _w.WriteStartObject();
        _w.WriteString("groupId", "sg-0" + Hex(16));
        _w.WriteString("groupName", "app-servers");
        _w.WriteEndObject();
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteStartObject("networkInterfaceSet");
        _w.WriteStartArray("items");
        _w.WriteStartObject();
        _w.WriteString("networkInterfaceId", "eni-0" + Hex(16));
        _w.WriteString("subnetId", subnet);
        _w.WriteString("vpcId", vpc);
        _w.WriteString("ownerId", _home);
        _w.WriteString("status", "in-use");
        _w.WriteString("macAddress", $"0a:{Hex(2)}:{Hex(2)}:{Hex(2)}:{Hex(2)}:{Hex(2)}");
        _w.WriteString("privateIpAddress", ip);
        _w.WriteBoolean("sourceDestCheck", true);
        _w.WriteString("interfaceType", "interface");
        _w.WriteStartObject("privateIpAddressesSet");
        _w.WriteStartArray("item");
        _w.WriteStartObject();
        _w.WriteString("privateIpAddress", ip);
        _w.WriteBoolean("primary", true);
        _w.WriteEndObject();
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteEndObject();
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteBoolean("ebsOptimized", true);
        _w.WriteBoolean("enaSupport", true);
        _w.WriteStartObject("cpuOptions");
        _w.WriteNumber("coreCount", 1);
        _w.WriteNumber("threadsPerCore", 2);
        _w.WriteEndObject();
        _w.WriteStartObject("metadataOptions");
        _w.WriteString("state", "pending");
        _w.WriteString("httpTokens", "required");
        _w.WriteNumber("httpPutResponseHopLimit", 2);
        _w.WriteString("httpEndpoint", "enabled");
        _w.WriteEndObject();
        _w.WriteEndObject();
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteString("requesterId", Digits(12));
        _w.WriteEndObject();
    }

    private Event Sts(string region, DateTime time)
    {
        if (_rng.Next(4) == 0)
        {
            return new Event { Source = "sts.amazonaws.com", Name = "GetCallerIdentity", Version = "1.08", ReadOnly = true, CanFail = false, Region = region };
        }

        var role = Pick(_roles);
        string roleArn = $"arn:aws:iam::{role.Account}:role/{role.Name}";
        string session = "session-" + Digits(13);
        bool crossAccount = role.Account != _home;
        return new Event
        {
            Source = "sts.amazonaws.com",
            Name = "AssumeRole",
            Version = "1.08",
            ReadOnly = true,
            Region = region,
            SharedEventId = crossAccount ? Guid() : null,
            Resources = [(role.Account, "AWS::IAM::Role", roleArn)],
            Request = () =>
            {
                _w.WriteStartObject();
                _w.WriteString("roleArn", roleArn);
                _w.WriteString("roleSessionName", session);
                _w.WriteNumber("durationSeconds", Pick([900, 3600, 43200]));
                if (_rng.Next(3) == 0)
                {
                    _w.WriteStartArray("tags");
                    _w.WriteStartObject();
                    _w.WriteString("key", "Project");
                    _w.WriteString("value", "migração-2024");
                    _w.WriteEndObject();
                    _w.WriteEndArray();
                    _w.WriteString("externalId", Guid());
                }

                _w.WriteEndObject();
            },
            Response = () =>
            {
                _w.WriteStartObject();
                _w.WriteStartObject("credentials");
                _w.WriteString("accessKeyId", "ASIA" + Key(16));
                _w.WriteString("sessionToken", Base64(_rng.Next(600, 1100)));
                _w.WriteString("expiration", time.AddHours(1).ToString("MMM d, yyyy, h:mm:ss tt", CultureInfo.InvariantCulture));
                _w.WriteEndObject();
                _w.WriteStartObject("assumedRoleUser");
                _w.WriteString("assumedRoleId", role.Id + ":" + session);
                _w.WriteString("arn", $"arn:aws:sts::{role.Account}:assumed-role/{role.Name}/{session}");
                _w.WriteEndObject();
                _w.WriteEndObject();
            },
        };
    }

    private Event Iam()
    {
        string name = Pick(["ListRoles", "GetRole", "ListAttachedRolePolicies", "CreateRole", "PutRolePolicy", "AttachRolePolicy", "CreateAccessKey"]);
        string role = Pick(RoleNames);
        return new Event
        {
            Source = "iam.amazonaws.com",
            Name = name,
            Version = "1.08",
            Region = "us-east-1",
            ReadOnly = name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("List", StringComparison.Ordinal),
            Request = name switch
            {
                "ListRoles" => null,
                "CreateAccessKey" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("userName", Pick(UserNames));
                    _w.WriteEndObject();
                },
                "CreateRole" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("roleName", role);
                    _w.WriteString("description", "Role created by terraform for the workload");
                    _w.WriteString("assumeRolePolicyDocument", TrustPolicy());
                    _w.WriteNumber("maxSessionDuration", 3600);
                    _w.WriteStartArray("tags");
                    Tag("ManagedBy", "terraform");
                    _w.WriteEndArray();
                    _w.WriteEndObject();
                },
                "PutRolePolicy" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("roleName", role);
                    _w.WriteString("policyName", "inline-" + Hex(6));
                    _w.WriteString("policyDocument", PermissionPolicy());
                    _w.WriteEndObject();
                },
                "AttachRolePolicy" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("roleName", role);
                    _w.WriteString("policyArn", "arn:aws:iam::aws:policy/" + Pick(["ReadOnlyAccess", "AmazonS3FullAccess", "AdministratorAccess"]));
                    _w.WriteEndObject();
                },
                _ => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("roleName", role);
                    _w.WriteEndObject();
                },
            },
            Response = name switch
            {
                "CreateRole" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteStartObject("role");
                    _w.WriteString("path", "/");
                    _w.WriteString("roleName", role);
                    _w.WriteString("roleId", "AROA" + Key(17));
                    _w.WriteString("arn", $"arn:aws:iam::{_home}:role/{role}");
                    _w.WriteString("createDate", "May 14, 2024, 10:12:54 AM");
                    _w.WriteString("assumeRolePolicyDocument", Uri.EscapeDataString(TrustPolicy()));
                    _w.WriteNumber("maxSessionDuration", 3600);
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                },
                "CreateAccessKey" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteStartObject("accessKey");
                    _w.WriteString("accessKeyId", "AKIA" + Key(16));
                    _w.WriteString("status", "Active");
                    _w.WriteString("userName", Pick(UserNames));
                    _w.WriteString("createDate", "May 14, 2024, 3:04:05 PM");
                    _w.WriteEndObject();
                    _w.WriteEndObject();
                },
                _ => null,
            },
        };
    }

    private string TrustPolicy() =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + Pick(["lambda.amazonaws.com", "ec2.amazonaws.com"]) +
        "\"},\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + Pick(_accounts) +
        ":root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + Guid() + "\"}}}]}";

    private string PermissionPolicy()
    {
        var sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        int statements = _rng.Next(2, 6);
        for (int i = 0; i < statements; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append("{\"Sid\":\"Stmt").Append(Digits(13)).Append("\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket\",\"kms:Decrypt\"],\"Resource\":[\"arn:aws:s3:::")
                .Append(Pick(_buckets)).Append("\",\"arn:aws:s3:::").Append(Pick(_buckets)).Append("/*\"]}");
        }

        return sb.Append("]}").ToString();
    }

    private Event Kms(string region)
    {
        string name = Pick(["Decrypt", "Decrypt", "GenerateDataKey", "Encrypt", "DescribeKey"]);
        string keyArn = $"arn:aws:kms:{region}:{_home}:key/{Pick(_keys)}";
        string bucket = Pick(_buckets);
        return new Event
        {
            Source = "kms.amazonaws.com",
            Name = name,
            Version = "1.08",
            Region = region,
            ReadOnly = name is "Decrypt" or "DescribeKey",
            Resources = [(_home, "AWS::KMS::Key", keyArn)],
            Request = () =>
            {
                _w.WriteStartObject();
                if (name == "DescribeKey")
                {
                    _w.WriteString("keyId", "alias/aws/s3");
                }
                else
                {
                    _w.WriteStartObject("encryptionContext");
                    _w.WriteString("aws:s3:arn", $"arn:aws:s3:::{bucket}/{Hex(12)}");
                    _w.WriteEndObject();
                    _w.WriteString("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
                    if (name == "GenerateDataKey")
                    {
                        _w.WriteString("keySpec", "AES_256");
                        _w.WriteString("keyId", keyArn);
                    }
                }

                _w.WriteEndObject();
            },
            Failure = _rng.Next(40) == 0 ? ("ThrottlingException", "Rate exceeded") : null,
        };
    }

    private Event Lambda(string region)
    {
        string name = Pick(["Invoke", "Invoke", "Invoke", "GetFunction20150331v2", "ListFunctions20150331", "UpdateFunctionConfiguration20150331v2"]);
        string function = Pick(_functions);
        string arn = $"arn:aws:lambda:{region}:{_home}:function:{function}";
        bool invoke = name == "Invoke";
        return new Event
        {
            Source = "lambda.amazonaws.com",
            Name = name,
            Version = invoke ? "1.09" : "1.08",
            Region = region,
            ReadOnly = !name.StartsWith("Update", StringComparison.Ordinal) && !invoke,
            Category = invoke ? "Data" : "Management",
            Management = !invoke,
            Resources = invoke ? [(null, "AWS::Lambda::Function", arn)] : null,
            Request = name == "ListFunctions20150331" ? null : () =>
            {
                _w.WriteStartObject();
                _w.WriteString("functionName", invoke ? arn : function);
                if (name.StartsWith("Update", StringComparison.Ordinal))
                {
                    _w.WriteNumber("timeout", 30);
                    _w.WriteNumber("memorySize", 512);
                    _w.WriteStartObject("environment");
                    _w.WriteEndObject();
                }

                _w.WriteEndObject();
            },
            Response = name.StartsWith("Update", StringComparison.Ordinal) ? () => LambdaConfiguration(arn, function) : null,
            Additional = invoke
                ? () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("functionVersion", arn + ":$LATEST");
                    _w.WriteEndObject();
                }
                : null,
        };
    }

    private void LambdaConfiguration(string arn, string function)
    {
        _w.WriteStartObject();
        _w.WriteString("functionName", function);
        _w.WriteString("functionArn", arn);
        _w.WriteString("runtime", Pick(["python3.12", "nodejs20.x", "dotnet8", "java21"]));
        _w.WriteString("role", $"arn:aws:iam::{_home}:role/lambda-orders-processor-role");
        _w.WriteString("handler", "app.handler");
        _w.WriteNumber("codeSize", _rng.Next(10_000, 50_000_000));
        _w.WriteString("description", string.Empty);
        _w.WriteNumber("timeout", 30);
        _w.WriteNumber("memorySize", 512);
        _w.WriteString("lastModified", "2024-05-14T10:12:54.000+0000");
        _w.WriteString("codeSha256", Base64(44));
        _w.WriteString("version", "$LATEST");
        _w.WriteStartObject("environment");
        _w.WriteEndObject();
        _w.WriteStartObject("tracingConfig");
        _w.WriteString("mode", "PassThrough");
        _w.WriteEndObject();
        _w.WriteString("revisionId", Guid());
        _w.WriteString("state", "Active");
        _w.WriteString("lastUpdateStatus", "InProgress");
        _w.WriteString("packageType", "Zip");
        _w.WriteStartArray("architectures");
        _w.WriteStringValue("x86_64");
        _w.WriteEndArray();
        _w.WriteStartObject("ephemeralStorage");
        _w.WriteNumber("size", 512);
        _w.WriteEndObject();
        _w.WriteStartObject("snapStart");
        _w.WriteString("applyOn", "None");
        _w.WriteString("optimizationStatus", "Off");
        _w.WriteEndObject();
        _w.WriteStartObject("loggingConfig");
        _w.WriteString("logFormat", "Text");
        _w.WriteString("logGroup", "/aws/lambda/" + function);
        _w.WriteEndObject();
        _w.WriteEndObject();
    }

    private Event CloudTrail(string region)
    {
        string name = Pick(["LookupEvents", "DescribeTrails", "GetTrailStatus", "GetEventSelectors"]);
        string trail = $"arn:aws:cloudtrail:us-east-1:{_home}:trail/organization-trail";
        return new Event
        {
            Source = "cloudtrail.amazonaws.com",
            Name = name,
            Version = "1.08",
            Region = region,
            ReadOnly = true,
            Request = () =>
            {
                _w.WriteStartObject();
                switch (name)
                {
                    case "LookupEvents":
                        _w.WriteString("startTime", "May 13, 2024, 12:00:00 AM");
                        _w.WriteString("endTime", "May 14, 2024, 12:00:00 AM");
                        _w.WriteStartArray("lookupAttributes");
                        _w.WriteStartObject();
                        _w.WriteString("attributeKey", "EventName");
                        _w.WriteString("attributeValue", "ConsoleLogin");
                        _w.WriteEndObject();
                        _w.WriteEndArray();
                        _w.WriteNumber("maxResults", 50);
                        break;
                    case "DescribeTrails":
                        _w.WriteBoolean("includeShadowTrails", false);
                        break;
                    default:
                        _w.WriteString("name", trail);
                        break;
                }

                _w.WriteEndObject();
            },
        };
    }

    private Event MigrationHub(string region, DateTime time)
    {
        string name = Pick(["GetWorkflowStep", "GetWorkflowStep", "GetWorkflow", "ListWorkflows", "ListWorkflowSteps", "CreateWorkflow", "StartWorkflow", "UpdateWorkflowStep", "ListTemplates"]);
        string workflow = Pick(_workflows);
        string group = "act-" + _rng.Next(1, 6);
        string step = "step-" + Hex(5);
        return new Event
        {
            Source = "migrationhub-orchestrator.amazonaws.com",
            Name = name,
            Version = "1.08",
            Region = region is "us-east-1" or "us-west-2" or "eu-central-1" ? region : "us-east-1",
            ReadOnly = name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("List", StringComparison.Ordinal),
            Request = () =>
            {
                _w.WriteStartObject();
                switch (name)
                {
                    case "GetWorkflowStep" or "UpdateWorkflowStep":
                        _w.WriteString("stepGroupId", group);
                        _w.WriteString("id", step);
                        _w.WriteString("workflowId", workflow);
                        if (name == "UpdateWorkflowStep")
                        {
                            _w.WriteString("status", "COMPLETED");
                        }

                        break;
                    case "ListWorkflowSteps":
                        _w.WriteString("workflowId", workflow);
                        _w.WriteString("stepGroupId", group);
                        _w.WriteNumber("maxResults", 100);
                        break;
                    case "ListWorkflows" or "ListTemplates":
                        _w.WriteNumber("maxResults", 100);
                        break;
                    case "CreateWorkflow":
                        _w.WriteString("name", "migrate-sap-" + Hex(4));
                        _w.WriteString("description", "Rehost SAP NetWeaver on AWS (wave " + _rng.Next(1, 9) + ")");
                        _w.WriteString("templateId", "a91de99b-0a2a-4b5f-9c77-7c5fb2e0a1" + Hex(2));
                        _w.WriteString("applicationConfigurationId", "app-" + Hex(12));
                        _w.WriteStartObject("inputParameters");
                        foreach (string p in (string[])["SourceEnvironment", "TargetVpcId", "TargetSubnetId", "SapSid", "DatabaseEngine", "BackupBucket"])
                        {
                            _w.WriteStartObject(p);
                            _w.WriteString("stringValue", p + "-" + Hex(8));
                            _w.WriteEndObject();
                        }

                        _w.WriteStartObject("ServerList");
                        _w.WriteStartArray("listOfStringsValue");
                        for (int i = 0; i < 6; i++)
                        {
                            _w.WriteStringValue("sap-app-" + Hex(6) + ".corp.example.com");
                        }

                        _w.WriteEndArray();
                        _w.WriteEndObject();
                        _w.WriteEndObject();
                        _w.WriteStartArray("stepTargets");
                        for (int i = 0; i < 4; i++)
                        {
                            _w.WriteStringValue("d-server-" + Hex(14));
                        }

                        _w.WriteEndArray();
                        _w.WriteStartObject("tags");
                        _w.WriteString("Project", "migração-wave");
                        _w.WriteString("Owner", Pick(UserNames));
                        _w.WriteEndObject();
                        break;
                    default:
                        _w.WriteString("id", workflow);
                        break;
                }

                _w.WriteEndObject();
            },
            Response = name switch
            {
                "CreateWorkflow" or "StartWorkflow" => () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("id", workflow);
                    _w.WriteString("arn", $"arn:aws:migrationhub-orchestrator:us-east-1:{_home}:workflow/{workflow}");
                    _w.WriteString("status", name == "CreateWorkflow" ? "CREATING" : "STARTING");
                    if (name == "CreateWorkflow")
                    {
                        _w.WriteString("creationTime", Time(time));
                        _w.WriteStartObject("workflowInputs");
                        _w.WriteString("SourceEnvironment", "HIDDEN_DUE_TO_SECURITY_REASONS");
                        _w.WriteEndObject();
                    }
                    else
                    {
                        _w.WriteString("lastStartTime", Time(time));
                    }

                    _w.WriteEndObject();
                },
                _ => null,
            },
            Failure = name == "GetWorkflowStep" && _rng.Next(15) == 0 ? ("ResourceNotFoundException", "The requested resource does not exist.") : null,
        };
    }

    private Event ConsoleLogin(string kind)
    {
        bool failed = _rng.Next(6) == 0;
        bool mfa = kind != "AssumedRole" && _rng.Next(3) != 0;
        return new Event
        {
            Source = "signin.amazonaws.com",
            Name = "ConsoleLogin",
            Version = "1.08",
            Type = "AwsConsoleSignIn",
            Region = "us-east-1",
            CanFail = false,
            Failure = failed ? ("Failed authentication", "Failed authentication") : null,
            Response = () =>
            {
                _w.WriteStartObject();
                _w.WriteString("ConsoleLogin", failed ? "Failure" : "Success");
                _w.WriteEndObject();
            },
            Additional = () =>
            {
                _w.WriteStartObject();
                _w.WriteString("LoginTo", "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_" + Hex(16));
                _w.WriteString("MobileVersion", "No");
                _w.WriteString("MFAIdentifier", mfa ? $"arn:aws:iam::{_home}:mfa/{Pick(UserNames)}" : null);
                _w.WriteString("MFAUsed", mfa ? "Yes" : "No");
                _w.WriteEndObject();
            },
        };
    }

    private Event ServiceEvent(DateTime time)
    {
        bool backup = _rng.Next(2) == 0;
        if (backup)
        {
            string job = Guid().ToUpperInvariant();
            return new Event
            {
                Source = "backup.amazonaws.com",
                Name = "BackupJobCompleted",
                Version = "1.08",
                Type = "AwsServiceEvent",
                NoTls = true,
                CanFail = false,
                ReadOnly = false,
                ServiceEventDetails = () =>
                {
                    _w.WriteStartObject();
                    _w.WriteString("backupJobId", job);
                    _w.WriteString("backupVaultName", "Default");
                    _w.WriteString("backupVaultArn", $"arn:aws:backup:us-east-1:{_home}:backup-vault:Default");
                    _w.WriteString("recoveryPointArn", $"arn:aws:ec2:us-east-1::snapshot/snap-0{Hex(16)}");
                    _w.WriteString("resourceArn", $"arn:aws:ec2:us-east-1:{_home}:volume/vol-0{Hex(16)}");
                    _w.WriteString("resourceType", "EBS");
                    _w.WriteString("state", "COMPLETED");
                    _w.WriteString("creationDate", Time(time.AddMinutes(-14)));
                    _w.WriteString("completionDate", Time(time));
                    _w.WriteNumber("backupSizeInBytes", _rng.NextInt64(1L << 30, 1L << 38));
                    _w.WriteEndObject();
                },
            };
        }

        string key = Pick(_keys);
        return new Event
        {
            Source = "kms.amazonaws.com",
            Name = "RotateKey",
            Version = "1.08",
            Type = "AwsServiceEvent",
            NoTls = true,
            CanFail = false,
            Resources = [(_home, "AWS::KMS::Key", $"arn:aws:kms:us-east-1:{_home}:key/{key}")],
            Additional = () =>
            {
                _w.WriteStartObject();
                _w.WriteString("keyId", $"arn:aws:kms:us-east-1:{_home}:key/{key}");
                _w.WriteEndObject();
            },
        };
    }

    private (string Code, string Message) Error(Event ev, Who who)
    {
        string action = ev.Source[..ev.Source.IndexOf('.', StringComparison.Ordinal)] + ":" + ev.Name;
        string principal = who.Arn ?? $"arn:aws:iam::{who.Account}:root";
        return ev.Source switch
        {
            "ec2.amazonaws.com" => ("Client.UnauthorizedOperation", "You are not authorized to perform this operation. User: " + principal +
                " is not authorized to perform: ec2:" + ev.Name + " because no identity-based policy allows the ec2:" + ev.Name +
                " action. Encoded authorization failure message: " + Base64(_rng.Next(600, 1400))),
            "s3.amazonaws.com" => ("AccessDenied", "Access Denied"),
            "iam.amazonaws.com" when _rng.Next(2) == 0 => ("NoSuchEntityException", "The role with name " + Pick(RoleNames) + " cannot be found."),
            _ when _rng.Next(4) == 0 => ("ThrottlingException", "Rate exceeded"),
            _ => ("AccessDenied", "User: " + principal + " is not authorized to perform: " + action + " because no identity-based policy allows the " + action + " action"),
        };
    }

    private static string Host(Event ev, string region) => ev.Source switch
    {
        "iam.amazonaws.com" => "iam.amazonaws.com",
        "signin.amazonaws.com" => "signin.aws.amazon.com",
        _ => ev.Source.Replace(".amazonaws.com", "." + (ev.Region ?? region) + ".amazonaws.com", StringComparison.Ordinal),
    };

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private T Pick<T>(T[] values) => values[_rng.Next(values.Length)];

    private string Digits(int n) => Chars(n, "0123456789");

    private string Hex(int n) => Chars(n, "0123456789abcdef");

    private string Key(int n) => Chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");

    private string Base64(int n) => Chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private string Chars(int n, string alphabet)
    {
        return string.Create(n, (this, alphabet), static (span, state) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.Item1._rng.Next(state.alphabet.Length)];
            }
        });
    }

    private string Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, in System.Guid's little-endian layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    private string Ip() => _rng.Next(5) switch
    {
        0 => $"2600:1f18:{Hex(4)}:{Hex(4)}:{Hex(4)}:{Hex(4)}:{Hex(4)}:{Hex(4)}",
        _ => $"{_rng.Next(3, 223)}.{_rng.Next(256)}.{_rng.Next(256)}.{_rng.Next(1, 255)}",
    };
}

/// <summary>Which population of callers a generated log file is drawn from.</summary>
public enum LogProfile
{
    /// <summary>A trail of three accounts: a dozen roles, eight users and 40 addresses, so callers repeat a lot.</summary>
    Account,

    /// <summary>An organisation trail of 60 accounts: thousands of distinct sessions, principals and addresses.</summary>
    Organization,
}
