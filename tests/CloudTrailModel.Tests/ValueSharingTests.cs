using System.Text;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// Strings unique to a record (event and request IDs, access keys, session ARNs, error messages) stay UTF-8 until
/// first read, and values and small objects that repeat across records are shared. None of that may be visible:
/// properties, equality, hash codes, <c>with</c>, concurrency and writing back behave as if every record were built
/// of its own ordinary strings and objects.
/// </summary>
/// <remarks>
/// Sharing is best effort: a kept reader state that another reader nearly filled starts afresh in the middle of a read,
/// and a value seen before then gets a second instance. So these tests run alone, each with readers that start afresh.
/// </remarks>
[Collection(ReaderStateCacheTests.Name)]
public sealed class ValueSharingTests
{
    public ValueSharingTests() => ReaderStateCacheTests.TakeKeptStates();

    private const string Json = """
        {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:session-\u00e9t\u00e9","arn":"arn:aws:sts::111122223333:assumed-role/r/s-1","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE1","credentialId":"cred-1"},"eventTime":"2024-03-01T12:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","errorCode":"AccessDenied","errorMessage":"Access dénied","requestParameters":{"bucketName":"b"},"requestID":"REQ1","eventID":"7c1a-\u00fc","eventType":"AwsApiCall","sharedEventID":"shared-1","recipientAccountId":"111122223333"}
        """;

    private static CloudTrailRecord BuiltInCode() => new()
    {
        EventVersion = CloudTrailEventVersion.Parse("1.08"),
        UserIdentity = new UserIdentity
        {
            Type = IdentityType.AssumedRole,
            PrincipalId = "AROAEXAMPLE:session-été",
            Arn = "arn:aws:sts::111122223333:assumed-role/r/s-1",
            AccountId = "111122223333",
            AccessKeyId = "ASIAEXAMPLE1",
            CredentialId = "cred-1",
        },
        EventTime = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero),
        EventSource = "s3.amazonaws.com",
        EventName = "GetObject",
        AwsRegion = "us-east-1",
        ErrorCode = "AccessDenied",
        ErrorMessage = "Access dénied",
        RequestParameters = new RawJson("{\"bucketName\":\"b\"}"),
        RequestId = "REQ1",
        EventId = "7c1a-ü",
        EventType = CloudTrailEventType.AwsApiCall,
        SharedEventId = "shared-1",
        RecipientAccountId = "111122223333",
    };

    [Fact]
    public void Properties_ReadFromALogFile_HaveTheirValues()
    {
        CloudTrailRecord record = Fixtures.ReadOne(Json);

        record.EventId.Should().Be("7c1a-ü");
        record.RequestId.Should().Be("REQ1");
        record.SharedEventId.Should().Be("shared-1");
        record.ErrorMessage.Should().Be("Access dénied");
        record.UserIdentity!.PrincipalId.Should().Be("AROAEXAMPLE:session-été");
        record.UserIdentity.Arn.Should().Be("arn:aws:sts::111122223333:assumed-role/r/s-1");
        record.UserIdentity.AccessKeyId.Should().Be("ASIAEXAMPLE1");
        record.UserIdentity.CredentialId.Should().Be("cred-1");
        record.RequestParameters!.ToString().Should().Be("{\"bucketName\":\"b\"}");
    }

    [Fact]
    public void Equality_ReadRecordAndRecordBuiltInCode_AreEqualWithEqualHashCodes_BeforeAndAfterReading()
    {
        CloudTrailRecord read = Fixtures.ReadOne(Json);
        CloudTrailRecord other = Fixtures.ReadOne(Json);
        CloudTrailRecord built = BuiltInCode();

        // Nothing decoded yet on either side, then one side decoded, then both.
        read.Should().Be(built);
        read.GetHashCode().Should().Be(built.GetHashCode());
        read.Should().Be(other);
        _ = read.EventId + read.UserIdentity!.Arn + read.ErrorMessage;
        read.Should().Be(other);
        other.Should().Be(read);
        read.GetHashCode().Should().Be(other.GetHashCode());
        read.Should().Be(built);
        (read with { EventId = "different" }).Should().NotBe(built);
        (read with { UserIdentity = read.UserIdentity with { AccessKeyId = "ASIAOTHER" } }).Should().NotBe(other);
    }

    [Fact]
    public void With_ReplacesOneValue_AndLeavesTheOriginalAsItWas()
    {
        CloudTrailRecord record = Fixtures.ReadOne(Json);

        CloudTrailRecord changed = record with { EventId = "new-id", RequestId = null };

        changed.EventId.Should().Be("new-id");
        changed.RequestId.Should().BeNull();
        changed.SharedEventId.Should().Be("shared-1");
        record.EventId.Should().Be("7c1a-ü");
        record.RequestId.Should().Be("REQ1");
    }

    [Fact]
    public void Serialize_ReadRecord_WritesTheSameJsonAsTheRecordBuiltInCode()
    {
        string read = Fixtures.Json(Fixtures.ReadOne(Json));
        string built = Fixtures.Json(BuiltInCode());

        read.Should().Be(built);
        using var expected = System.Text.Json.JsonDocument.Parse(Json);
        using var actual = System.Text.Json.JsonDocument.Parse(read);
        JsonStructure.FirstDifference(expected.RootElement, actual.RootElement).Should().BeNull();
    }

    [Fact]
    public void Get_FromManyThreadsAtOnce_GivesEveryThreadTheSameValue()
    {
        for (int round = 0; round < 50; round++)
        {
            CloudTrailRecord record = Fixtures.ReadOne(Json);
            string?[] seen = new string?[8];
            using var start = new Barrier(seen.Length);
            Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = seen.Length }, i =>
            {
                start.SignalAndWait();
                seen[i] = record.EventId + "|" + record.UserIdentity!.Arn;
            });

            seen.Should().AllBe("7c1a-ü|arn:aws:sts::111122223333:assumed-role/r/s-1");
        }
    }

    [Fact]
    public void EscapedValues_AreUnescaped()
    {
        CloudTrailRecord record = Fixtures.ReadOne(Json.Replace("\"REQ1\"", "\"R\\u0045Q\\\"1\"", StringComparison.Ordinal));

        record.RequestId.Should().Be("REQ\"1");
    }

    [Fact]
    public void RepeatedValues_AcrossRecords_AreOneString()
    {
        string log = Fixtures.LogFile(Json, Json.Replace("REQ1", "REQ2", StringComparison.Ordinal), Json.Replace("REQ1", "REQ3", StringComparison.Ordinal));

        List<CloudTrailRecord> records = Fixtures.ReadSkip(log).Records;

        records.Select(r => r.RequestId).Should().Equal("REQ1", "REQ2", "REQ3");
        records[2].UserIdentity!.Arn.Should().BeSameAs(records[1].UserIdentity!.Arn, "a value seen twice is pooled from then on");
        records[2].ErrorMessage.Should().BeSameAs(records[1].ErrorMessage);
    }

    [Fact]
    public void HostileValues_HugeAndDuplicated_AreReadExactly()
    {
        string huge = new('a', 5000);
        var duplicates = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            duplicates.Append("\"eventID\":\"dup-").Append(i).Append('-').Append(new string('x', 20)).Append("\",");
        }

        string json = Json
            .Replace("\"requestID\":\"REQ1\",", "\"requestID\":\"" + huge + "\"," + duplicates, StringComparison.Ordinal)
            .Replace("\"eventID\":\"7c1a-\\u00fc\",", string.Empty, StringComparison.Ordinal);

        CloudTrailRecord record = Fixtures.ReadOne(json);

        record.RequestId.Should().Be(huge);
        record.EventId.Should().Be("dup-2999-" + new string('x', 20), "the last of duplicate members wins");
        record.UserIdentity!.AccessKeyId.Should().Be("ASIAEXAMPLE1");
        record.RequestParameters!.ToString().Should().Be("{\"bucketName\":\"b\"}");
    }

    [Fact]
    public void RecordsAroundOneThatFailsMidWay_KeepTheirOwnValues()
    {
        // The middle record fails after some of its strings were read; nothing of it may leak into the next.
        string bad = Json.Replace("REQ1", "REQ-BAD", StringComparison.Ordinal).Replace("\"eventType\":\"AwsApiCall\"", "\"eventType\":AwsApiCall", StringComparison.Ordinal);
        string log = Fixtures.LogFile(Json, bad, Json.Replace("REQ1", "REQ3", StringComparison.Ordinal).Replace("7c1a-", "id3-", StringComparison.Ordinal));

        (List<CloudTrailRecord> records, List<CloudTrailRecordError> errors) = Fixtures.ReadSkip(log);

        errors.Should().ContainSingle().Which.RecordIndex.Should().Be(1);
        records.Select(r => r.RequestId).Should().Equal("REQ1", "REQ3");
        records.Select(r => r.EventId).Should().Equal("7c1a-ü", "id3-ü");
        records[1].RequestParameters!.ToString().Should().Be("{\"bucketName\":\"b\"}");
    }

    [Fact]
    public void SingleRecordParse_AndSerializerDeserialize_GiveTheSameRecord()
    {
        CloudTrailRecord parsed = CloudTrailRecord.Parse(Json);
        CloudTrailRecord deserialized = System.Text.Json.JsonSerializer.Deserialize(Json, CloudTrailJsonContext.Default.CloudTrailRecord)!;

        parsed.Should().Be(deserialized);
        parsed.Should().Be(BuiltInCode());
        deserialized.UserIdentity!.PrincipalId.Should().Be("AROAEXAMPLE:session-été");
    }

    [Fact]
    public void RepeatedObjects_AcrossRecords_AreSharedAndStillEqualToTheirOwnParse()
    {
        const string Tls = "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\"s3.us-east-1.amazonaws.com\"}";
        const string Issuer = "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:role/r\",\"accountId\":\"111122223333\",\"userName\":\"r\"},\"webIdFederationData\":{}}";
        string With(string id, string tls) => Json
            .Replace("\"credentialId\":\"cred-1\"", "\"credentialId\":\"cred-1\"," + Issuer, StringComparison.Ordinal)
            .Replace("\"recipientAccountId\":\"111122223333\"", "\"recipientAccountId\":\"111122223333\"," + tls, StringComparison.Ordinal)
            .Replace("REQ1", id, StringComparison.Ordinal);
        string withUnknown = Tls.Replace("\"tlsVersion\"", "\"newField\":1,\"tlsVersion\"", StringComparison.Ordinal);
        string otherHost = Tls.Replace("us-east-1", "eu-west-1", StringComparison.Ordinal);
        string[] jsons = [With("R1", Tls), With("R2", Tls), With("R3", otherHost), With("R4", Tls), With("R5", withUnknown)];
        string[] hosts = ["s3.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com", "s3.eu-west-1.amazonaws.com", "s3.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"];

        List<CloudTrailRecord> records = Fixtures.ReadSkip(Fixtures.LogFile(jsons)).Records;

        records.Should().HaveCount(5);
        records[3].TlsDetails.Should().BeSameAs(records[1].TlsDetails);
        records[3].UserIdentity!.SessionContext!.SessionIssuer.Should().BeSameAs(records[2].UserIdentity!.SessionContext!.SessionIssuer);
        records[3].UserIdentity!.SessionContext!.WebIdFederationData.Should().BeSameAs(records[0].UserIdentity!.SessionContext!.WebIdFederationData);
        records[4].TlsDetails!.AdditionalFields.Should().ContainKey("newField", "an object with members of its own is never shared");
        records[4].TlsDetails.Should().NotBeSameAs(records[3].TlsDetails);
        for (int i = 0; i < jsons.Length; i++)
        {
            CloudTrailRecord alone = CloudTrailRecord.Parse(jsons[i]);
            Fixtures.Json(records[i]).Should().Be(Fixtures.Json(alone));
            records[i].Should().Be(alone, "record {0} read in a log file equals the same record parsed alone", i);

            records[i].TlsDetails!.ClientProvidedHostHeader.Should().Be(hosts[i]);
            records[i].UserIdentity!.SessionContext!.SessionIssuer!.Arn.Should().Be("arn:aws:iam::111122223333:role/r");
        }
    }

    /// <summary>A log in which identities, TLS details, resources and error messages repeat, as in real trails, while IDs and keys do not.</summary>
    private static (byte[] Log, List<string> Records) RepetitiveLog(int count, int seed)
    {
        var random = new Random(seed);
        string[] roles = ["admin", "ci-deploy", "reader", "app"];
        string[] hosts = ["s3.us-east-1.amazonaws.com", "ec2.eu-west-1.amazonaws.com", "sts.amazonaws.com"];
        string[] messages = ["Access Denied", "User: arn:aws:sts::111122223333:assumed-role/app/s is not authorized", "Throttling"];
        var records = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string role = roles[random.Next(roles.Length)];
            string session = random.Next(3) == 0 ? "s-" + random.Next(1_000_000) : "long-lived";
            string key = "ASIA" + random.Next(4) switch { 0 => "REUSED", _ => random.NextInt64().ToString("X16", System.Globalization.CultureInfo.InvariantCulture) };
            string error = random.Next(5) == 0 ? $",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"{messages[random.Next(messages.Length)]}\"" : string.Empty;
            string tls = random.Next(6) switch
            {
                0 => string.Empty,
                1 => $",\"tlsDetails\":{{\"tlsVersion\":\"TLSv1.2\",\"cipherSuite\":\"ECDHE-RSA-AES128-GCM-SHA256\",\"clientProvidedHostHeader\":\"{hosts[random.Next(hosts.Length)]}\",\"extra\":{random.Next(3)}}}",
                _ => $",\"tlsDetails\":{{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\"{hosts[random.Next(hosts.Length)]}\"}}",
            };
            string resources = random.Next(3) == 0
                ? $",\"resources\":[{{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::b/{(random.Next(2) == 0 ? "same" : "k" + i)}\"}},{{\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::b\"}}]"
                : string.Empty;
            string delivery = random.Next(4) switch { 0 => ",\"ec2RoleDelivery\":\"2.0\"", 1 => ",\"ec2RoleDelivery\":\"1.0\"", _ => string.Empty };
            string issuer = random.Next(10) == 0
                ? "{}"
                : $"{{\"type\":\"Role\",\"principalId\":\"AROA{role.ToUpperInvariant()}\",\"arn\":\"arn:aws:iam::111122223333:role/{role}\",\"accountId\":\"111122223333\",\"userName\":\"{role}\"}}";
            records.Add(
                $"{{\"eventVersion\":\"1.09\",\"userIdentity\":{{\"type\":\"AssumedRole\",\"principalId\":\"AROA{role.ToUpperInvariant()}:{session}\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/{role}/{session}\",\"accountId\":\"111122223333\",\"accessKeyId\":\"{key}\","
                + $"\"sessionContext\":{{\"sessionIssuer\":{issuer},\"webIdFederationData\":{{}},\"attributes\":{{\"creationDate\":\"2024-03-01T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}{delivery}}}}},"
                + $"\"eventTime\":\"2024-03-01T12:{i % 60:00}:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.{random.Next(4)}\",\"userAgent\":\"aws-cli/2\"{error},"
                + $"\"requestParameters\":{{\"bucketName\":\"b\",\"key\":\"k{i}\"}},\"responseElements\":null,\"requestID\":\"R{i}\",\"eventID\":\"{Guid.NewGuid()}\",\"readOnly\":true{resources},"
                + $"\"eventType\":\"AwsApiCall\",\"managementEvent\":false,\"recipientAccountId\":\"111122223333\",\"sharedEventID\":\"S{random.Next(50)}\",\"eventCategory\":\"Data\"{tls}}}");
        }

        return (Encoding.UTF8.GetBytes(Fixtures.LogFile(records.ToArray())), records);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadRecords_OfARepetitiveLog_GiveExactlyWhatEachRecordParsedAloneGives(bool parallel)
    {
        // Pooled strings, shared objects and deferred strings all come into play over thousands of records; each
        // record must still be exactly the record that a fresh parse of its own JSON gives.
        (byte[] log, List<string> expected) = RepetitiveLog(5000, parallel ? 7 : 8);

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(new MemoryStream(log), CloudTrailReaderOptions.Default with { AllowParallelParsing = parallel }).ToList();

        records.Should().HaveCount(expected.Count);
        for (int i = 0; i < records.Count; i++)
        {
            CloudTrailRecord alone = CloudTrailRecord.Parse(expected[i]);
            Fixtures.Json(records[i]).Should().Be(Fixtures.Json(alone), "record {0} is written back as its own parse is", i);
            using var source = System.Text.Json.JsonDocument.Parse(expected[i]);
            using var written = System.Text.Json.JsonDocument.Parse(Fixtures.Json(records[i]));
            JsonStructure.FirstDifference(source.RootElement, written.RootElement).Should().BeNull();
            records[i].Should().Be(alone);
            records[i].GetHashCode().Should().Be(alone.GetHashCode());

            records[i].EventId.Should().Be(alone.EventId);
            records[i].UserIdentity!.AccessKeyId.Should().Be(alone.UserIdentity!.AccessKeyId);
            records[i].Resources?.Select(r => r.Arn).Should().Equal(alone.Resources!.Select(r => r.Arn));
            records[i].Resources?.Should().Equal(alone.Resources, "shared resources equal the record's own");
        }

        // And sharing did happen: most records reuse the session issuer and TLS details of an earlier record (this
        // caught two issuers evicting each other in a direct-mapped table in about one reader of seven).
        records.Select(r => r.UserIdentity!.SessionContext!.SessionIssuer).Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(200);
        records.Where(r => r.TlsDetails is not null).Select(r => r.TlsDetails).Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(2000);
        List<CloudTrailResource> resources = records.Where(r => r.Resources is not null).SelectMany(r => r.Resources!).ToList();
        resources.Count.Should().BeGreaterThan(3000);
        resources.Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(1200, "about a quarter of the resources have an ARN of their own");
        resources.Select(r => r.Kind).Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(10, "resources share their prefix, account and type");
        // (22 kinds on one thread, 44 on two, against 5,000 sessions without sharing; the bound leaves room for the
        // misses a pool may have before it grows. Hashed by identity, this count changed from run to run.)
        records.Select(r => r.UserIdentity!.SessionContext!.Kind).Distinct(ReferenceEqualityComparer.Instance).Count()
            .Should().BeLessThan(200, "sessions share their issuer, web identity provider and EC2 delivery");
        records.Select(r => r.UserIdentity!.SessionContext!.Ec2RoleDelivery).Distinct().Should().BeEquivalentTo(new[] { "2.0", "1.0", null });

        // Changing a member of a shared kind changes that resource only (two late resources, once their strings are
        // pooled; in one reader state, so on one thread when reading in parallel).
        if (parallel)
        {
            return;
        }

        List<CloudTrailResource> objects = resources.Where(r => r.Type == "AWS::S3::Object").ToList();
        CloudTrailResource second = objects[^1], first = objects.Last(r => !ReferenceEquals(r, second));
        second.Kind.Should().BeSameAs(first.Kind);
        CloudTrailResource changed = first with { AccountId = "999999999999" };
        changed.AccountId.Should().Be("999999999999");
        changed.Arn.Should().Be(first.Arn);
        first.AccountId.Should().BeNull();
        second.AccountId.Should().BeNull();
        second.Type.Should().Be("AWS::S3::Object");

        // And of a session's.
        SessionContext lastSession = records[^1].UserIdentity!.SessionContext!;
        SessionContext sameKind = records.Select(r => r.UserIdentity!.SessionContext!).Last(c => !ReferenceEquals(c, lastSession) && ReferenceEquals(c.Kind, lastSession.Kind));
        SessionContext changedSession = lastSession with { Ec2RoleDelivery = "3.0", SourceIdentity = "me" };
        changedSession.Ec2RoleDelivery.Should().Be("3.0");
        changedSession.SessionIssuer.Should().BeSameAs(lastSession.SessionIssuer);
        changedSession.Attributes.Should().BeSameAs(lastSession.Attributes);
        lastSession.Ec2RoleDelivery.Should().NotBe("3.0");
        sameKind.SourceIdentity.Should().BeNull();
        sameKind.Ec2RoleDelivery.Should().Be(lastSession.Ec2RoleDelivery);
    }

    [Fact]
    public void MemberNames_InAnyOrder_AndPastThePoolsCapacity_AreEachReadAsTheirOwnMember()
    {
        // Names are looked up by guessing the one that followed the previous name lately: shuffled members, thousands
        // of unknown names (past the name pool's capacity) and names that share prefixes must never be mistaken.
        var random = new Random(11);
        string[] members =
        [
            "\"eventVersion\":\"1.09\"", "\"eventTime\":\"2024-03-01T12:00:00Z\"", "\"eventSource\":\"s3.amazonaws.com\"",
            "\"eventName\":\"GetObject\"", "\"awsRegion\":\"us-east-1\"", "\"eventType\":\"AwsApiCall\"", "\"eventID\":\"e\"",
            "\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"111122223333\",\"userName\":\"alice\",\"arn\":\"arn:aws:iam::111122223333:user/alice\"}",
            "\"recipientAccountId\":\"444455556666\"", "\"eventCategory\":\"Data\"", "\"readOnly\":true",
        ];
        var jsons = new List<string>();
        for (int i = 0; i < 6000; i++)
        {
            List<string> parts = [.. members.OrderBy(_ => random.Next())];
            parts.Insert(random.Next(parts.Count), $"\"unknown{i}\":{i}");
            jsons.Add("{" + string.Join(",", parts) + "}");
        }

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(Fixtures.LogFile(jsons.ToArray())))).ToList();

        records.Should().HaveCount(jsons.Count);
        for (int i = 0; i < records.Count; i++)
        {
            CloudTrailRecord record = records[i];
            record.EventName.Should().Be("GetObject");
            record.EventSource.Should().Be("s3.amazonaws.com");
            record.AwsRegion.Should().Be("us-east-1");
            record.RecipientAccountId.Should().Be("444455556666");
            record.UserIdentity!.AccountId.Should().Be("111122223333");
            record.UserIdentity.UserName.Should().Be("alice");
            record.ReadOnly.Should().BeTrue();
            record.AdditionalFields.Keys.Should().Equal($"unknown{i}");
            Fixtures.Json(record).Should().Be(Fixtures.Json(CloudTrailRecord.Parse(jsons[i])));
        }
    }

    /// <summary>A log of many kinds (what was called, where, how classified, from a console session or not), past the pool's capacity, with booleans written both ways.</summary>
    private static List<string> ManyKinds(int count, int seed, int kinds)
    {
        var random = new Random(seed);
        string[] sources = ["s3.amazonaws.com", "ec2.amazonaws.com", "iam.amazonaws.com", "sts.amazonaws.com", "migrationhub-orchestrator.amazonaws.com"];
        string[] names = ["GetObject", "PutObject", "DescribeInstances", "GetRole", "AssumeRole", "GetWorkflowStep", "ListBuckets", "ListRoles"];
        string[] regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1"];
        string[] accounts = ["111122223333", "444455556666", "777788889999", "123456789012"];
        string[] versions = ["\"eventVersion\":\"1.08\",", "\"eventVersion\":\"1.09\",", "\"eventVersion\":\"1.11\",", "\"eventVersion\":\"bad\",", string.Empty];
        string[] types = [",\"eventType\":\"AwsApiCall\"", ",\"eventType\":\"AwsServiceEvent\"", ",\"eventType\":\"NewKind\"", string.Empty];
        string[] categories = [",\"eventCategory\":\"Management\"", ",\"eventCategory\":\"Data\"", ",\"eventCategory\":null", string.Empty];
        string[] bools = ["true", "false", "\"true\"", "\"false\"", "null"];
        string[] identityTypes = ["\"type\":\"IAMUser\",", "\"type\":\"AWSService\",", "\"type\":\"NewType\",", "\"type\":null,", string.Empty];
        string[] userNames = [",\"userName\":\"alice\"", ",\"userName\":\"bob\"", ",\"userName\":\"\"", string.Empty];
        string[] invokers = [",\"invokedBy\":\"ec2.amazonaws.com\"", ",\"invokedBy\":\"AWS Internal\"", string.Empty];
        var combos = new List<string>();
        for (int k = 0; k < kinds; k++)
        {
            string readOnly = random.Next(6) == 0 ? string.Empty : ",\"readOnly\":" + bools[random.Next(bools.Length)];
            string management = random.Next(6) == 0 ? string.Empty : ",\"managementEvent\":" + bools[random.Next(bools.Length)];
            string console = random.Next(3) == 0 ? ",\"sessionCredentialFromConsole\":" + bools[random.Next(bools.Length)] : string.Empty;
            string name = names[random.Next(names.Length)];
            string identity = random.Next(8) == 0 ? string.Empty
                : $"\"userIdentity\":{{{identityTypes[random.Next(identityTypes.Length)]}\"principalId\":\"P\",\"accountId\":\"{accounts[random.Next(accounts.Length)]}\"{userNames[random.Next(userNames.Length)]}{invokers[random.Next(invokers.Length)]}}},";
            combos.Add(
                $"{{{versions[random.Next(versions.Length)]}{identity}\"eventTime\":\"2024-03-01T12:00:00Z\",\"eventSource\":\"{sources[random.Next(sources.Length)]}\","
                + $"\"eventName\":\"{(random.Next(20) == 0 ? "Earlier\",\"eventName\":\"" : string.Empty)}{name}\",\"awsRegion\":\"{regions[random.Next(regions.Length)]}\",\"eventID\":\"ID\""
                + $"{types[random.Next(types.Length)]}{readOnly}{management}{console},\"recipientAccountId\":\"{accounts[random.Next(accounts.Length)]}\"{categories[random.Next(categories.Length)]}}}");
        }

        return Enumerable.Range(0, count).Select(i => combos[random.Next(combos.Count)]
            .Replace("\"ID\"", $"\"e{i}\"", StringComparison.Ordinal).Replace("\"P\"", $"\"AIDA{i}\"", StringComparison.Ordinal)).ToList();
    }

    [Theory]
    [InlineData(true, 4000)]
    [InlineData(false, 4000)]
    [InlineData(false, 40)]
    public void ReadRecords_OfManyKinds_GiveEachRecordItsOwnKind_AsItsParseAloneDoes(bool parallel, int kinds)
    {
        // What records called and where is one object shared by the records of a reader that have the same: with more
        // kinds than the pool holds, and with few, every record must still be exactly what its own parse gives.
        List<string> jsons = ManyKinds(6000, kinds, kinds);

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(
            new MemoryStream(Encoding.UTF8.GetBytes(Fixtures.LogFile(jsons.ToArray()))), CloudTrailReaderOptions.Default with { AllowParallelParsing = parallel }).ToList();

        records.Should().HaveCount(jsons.Count);
        for (int i = 0; i < records.Count; i++)
        {
            CloudTrailRecord alone = CloudTrailRecord.Parse(jsons[i]);
            CloudTrailRecord record = records[i];
            Fixtures.Json(record).Should().Be(Fixtures.Json(alone), "record {0} is written back as its own parse is", i);
            if (!jsons[i].Contains("Earlier", StringComparison.Ordinal))
            {
                // (A repeated member is written once, the last one: JsonDocument keeps both.)
                using var source = System.Text.Json.JsonDocument.Parse(jsons[i]);
                using var written = System.Text.Json.JsonDocument.Parse(Fixtures.Json(record));
                JsonStructure.FirstDifference(source.RootElement, written.RootElement).Should().BeNull();
            }

            (record.EventVersion, record.EventSource, record.EventName, record.AwsRegion, record.RecipientAccountId)
                .Should().Be((alone.EventVersion, alone.EventSource, alone.EventName, alone.AwsRegion, alone.RecipientAccountId));
            (record.EventType, record.EventCategory, record.ReadOnly, record.ManagementEvent, record.SessionCredentialFromConsole)
                .Should().Be((alone.EventType, alone.EventCategory, alone.ReadOnly, alone.ManagementEvent, alone.SessionCredentialFromConsole));
            (record.UserIdentity?.Type, record.UserIdentity?.AccountId, record.UserIdentity?.UserName, record.UserIdentity?.InvokedBy, record.UserIdentity?.PrincipalId)
                .Should().Be((alone.UserIdentity?.Type, alone.UserIdentity?.AccountId, alone.UserIdentity?.UserName, alone.UserIdentity?.InvokedBy, alone.UserIdentity?.PrincipalId));
            record.UserIdentity.Should().Be(alone.UserIdentity);
            if (record.AdditionalFields.Count == 0)
            {
                record.Should().Be(alone);
                record.GetHashCode().Should().Be(alone.GetHashCode());
            }
        }

        // And sharing did happen where kinds are few.
        if (kinds < 100)
        {
            records.Select(r => r.Kind).Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(3 * kinds);
            records.Where(r => r.UserIdentity is not null).Select(r => r.UserIdentity!.Kind).Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(3 * kinds);
        }
    }

    [Fact]
    public void ReadRecords_OfAnOrganisationTrail_ShareKindsAcrossMemberAccounts_AndKeepEachRecordsAccount()
    {
        // An organisation trail's records name the member account that received them: a kind keyed by that account
        // was made once per account and call (7,990 kinds in the benchmarks' organisation profile, 200 without it).
        string[] names = ["GetObject", "PutObject", "AssumeRole"];
        static string Account(int i) => (100000000000L + (i % 500)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var jsons = new List<string>();
        for (int i = 0; i < 3000; i++)
        {
            jsons.Add($$"""{"eventVersion":"1.09","eventTime":"2024-03-01T12:00:00Z","eventSource":"s3.amazonaws.com","eventName":"{{names[i % 3]}}","awsRegion":"us-east-1","eventID":"e{{i}}","eventType":"AwsApiCall","readOnly":true,"recipientAccountId":"{{Account(i)}}","eventCategory":"Data"}""");
        }

        CloudTrailReaderOptions oneState = CloudTrailReaderOptions.Default with { AllowParallelParsing = false };
        List<CloudTrailRecord> records = Fixtures.ReadSkip(Fixtures.LogFile(jsons.ToArray()), oneState).Records;

        records.Should().HaveCount(jsons.Count);
        for (int i = 0; i < records.Count; i++)
        {
            records[i].RecipientAccountId.Should().Be(Account(i));
            records[i].EventName.Should().Be(names[i % 3]);
            Fixtures.Json(records[i]).Should().Be(Fixtures.Json(CloudTrailRecord.Parse(jsons[i])));
        }

        records.Select(r => r.Kind).Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(10, "500 accounts make three calls");
    }

    [Fact]
    public void With_OnARecordWhoseKindIsShared_ChangesThatRecordOnly()
    {
        string json = ManyKinds(1, 3, 1)[0];
        // One reader state (a parallel read shares kinds within each thread's state only).
        CloudTrailReaderOptions oneState = CloudTrailReaderOptions.Default with { AllowParallelParsing = false };
        List<CloudTrailRecord> records = Fixtures.ReadSkip(Fixtures.LogFile(json, json, json), oneState).Records;
        records[2].Kind.Should().BeSameAs(records[1].Kind, "a kind seen twice is shared");
        CloudTrailRecord original = records[1];
        string before = Fixtures.Json(records[2]);

        CloudTrailRecord changed = original with { EventName = "Changed", ReadOnly = true, EventVersion = new CloudTrailEventVersion(1, 12) };

        changed.EventName.Should().Be("Changed");
        changed.ReadOnly.Should().BeTrue();
        changed.EventVersion.Should().Be(new CloudTrailEventVersion(1, 12));
        changed.EventSource.Should().Be(original.EventSource);
        original.EventName.Should().NotBe("Changed");
        Fixtures.Json(records[2]).Should().Be(before);
        Fixtures.Json(changed).Should().Contain("\"readOnly\":true").And.Contain("\"eventName\":\"Changed\"").And.Contain("\"eventVersion\":\"1.12\"");
        changed.Should().NotBe(original);
        (changed with { EventName = original.EventName, ReadOnly = original.ReadOnly, EventVersion = original.EventVersion })
            .Should().Match<CloudTrailRecord>(r => r.EventName == original.EventName && r.ReadOnly == original.ReadOnly);

        // The same for an identity's kind (type, account, user name, invoking service).
        List<CloudTrailRecord> withIdentity = Fixtures.ReadSkip(Fixtures.LogFile(Json, Json.Replace("REQ1", "REQ2", StringComparison.Ordinal), Json.Replace("REQ1", "REQ3", StringComparison.Ordinal)), oneState).Records;
        withIdentity[2].UserIdentity!.Kind.Should().BeSameAs(withIdentity[1].UserIdentity!.Kind, "an identity kind seen twice is shared");
        UserIdentity changedIdentity = withIdentity[1].UserIdentity! with { AccountId = "999999999999", Type = IdentityType.Root };
        changedIdentity.AccountId.Should().Be("999999999999");
        changedIdentity.Type.Should().Be(IdentityType.Root);
        changedIdentity.PrincipalId.Should().Be(withIdentity[1].UserIdentity!.PrincipalId);
        withIdentity[1].UserIdentity!.AccountId.Should().Be("111122223333");
        withIdentity[2].UserIdentity!.Type.Should().Be(IdentityType.AssumedRole);
        changedIdentity.Should().NotBe(withIdentity[1].UserIdentity);
    }

    [Fact]
    public void SharedObjects_WithEqualHashes_AreToldApartByTheirStrings()
    {
        // Keys hash from the text as it was read; two different kinds with the same hash must not share an object.
        var pool = new CloudTrailModel.Internal.PooledObjects<CloudTrailRecord.RecordKind.Key, CloudTrailRecord.RecordKind>(sets: 1);
        string source = "s3.amazonaws.com", name = "GetObject";
        CloudTrailRecord.RecordKind.Key Key(string? region, bool? readOnly, Internal.JsonBoolKind kind) =>
            new(42, "1.08", source, name, region, "AwsApiCall", null, default, readOnly, kind, null, null, default);
        var regions = new[] { "us-east-1", "eu-west-1", "us-east-1", "us-east-1" };
        var keys = new[]
        {
            Key(regions[0], true, Internal.JsonBoolKind.Boolean),
            Key(regions[1], true, Internal.JsonBoolKind.Boolean),
            Key(regions[2], true, Internal.JsonBoolKind.String),
            Key(regions[3], false, Internal.JsonBoolKind.Boolean),
        };
        var made = new List<CloudTrailRecord.RecordKind>();

        for (int i = 0; i < keys.Length; i++)
        {
            pool.Find(keys[i], out int slot).Should().BeNull("no object was made for this key yet");
            made.Add(pool.Add(slot, keys[i], new CloudTrailRecord.RecordKind { AwsRegion = regions[i] }));
        }

        for (int i = 0; i < keys.Length; i++)
        {
            pool.Find(keys[i], out _).Should().BeSameAs(made[i], "key {0} finds its own object", i);
        }
    }

    [Fact]
    public void StringPool_SharingTheReadingThreadsSightings_PoolsAValueItSawOnce_UntilTheStateIsReleased()
    {
        // A helper's pool counts first sightings in the reading thread's table while it helps (RecordFanOut), and in its
        // own again once its state is handed back, so a kept state never writes another reader's table.
        var reading = new Internal.StringPool();
        var helper = new Internal.ParseState(new Internal.StringPool());
        helper.Pool.ShareSightingsOf(reading);

        reading.GetIfRepeated("AROAEXAMPLE:one"u8, out _).Should().BeNull("the reading thread's first sighting");
        helper.Pool.GetIfRepeated("AROAEXAMPLE:one"u8, out _).Should().Be("AROAEXAMPLE:one", "the value was sighted once, by the reading thread");
        reading.GetIfRepeated("AROAEXAMPLE:one"u8, out _).Should().Be("AROAEXAMPLE:one", "either thread's sighting counts for both");

        helper.Release().Should().BeTrue();
        reading.GetIfRepeated("AROAEXAMPLE:two"u8, out _).Should().BeNull();
        helper.Pool.GetIfRepeated("AROAEXAMPLE:two"u8, out _).Should().BeNull("a released state counts sightings in its own table");
    }

    [Fact]
    public void StringPool_TwoValuesWhoseSightingsMeet_AreBothPooledWhenTheyAlternate()
    {
        // "AssumedRole" and "s3.amazonaws.com" fall in the same set of the table of values seen once; alternating (as
        // an identity's type and the event source do in every record), a direct-mapped table forgot each in turn and
        // neither was ever pooled.
        var pool = new Internal.StringPool();
        byte[] type = Encoding.UTF8.GetBytes("AssumedRole"), source = Encoding.UTF8.GetBytes("s3.amazonaws.com");

        pool.GetIfRepeated(type, out _).Should().BeNull("a value is pooled on its second sighting");
        pool.GetIfRepeated(source, out _).Should().BeNull();
        string? pooledType = pool.GetIfRepeated(type, out _);
        string? pooledSource = pool.GetIfRepeated(source, out _);

        pooledType.Should().Be("AssumedRole");
        pooledSource.Should().Be("s3.amazonaws.com");
        pool.GetIfRepeated(type, out _).Should().BeSameAs(pooledType);
        pool.GetIfRepeated(source, out _).Should().BeSameAs(pooledSource);
    }

    [Fact]
    public void SessionIssuersAndResources_OfAnOrganisationTrail_AreSharedAcrossHundredsOfRoles()
    {
        // 500 roles, each calling three times, a pass over all of them apart (as in a trail with many roles): the first
        // call's strings are new, the second pools them and the objects made of them, the third finds those objects
        // (most, not all: a few strings whose sightings keep meeting others are not pooled, and objects made while the
        // pool was still growing may have made way for others). With room for 256 objects, 13 of 500 were found.
        const int Roles = 500;
        string Call(int role, int pass) => Json
            .Replace("\"credentialId\":\"cred-1\"", "\"credentialId\":\"cred-1\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROA" + role + "\",\"arn\":\"arn:aws:iam::111122223333:role/role-" + role + "\",\"accountId\":\"111122223333\",\"userName\":\"role-" + role + "\"}}", StringComparison.Ordinal)
            .Replace("\"recipientAccountId\":\"111122223333\"", "\"recipientAccountId\":\"111122223333\",\"resources\":[{\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::bucket-" + role + "\"}]", StringComparison.Ordinal)
            .Replace("REQ1", $"R{pass}-{role}", StringComparison.Ordinal);
        string[] jsons = [.. Enumerable.Range(0, 3).SelectMany(pass => Enumerable.Range(0, Roles).Select(role => Call(role, pass)))];

        List<CloudTrailRecord> records = Fixtures.ReadSkip(Fixtures.LogFile(jsons), CloudTrailReaderOptions.Default with { AllowParallelParsing = false }).Records;

        records.Should().HaveCount(3 * Roles);
        int issuers = Enumerable.Range(0, Roles).Count(i => ReferenceEquals(records[(2 * Roles) + i].UserIdentity!.SessionContext!.SessionIssuer, records[Roles + i].UserIdentity!.SessionContext!.SessionIssuer));
        int resources = Enumerable.Range(0, Roles).Count(i => ReferenceEquals(records[(2 * Roles) + i].Resources![0], records[Roles + i].Resources![0]));
        issuers.Should().BeGreaterThan(Roles / 2, "the pool of a reader holds the issuers of hundreds of roles");
        resources.Should().BeGreaterThan(Roles / 2, "and their resources");
        foreach (int i in new[] { 0, Roles - 1, Roles, (2 * Roles) + 7, (3 * Roles) - 1 })
        {
            CloudTrailRecord alone = CloudTrailRecord.Parse(jsons[i]);
            records[i].Should().Be(alone, "record {0} read in a log file equals the same record parsed alone", i);
            records[i].UserIdentity!.SessionContext!.SessionIssuer!.Arn.Should().Be("arn:aws:iam::111122223333:role/role-" + (i % Roles));
            records[i].Resources![0].Arn.Should().Be("arn:aws:s3:::bucket-" + (i % Roles));
        }
    }

    [Fact]
    public void SharedObjects_OfAReader_HoldThousands_AsAnOrganisationTrailHas()
    {
        // An organisation trail has a few thousand roles, and with them issuers, sessions, caller kinds and resources;
        // each of a reader's pools holds them once it has met them (with room for 256 or 1,024, objects were made again
        // for most records, and each new one survived a collection in the table).
        var state = new Internal.ParseState(new Internal.StringPool());
        const int Count = 2_000;
        string[] values = Enumerable.Range(0, Count).Select(i => "arn:aws:iam::111122223333:role/role-" + i).ToArray();
        Internal.ValuesKey Key(int i) => new(unchecked(i * -1640531535), values[i], null, null, null, null);

        void Check<TKey, T>(Internal.PooledObjects<TKey, T> pool, Func<int, TKey> key, Func<string, T> make)
            where TKey : struct, Internal.IPoolKey<TKey>
            where T : class
        {
            var made = new T[Count];
            for (int pass = 0; pass < 2; pass++)
            {
                for (int i = 0; i < Count; i++)
                {
                    made[i] = pool.Find(key(i), out int slot) ?? pool.Add(slot, key(i), make(values[i]));
                }
            }

            Enumerable.Range(0, Count).Count(i => ReferenceEquals(pool.Find(key(i), out _), made[i]))
                .Should().BeGreaterThan(Count * 4 / 5, "a pool of {0} holds the objects of thousands of roles", typeof(T).Name);
        }

        Check(state.SharedSessionIssuers, Key, arn => new SessionIssuer { Arn = arn });
        Check(state.SharedSessionKinds, Key, arn => new SessionContext.SessionKind());
        Check(state.SharedIdentityKinds, Key, arn => new UserIdentity.IdentityKind { UserName = arn });
        Check(state.SharedResources, Key, arn => new CloudTrailResource { Arn = arn });
        Check(state.SharedResourceKinds, Key, arn => new CloudTrailResource.ResourceKind());
        Check(state.SharedTlsDetails, Key, arn => new TlsDetails { ClientProvidedHostHeader = arn });
        Check(
            state.SharedRecordKinds,
            i => new CloudTrailRecord.RecordKind.Key(unchecked(i * -1640531535), "1.08", "s3.amazonaws.com", values[i], "us-east-1", "AwsApiCall", null, default, null, default, null, null, default),
            name => new CloudTrailRecord.RecordKind { EventName = name });
    }

    [Fact]
    public void SharedObjects_PoolStartsSmall_GrowsWhenItMisses_AndKeepsWhatItHeld()
    {
        // A pool at its largest would hold 256 keys of about 50 bytes: one that starts small allocates far less.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var pool = new Internal.PooledObjects<Internal.ValuesKey, string>(sets: 64);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(4_000, "a new pool starts with a few sets");
        string[] values = Enumerable.Range(0, 300).Select(i => "value-" + i).ToArray();
        Internal.ValuesKey Key(int i) => new(unchecked(i * -1640531535), values[i], null, null, null, null);

        // A few objects: the table stays small and holds them all.
        for (int i = 0; i < 5; i++)
        {
            pool.Find(Key(i), out int slot).Should().BeNull();
            pool.Add(slot, Key(i), values[i]);
        }

        Enumerable.Range(0, 5).Select(i => pool.Find(Key(i), out _)).Should().Equal(values.Take(5));

        // Many: it grows to its largest size, and the objects in use are found again after each growth.
        for (int i = 5; i < values.Length; i++)
        {
            pool.Find(Key(i), out int slot).Should().BeNull();
            pool.Add(slot, Key(i), values[i]);
            pool.Find(Key(i), out _).Should().BeSameAs(values[i], "an object just added is found, whatever growth it caused");
        }

        Enumerable.Range(250, 50).Count(i => ReferenceEquals(pool.Find(Key(i), out _), values[i])).Should().BeGreaterThan(40, "recent objects are kept: more than a pool of its first size holds");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(3000)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(9000)]
    public void LongErrorMessages_KeptAsUtf8OrAsStrings_ReadBackExactly(int length)
    {
        // Up to 4 KB a value stays UTF-8 until first read (16 KB per record at most); longer ones are strings at once.
        string message = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26)))).Remove(length - 1) + "é";
        string record = Json.Replace("\"Access d\u00e9nied\"", "\"" + message + "\"", StringComparison.Ordinal)
            .Replace("\"REQ1\"", "\"" + message.ToUpperInvariant() + "\"", StringComparison.Ordinal);
        string[] jsons = Enumerable.Range(0, 6).Select(i => record.Replace("shared-1", "shared-" + i, StringComparison.Ordinal)).ToArray();

        List<CloudTrailRecord> records = Fixtures.ReadSkip(Fixtures.LogFile(jsons)).Records;

        records.Should().HaveCount(jsons.Length);
        for (int i = 0; i < records.Count; i++)
        {
            CloudTrailRecord alone = CloudTrailRecord.Parse(jsons[i]);
            records[i].Should().Be(alone);
            records[i].GetHashCode().Should().Be(alone.GetHashCode());
            records[i].ErrorMessage.Should().Be(message);
            records[i].RequestId.Should().Be(message.ToUpperInvariant());
            records[i].SharedEventId.Should().Be("shared-" + i);
            Fixtures.Json(records[i]).Should().Be(Fixtures.Json(alone));
        }
    }

    [Fact]
    public void Parse_OfRecordsOneAtATime_SharesTheirRepeatedValues_AsAReaderDoes()
    {
        // Records parsed one at a time (a Lambda function handed single events) use a kept reader state: a value seen
        // twice is pooled from then on, and a parse allocates the record's own objects, not tables or a copy of its input.
        byte[] json = Fixtures.Utf8(Fixtures.Record(7));
        CloudTrailRecord first = CloudTrailRecord.Parse(json);
        CloudTrailRecord second = CloudTrailRecord.Parse(json);

        long before = GC.GetAllocatedBytesForCurrentThread();
        CloudTrailRecord third = CloudTrailRecord.Parse(json);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(json.Length, "a record of {0} bytes needs its own objects, not tables or a copy of its input", json.Length);
        third.EventSource.Should().BeSameAs(second.EventSource);
        third.AwsRegion.Should().BeSameAs(second.AwsRegion);
        third.UserIdentity!.Arn.Should().BeSameAs(second.UserIdentity!.Arn);
        Fixtures.Json(third).Should().Be(Fixtures.Json(Fixtures.ReadOne(Fixtures.Record(7)))).And.Be(Fixtures.Json(first));
    }

    [Fact]
    public void ParsesOfOneRecord_KeepNoneOfTheirInput()
    {
        // The input is copied into a rented array, which the next rent of that size overwrites: a record must not read
        // from it afterwards (its deferred strings and raw values are copied into an array of its own).
        byte[] json = Fixtures.Utf8(Json);
        string expected = Fixtures.Json(Fixtures.ReadOne(Json));
        CloudTrailRecord parsed = CloudTrailRecord.Parse(json);
        CloudTrailRecord fromText = CloudTrailRecord.Parse(Json);
        CloudTrailRecord deserialized = System.Text.Json.JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.CloudTrailRecord)!;

        for (int i = 0; i < 8; i++)
        {
            byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(json.Length);
            rented.AsSpan().Fill((byte)'x');
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        foreach (CloudTrailRecord record in new[] { parsed, fromText, deserialized })
        {
            record.EventId.Should().Be("7c1a-\u00fc");
            record.ErrorMessage.Should().Be("Access dénied");
            record.UserIdentity!.PrincipalId.Should().Be("AROAEXAMPLE:session-été");
            record.RequestParameters!.ToString().Should().Be("""{"bucketName":"b"}""");
            Fixtures.Json(record).Should().Be(expected);
        }
    }

    [Fact]
    public void AParseThatFails_LeavesTheKeptStateRightForTheNextParse()
    {
        // A parse that fails part-way (cut short anywhere: inside a deferred string, a raw value, an identity) hands its
        // state back like any other: the next parse with that state must give what a fresh reader gives.
        byte[] json = Fixtures.Utf8(Json);
        string expected = Fixtures.Json(Fixtures.ReadOne(Json));
        for (int cut = 1; cut < json.Length - 1; cut++)
        {
            CloudTrailRecord.TryParse(json.AsSpan(0, cut), out _).Should().BeFalse();
            Fixtures.Json(CloudTrailRecord.Parse(json)).Should().Be(expected, "after a parse of the first {0} bytes", cut);
        }
    }

    [Fact]
    public void ParsesOfOneRecord_MakeNoMoreStatesThanTheCacheKeeps()
    {
        // Many threads parsing at once take the kept states and make new ones only while fewer than the cache keeps are
        // in use: the others parse without tables rather than make a state (about 90 KB of tables) they would drop again.
        string expected = Fixtures.Json(Fixtures.ReadOne(Fixtures.Record(3)));
        ReaderStateCacheTests.TakeKeptStates();
        var held = new List<ParseState>();
        for (int i = 0; i < ParseStateCache.Slots; i++)
        {
            held.Add(ParseStateCache.RentForOneRecord());
        }

        held.Should().OnlyHaveUniqueItems().And.OnlyContain(state => state.Pool != StringPool.Unpooled);
        ParseState extra = ParseStateCache.RentForOneRecord();
        extra.Pool.Should().BeSameAs(StringPool.Unpooled, "{0} parses already hold states", ParseStateCache.Slots);

        // A parse meanwhile still gives the record.
        Fixtures.Json(CloudTrailRecord.Parse(Fixtures.Record(3))).Should().Be(expected);

        ParseStateCache.ReturnForOneRecord(extra);
        held.ForEach(ParseStateCache.ReturnForOneRecord);
        ParseState again = ParseStateCache.RentForOneRecord();
        held.Should().Contain(again, "a state handed back is kept for the next parse, not made anew");
        ParseStateCache.ReturnForOneRecord(again);
    }

    [Fact]
    public void Parse_OnManyThreadsAtOnce_GivesWhatOneThreadGives()
    {
        // Parses of one record on many threads take kept states in turn (and, past the cache's slots, share one empty
        // table of strings, which must never be written).
        string[] jsons = Enumerable.Range(0, 200).Select(i => Fixtures.Record(i)).ToArray();
        string[] expected = jsons.Select(j => Fixtures.Json(CloudTrailRecord.Parse(j))).ToArray();
        var actual = new string[jsons.Length * 20];

        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Fixtures.Json(CloudTrailRecord.Parse(jsons[i % jsons.Length])));

        actual.Select((json, i) => json == expected[i % jsons.Length]).Should().AllBeEquivalentTo(true);
    }
}
