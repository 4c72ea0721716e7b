using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// Records, identities and session contexts keep the members few events have (VPC endpoint, shared event ID, addendum,
/// unknown members, an identity's credential ID or provider, a session's source identity...) in a side object, optional
/// values without a <see cref="Nullable{T}"/> word, and raw values unwrapped until first read. None of that may be
/// visible: every way of setting a member (parsing, object initializers, <c>with</c>, explicit nulls) gives the same
/// values, equality, hash codes and JSON.
/// </summary>
public sealed class CompactStorageTests
{
    private const string RareJson = """
        {"eventVersion":"1.11","userIdentity":{"type":"IdentityCenterUser","accountId":"111122223333","identityProvider":"idp","credentialId":"cred-9","onBehalfOf":{"userId":"u-1","identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/d-1"},"inScopeOf":{"sourceArn":"arn:aws:s3:::b","issuerType":"AWS::S3::Bucket"},"identityFuture":7},"eventTime":"2024-03-01T12:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","apiVersion":"2006-03-01","serviceEventDetails":{"k":[1,2]},"sharedEventID":"shared-9","vpcEndpointId":"vpce-1","vpcEndpointAccountId":"444455556666","addendum":{"reason":"DELIVERY_DELAY"},"annotation":"note","recordFuture":{"a":1}}
        """;

    [Fact]
    public void RareMembers_ReadFromALogFile_HaveTheirValues_AndWriteBackTheSameJson()
    {
        CloudTrailRecord record = Fixtures.ReadOne(RareJson);

        record.ApiVersion.Should().Be("2006-03-01");
        record.ServiceEventDetails!.ToString().Should().Be("""{"k":[1,2]}""");
        record.SharedEventId.Should().Be("shared-9");
        record.VpcEndpointId.Should().Be("vpce-1");
        record.VpcEndpointAccountId.Should().Be("444455556666");
        record.Addendum!.Reason.ToString().Should().Be("DELIVERY_DELAY");
        record.Annotation.Should().Be("note");
        record.AdditionalFields.Should().ContainKey("recordFuture");
        UserIdentity identity = record.UserIdentity!;
        identity.CredentialId.Should().Be("cred-9");
        identity.IdentityProvider.Should().Be("idp");
        identity.OnBehalfOf!.UserId.Should().Be("u-1");
        identity.InScopeOf!.IssuerType.Should().Be("AWS::S3::Bucket");
        identity.AdditionalFields.Should().ContainKey("identityFuture");

        Fixtures.Json(record).Should().Be(RareJson.Trim());
    }

    [Theory]
    [InlineData("\"apiVersion\":\"2006-03-01\"")]
    [InlineData("\"serviceEventDetails\":{\"k\":1}")]
    [InlineData("\"sharedEventID\":\"shared-9\"")]
    [InlineData("\"vpcEndpointId\":\"vpce-1\"")]
    [InlineData("\"vpcEndpointAccountId\":\"444455556666\"")]
    [InlineData("\"addendum\":{\"reason\":\"DELIVERY_DELAY\"}")]
    [InlineData("\"edgeDeviceDetails\":{\"type\":\"wavelength\"}")]
    [InlineData("\"insightDetails\":{\"state\":\"Start\"}")]
    [InlineData("\"eventContext\":{\"tagContext\":{}}")]
    [InlineData("\"annotation\":\"note\"")]
    [InlineData("\"recordFuture\":1")]
    [InlineData("\"userIdentity\":{\"invokedByDelegate\":{\"accountId\":\"1\"}}")]
    [InlineData("\"userIdentity\":{\"identityProvider\":\"idp\"}")]
    [InlineData("\"userIdentity\":{\"credentialId\":\"cred-9\"}")]
    [InlineData("\"userIdentity\":{\"onBehalfOf\":{\"userId\":\"u-1\"}}")]
    [InlineData("\"userIdentity\":{\"inScopeOf\":{\"sourceArn\":\"arn:aws:s3:::b\"}}")]
    [InlineData("\"userIdentity\":{\"identityFuture\":1}")]
    [InlineData("\"userIdentity\":{\"sessionContext\":{\"sourceIdentity\":\"me\"}}")]
    [InlineData("\"userIdentity\":{\"sessionContext\":{\"ec2RoleDelivery\":\"2.0\"}}")]
    [InlineData("\"userIdentity\":{\"sessionContext\":{\"assumedRoot\":\"true\"}}")]
    [InlineData("\"userIdentity\":{\"sessionContext\":{\"assumedRoot\":false}}")]
    [InlineData("\"userIdentity\":{\"sessionContext\":{\"ec2IssuedInVpc\":\"vpc-1\"}}")]
    [InlineData("\"userIdentity\":{\"sessionContext\":{\"contextFuture\":[1]}}")]
    [InlineData("\"userIdentity\":{\"sessionContext\":{\"attributes\":{\"creationDate\":\"2024-03-01T10:00:00Z\"}}}")]
    public void EachRareMember_AloneInItsRecord_IsKept(string member)
    {
        string json = "{" + member + "}";

        CloudTrailRecord record = Fixtures.ReadOne(json);

        Fixtures.Json(record).Should().Be(json);
        record.Should().NotBe(new CloudTrailRecord
        {
            UserIdentity = record.UserIdentity is null ? null : new UserIdentity
            {
                SessionContext = record.UserIdentity.SessionContext is null ? null : new SessionContext
                {
                    Attributes = record.UserIdentity.SessionContext.Attributes is null ? null : new SessionAttributes(),
                },
            },
        });
    }

    [Fact]
    public void RareMembers_ReadAndBuiltInCode_AreEqualWithEqualHashCodes()
    {
        CloudTrailRecord read = Fixtures.ReadOne(RareJson);
        CloudTrailRecord built = new()
        {
            EventVersion = CloudTrailEventVersion.Parse("1.11"),
            UserIdentity = new UserIdentity
            {
                Type = IdentityType.IdentityCenterUser,
                AccountId = "111122223333",
                CredentialId = "cred-9",
                IdentityProvider = "idp",
                OnBehalfOf = read.UserIdentity!.OnBehalfOf,
                InScopeOf = read.UserIdentity.InScopeOf,
                AdditionalFields = read.UserIdentity.AdditionalFields,
            },
            EventTime = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero),
            EventSource = "s3.amazonaws.com",
            EventName = "GetObject",
            ApiVersion = "2006-03-01",
            ServiceEventDetails = new RawJson("""{"k":[1,2]}"""),
            SharedEventId = "shared-9",
            VpcEndpointId = "vpce-1",
            VpcEndpointAccountId = "444455556666",
            Addendum = read.Addendum,
            Annotation = "note",
            AdditionalFields = read.AdditionalFields,
        };

        built.Should().Be(read);
        built.GetHashCode().Should().Be(read.GetHashCode());
        Fixtures.Json(built).Should().Be(Fixtures.Json(read));
    }

    [Fact]
    public void ExplicitNulls_AndAbsentMembers_GiveEqualRecordsWithEqualHashCodes()
    {
        var absent = new CloudTrailRecord { EventName = "GetObject", UserIdentity = new UserIdentity { AccountId = "1" } };
        var nulls = new CloudTrailRecord
        {
            EventName = "GetObject",
            UserIdentity = new UserIdentity { AccountId = "1", CredentialId = null, IdentityProvider = null, OnBehalfOf = null },
            ApiVersion = null,
            SharedEventId = null,
            VpcEndpointId = null,
            Annotation = null,
            ServiceEventDetails = null,
            EventTime = null,
            EventType = null,
            EventCategory = null,
            EventVersion = null,
        };

        nulls.Should().Be(absent);
        nulls.GetHashCode().Should().Be(absent.GetHashCode());
        Fixtures.Json(nulls).Should().Be(Fixtures.Json(absent));
    }

    [Fact]
    public void With_OnARareMember_ChangesTheCopyOnly()
    {
        CloudTrailRecord original = Fixtures.ReadOne(RareJson);
        string before = Fixtures.Json(original);

        CloudTrailRecord copy = original with { VpcEndpointId = "vpce-2", Annotation = null };
        UserIdentity identityCopy = original.UserIdentity! with { CredentialId = "cred-10" };

        copy.VpcEndpointId.Should().Be("vpce-2");
        copy.Annotation.Should().BeNull();
        copy.SharedEventId.Should().Be("shared-9");
        copy.ApiVersion.Should().Be("2006-03-01");
        identityCopy.CredentialId.Should().Be("cred-10");
        identityCopy.IdentityProvider.Should().Be("idp");
        original.VpcEndpointId.Should().Be("vpce-1");
        original.Annotation.Should().Be("note");
        original.UserIdentity!.CredentialId.Should().Be("cred-9");
        Fixtures.Json(original).Should().Be(before);
        copy.Should().NotBe(original);
    }

    [Fact]
    public void With_OnARecordWithoutRareMembers_LeavesOtherRecordsWithoutThem()
    {
        CloudTrailRecord plain = Fixtures.ReadOne("""{"eventName":"GetObject","userIdentity":{"type":"IAMUser"}}""");
        CloudTrailRecord other = Fixtures.ReadOne("""{"eventName":"PutObject","userIdentity":{"type":"Root"}}""");

        CloudTrailRecord changed = plain with
        {
            VpcEndpointId = "vpce-1",
            UserIdentity = plain.UserIdentity! with { IdentityProvider = "idp" },
        };

        changed.VpcEndpointId.Should().Be("vpce-1");
        changed.UserIdentity!.IdentityProvider.Should().Be("idp");
        plain.VpcEndpointId.Should().BeNull();
        plain.UserIdentity!.IdentityProvider.Should().BeNull();
        other.VpcEndpointId.Should().BeNull();
        other.UserIdentity!.IdentityProvider.Should().BeNull();
        new CloudTrailRecord().VpcEndpointId.Should().BeNull();
        new UserIdentity().IdentityProvider.Should().BeNull();
    }

    [Fact]
    public void OptionalValues_AbsentOrPresent_ReadBackAsNullOrTheirValue()
    {
        CloudTrailRecord empty = Fixtures.ReadOne("""{"eventName":"GetObject","userIdentity":{"accountId":"1"}}""");
        CloudTrailRecord full = Fixtures.ReadOne("""{"eventVersion":"1.09","eventTime":"2024-03-01T12:00:00+02:00","eventType":"AwsApiCall","eventCategory":"Data","userIdentity":{"type":"AssumedRole"}}""");

        empty.EventVersion.Should().BeNull();
        empty.EventTime.Should().BeNull();
        empty.EventType.Should().BeNull();
        empty.EventCategory.Should().BeNull();
        empty.UserIdentity!.Type.Should().BeNull();
        full.EventVersion.Should().Be(CloudTrailEventVersion.Parse("1.09"));
        full.EventTime.Should().Be(new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)));
        full.EventType.Should().Be(CloudTrailEventType.AwsApiCall);
        full.EventCategory.Should().Be(CloudTrailEventCategory.Data);
        full.UserIdentity!.Type.Should().Be(IdentityType.AssumedRole);
        (full with { EventTime = null }).EventTime.Should().BeNull();
        (empty with { EventTime = DateTimeOffset.UnixEpoch }).EventTime.Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    [InlineData(-330)]
    [InlineData(840)]
    public void Times_KeepTheirOffset_HoweverTheyAreSet(int offsetMinutes)
    {
        // A time is one word in its object, its offset kept beside the rare members (CloudTrail writes UTC; the reader
        // gives UTC): a time set in code at any offset keeps it, compares as one built alike, and a copy that sets it
        // again takes the new offset alone.
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var eventTime = new DateTimeOffset(2024, 3, 1, 12, 0, 0, offset);
        var created = new DateTimeOffset(2024, 3, 1, 9, 30, 15, offset);
        string spelled = eventTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        CloudTrailRecord read = Fixtures.ReadOne($$"""{"eventTime":"{{spelled}}"}""");
        var built = new CloudTrailRecord
        {
            EventTime = eventTime,
            UserIdentity = new UserIdentity { SessionContext = new SessionContext { Attributes = new SessionAttributes { CreationDate = created } } },
        };
        SessionAttributes attributes = built.UserIdentity!.SessionContext!.Attributes!;

        (read.EventTime!.Value.UtcDateTime, read.EventTime.Value.Offset).Should().Be((eventTime.UtcDateTime, TimeSpan.Zero));
        (built.EventTime!.Value.DateTime, built.EventTime.Value.Offset).Should().Be((eventTime.DateTime, offset));
        (attributes.CreationDate!.Value.DateTime, attributes.CreationDate.Value.Offset).Should().Be((created.DateTime, offset));

        CloudTrailRecord utc = built with { EventTime = eventTime.ToUniversalTime() };
        utc.EventTime!.Value.Offset.Should().Be(TimeSpan.Zero);
        utc.EventTime.Should().Be(eventTime, "the same instant");
        built.EventTime!.Value.Offset.Should().Be(offset, "the copy changed alone");
        (utc with { EventTime = eventTime }).Should().Be(built);
        (utc with { EventTime = eventTime }).GetHashCode().Should().Be(built.GetHashCode());
        if (offsetMinutes != 0)
        {
            utc.Should().NotBe(built, "a time compares by its clock time and offset, as DateTimeOffset.EqualsExact");
        }

        new SessionAttributes { CreationDate = created }.Should().Be(attributes);
        new SessionAttributes { CreationDate = created }.GetHashCode().Should().Be(attributes.GetHashCode());
        (attributes with { CreationDate = null }).CreationDate.Should().BeNull();
        (attributes with { CreationDate = null }).Should().Be(new SessionAttributes());
        (attributes with { CreationDate = null }).GetHashCode().Should().Be(new SessionAttributes().GetHashCode());
        (built with { EventTime = null }).EventTime.Should().BeNull();
        (built with { EventTime = null }).Should().Be(new CloudTrailRecord { UserIdentity = built.UserIdentity });
        (built with { EventTime = null }).GetHashCode().Should().Be(new CloudTrailRecord { UserIdentity = built.UserIdentity }.GetHashCode());
    }

    [Fact]
    public void SessionCredentialFromConsole_InTheSharedKind_IsEachRecordsOwn_AsItWasWritten()
    {
        // Whether a console session made the call is kept with the record's kind (few combinations in a trail): records
        // alike but for it read, compare and write back as their own parse does, and a copy that sets it changes alone.
        string[] values = ["\"true\"", "\"false\"", "true", string.Empty];
        bool?[] expected = [true, false, true, null];
        string[] jsons = values.Select(v => "{\"eventName\":\"GetObject\"" + (v.Length == 0 ? string.Empty : ",\"sessionCredentialFromConsole\":" + v) + "}").ToArray();
        CloudTrailReaderOptions oneState = CloudTrailReaderOptions.Default with { AllowParallelParsing = false };

        List<CloudTrailRecord> records = Fixtures.ReadSkip(Fixtures.LogFile(Enumerable.Repeat(jsons, 50).SelectMany(j => j).ToArray()), oneState).Records;

        records.Should().HaveCount(200);
        for (int i = 0; i < records.Count; i++)
        {
            records[i].SessionCredentialFromConsole.Should().Be(expected[i % 4], "record {0}", i);
            Fixtures.Json(records[i]).Should().Be(jsons[i % 4]);
            records[i].Should().Be(CloudTrailRecord.Parse(jsons[i % 4]));
        }

        // (A reader state may come with a pool that is full or grows, so a kind can be made more than once, but not often.)
        records.Select(r => r.Kind).Distinct(ReferenceEqualityComparer.Instance).Count().Should().BeLessThan(20, "four kinds repeat 50 times");
        CloudTrailRecord copy = records[0] with { SessionCredentialFromConsole = false };
        copy.SessionCredentialFromConsole.Should().BeFalse();
        records[4].SessionCredentialFromConsole.Should().BeTrue();
        Fixtures.Json(copy).Should().Be(jsons[1]);
        copy.Should().NotBe(records[0]);
    }

    [Fact]
    public void RawValues_AreWrappedOnFirstRead_OnceAndForAll_AndCompareAsTheirBytes()
    {
        const string Json = """{"eventName":"PutObject","requestParameters":{"bucketName":"b","key":"k"},"responseElements":{"x-amz-version-id":"v1"},"additionalEventData":{"bytesTransferredIn":42}}""";
        var built = new CloudTrailRecord
        {
            EventName = "PutObject",
            RequestParameters = new RawJson("""{"bucketName":"b","key":"k"}"""),
            ResponseElements = new RawJson("""{"x-amz-version-id":"v1"}"""),
            AdditionalEventData = new RawJson("""{"bytesTransferredIn":42}"""),
        };
        CloudTrailRecord read = Fixtures.ReadOne(Json);
        CloudTrailRecord untouched = Fixtures.ReadOne(Json);

        // Equal, with equal hash codes, before any value is wrapped...
        untouched.Should().Be(built);
        untouched.GetHashCode().Should().Be(built.GetHashCode());

        // ...and after.
        RawJson? first = read.RequestParameters;
        read.RequestParameters.Should().BeSameAs(first);
        first!.ToString().Should().Be("""{"bucketName":"b","key":"k"}""");
        read.ResponseElements!.ToString().Should().Be("""{"x-amz-version-id":"v1"}""");
        read.AdditionalEventData!.TryGetString("bucketName", out _).Should().BeFalse();
        read.Should().Be(built);
        read.GetHashCode().Should().Be(built.GetHashCode());
        read.Should().Be(untouched);
        (read with { RequestParameters = null }).RequestParameters.Should().BeNull();
        (read with { ResponseElements = new RawJson("{}") }).Should().NotBe(read);
        Fixtures.Json(read).Should().Be(Json);
    }

    public static TheoryData<int, int> Combinations()
    {
        var data = new TheoryData<int, int>();
        for (int present = 0; present < 256; present++)
        {
            data.Add(present, 10);
        }

        data.Add(255, 200_000);
        data.Add(255, 1_100_000);
        data.Add(0b1111_0000, 1_100_000);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void RecordValues_InEveryCombination_AndAtLargeOffsets_ReadWriteAndCompareAsBuiltInCode(int present, int size)
    {
        // Where a record's eight kept values are is a table at the end of its array: values absent or present in every
        // combination (bits of `present`), IDs packed or not, and free-form values large enough that their offsets and
        // lengths take several bytes in the table.
        string big = new('x', size);
        var members = new (string Json, Func<CloudTrailRecord, CloudTrailRecord> Set, Func<CloudTrailRecord, string?> Get, string Value)[]
        {
            ("\"errorMessage\":\"Access d\u00e9nied\"", r => r with { ErrorMessage = "Access dénied" }, r => r.ErrorMessage, "Access dénied"),
            ("\"requestID\":\"0123456789ABCDEF0123456789ABCDEF\"", r => r with { RequestId = "0123456789ABCDEF0123456789ABCDEF" }, r => r.RequestId, "0123456789ABCDEF0123456789ABCDEF"),
            ("\"eventID\":\"617cea70-dcfb-423d-98cf-85a693fa1723\"", r => r with { EventId = "617cea70-dcfb-423d-98cf-85a693fa1723" }, r => r.EventId, "617cea70-dcfb-423d-98cf-85a693fa1723"),
            ("\"sharedEventID\":\"shared-1\"", r => r with { SharedEventId = "shared-1" }, r => r.SharedEventId, "shared-1"),
            ($"\"requestParameters\":{{\"key\":\"{big}\"}}", r => r with { RequestParameters = new RawJson($"{{\"key\":\"{big}\"}}") }, r => r.RequestParameters?.ToString(), $"{{\"key\":\"{big}\"}}"),
            ("\"responseElements\":[1,2]", r => r with { ResponseElements = new RawJson("[1,2]") }, r => r.ResponseElements?.ToString(), "[1,2]"),
            ($"\"additionalEventData\":\"{big}\"", r => r with { AdditionalEventData = new RawJson($"\"{big}\"") }, r => r.AdditionalEventData?.ToString(), $"\"{big}\""),
            ("\"serviceEventDetails\":{\"k\":true}", r => r with { ServiceEventDetails = new RawJson("{\"k\":true}") }, r => r.ServiceEventDetails?.ToString(), "{\"k\":true}"),
        };
        var parts = new List<string> { "\"eventName\":\"GetObject\"" };
        var built = new CloudTrailRecord { EventName = "GetObject" };
        for (int i = 0; i < members.Length; i++)
        {
            if ((present & (1 << i)) != 0)
            {
                parts.Add(members[i].Json);
                built = members[i].Set(built);
            }
        }

        string json = "{" + string.Join(",", parts) + "}";
        CloudTrailRecord read = Fixtures.ReadOne(json);
        CloudTrailRecord untouched = Fixtures.ReadOne(json);

        read.Should().Be(built);
        read.GetHashCode().Should().Be(built.GetHashCode());
        for (int i = 0; i < members.Length; i++)
        {
            members[i].Get(read).Should().Be((present & (1 << i)) != 0 ? members[i].Value : null, "value {0}", i);
        }

        read.Should().Be(untouched);
        untouched.Should().Be(read);
        Fixtures.Json(read).Should().Be(Fixtures.Json(built));
        using (var source = System.Text.Json.JsonDocument.Parse(json))
        using (var written = System.Text.Json.JsonDocument.Parse(Fixtures.Json(untouched)))
        {
            JsonStructure.FirstDifference(source.RootElement, written.RootElement).Should().BeNull();
        }

        // Setting one value in code leaves the others where they are, and the original as it was.
        CloudTrailRecord changed = untouched with { SharedEventId = "other", ResponseElements = null };
        changed.SharedEventId.Should().Be("other");
        changed.ResponseElements.Should().BeNull();
        changed.EventId.Should().Be(untouched.EventId);
        changed.RequestParameters?.ToString().Should().Be(members[4].Value);
        untouched.SharedEventId.Should().Be((present & (1 << 3)) != 0 ? "shared-1" : null);
        untouched.ResponseElements?.ToString().Should().Be("[1,2]");
    }

    [Fact]
    public void RawValues_ReadFromManyThreadsAtOnce_AreEqualEverywhere()
    {
        CloudTrailRecord record = Fixtures.ReadOne("""{"requestParameters":{"bucketName":"b"}}""");
        var seen = new RawJson?[8];

        Parallel.For(0, seen.Length, i => seen[i] = record.RequestParameters);

        seen.Should().AllSatisfy(value => value!.ToString().Should().Be("""{"bucketName":"b"}"""));
        record.RequestParameters.Should().Be(seen[0]);
    }

    [Theory]
    [InlineData("""{"userIdentity":{"type":"AWSService","accessKeyId":""},"eventName":"Decrypt"}""")]
    [InlineData("""{"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s","accessKeyId":""},"requestID":"r-1","eventID":"","resources":[{"ARN":""}]}""")]
    public void EmptyDeferredValues_ReadBackAsEmptyStrings_AndCompareAsSuch(string json)
    {
        CloudTrailRecord record = Fixtures.ReadOne(json);

        record.UserIdentity!.AccessKeyId.Should().BeEmpty();
        record.Should().Be(CloudTrailRecord.Parse(json) with { Resources = record.Resources });
        record.UserIdentity.Should().Be(record.UserIdentity with { AccessKeyId = string.Empty });
        Fixtures.Json(record).Should().Be(json);
    }

    [Theory]
    [InlineData("617cea70-dcfb-423d-98cf-85a693fa1723")]
    [InlineData("617CEA70-DCFB-423D-98CF-85A693FA1723")]
    [InlineData("617cea70-DCFB-423d-98cf-85a693fa1723")]
    [InlineData("12345678-1234-1234-1234-123456789012")]
    [InlineData("617cea70d-cfb-423d-98cf-85a693fa1723")]
    [InlineData("617cea70-dcfb-423d-98cf-85a693fa172g")]
    [InlineData("617cea70-dcfb-423d-98cf-85a693fa172-")]
    [InlineData("617cea7g-dcfb-423d-98cf-85a693fa1723")]
    [InlineData("617cea70-dcfb-42gd-98cf-85a693fa1723")]
    [InlineData("0123456789abcdef01")]
    [InlineData("0123456789abcdef0g")]
    [InlineData("0123456789abcdef0F")]
    [InlineData("{617cea70-dcfb-423d-98cf-85a693fa17}")]
    [InlineData("617cea70dcfb423d98cf85a693fa1723")]
    [InlineData("C3D13FE58DE4C810")]
    [InlineData("c3d13fe58de4c810")]
    [InlineData("c3d13fe58de4c81")]
    [InlineData("c3d13fe58de4c8")]
    [InlineData("C3D13FE58DE4C8100")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef01")]
    [InlineData("0123456789ABCDEF0123456789abcdef")]
    [InlineData("ASIAJOP3E3XMWYNQEKCH")]
    public void IdentifierLikeValues_InEveryDeferredMember_ReadAndWriteBackExactly_AndCompareAsTheirText(string id)
    {
        // Hexadecimal IDs are stored packed until first read; every other value as it is. Neither may show.
        string json = $$"""{"userIdentity":{"type":"IdentityCenterUser","principalId":"{{id}}","accessKeyId":"{{id}}","credentialId":"{{id}}"},"errorMessage":"{{id}}","requestID":"{{id}}","eventID":"{{id}}","resources":[{"ARN":"{{id}}"}],"sharedEventID":"{{id}}"}""";
        var built = new CloudTrailRecord
        {
            UserIdentity = new UserIdentity { Type = IdentityType.IdentityCenterUser, PrincipalId = id, AccessKeyId = id, CredentialId = id },
            ErrorMessage = id,
            RequestId = id,
            EventId = id,
            Resources = [new CloudTrailResource { Arn = id }],
            SharedEventId = id,
        };

        CloudTrailRecord untouched = Fixtures.ReadOne(json);
        CloudTrailRecord read = Fixtures.ReadOne(json);

        untouched.Should().Be(Fixtures.ReadOne(json));
        untouched.Should().Be(built);
        untouched.GetHashCode().Should().Be(built.GetHashCode());
        untouched.Resources![0].Should().Be(built.Resources![0]);
        untouched.UserIdentity.Should().Be(built.UserIdentity);
        read.EventId.Should().Be(id);
        read.RequestId.Should().Be(id);
        read.SharedEventId.Should().Be(id);
        read.ErrorMessage.Should().Be(id);
        read.Resources![0].Arn.Should().Be(id);
        read.UserIdentity!.PrincipalId.Should().Be(id);
        read.UserIdentity.AccessKeyId.Should().Be(id);
        read.UserIdentity.CredentialId.Should().Be(id);
        read.UserIdentity.Should().Be(built.UserIdentity);
        read.UserIdentity.GetHashCode().Should().Be(built.UserIdentity!.GetHashCode());
        read.Should().Be(untouched with { Resources = read.Resources });
        read.Resources[0].GetHashCode().Should().Be(built.Resources[0].GetHashCode());
        Fixtures.Json(read).Should().Be(json);
        Fixtures.Json(untouched).Should().Be(json);
    }

    [Theory]
    [InlineData("617cea70-dcfb-423d-98cf-85a693fa1723", "617CEA70-DCFB-423D-98CF-85A693FA1723")]
    [InlineData("617cea70-dcfb-423d-98cf-85a693fa1723", "617cea70-dcfb-423d-98cf-85a693fa1724")]
    [InlineData("617cea70-dcfb-423d-98cf-85a693fa1723", "617cea70dcfb423d98cf85a693fa1723")]
    [InlineData("C3D13FE58DE4C810", "c3d13fe58de4c810")]
    [InlineData("C3D13FE58DE4C810", "C3D13FE58DE4C8100A")]
    [InlineData("00000000000000000000000000000000", "0000000000000000")]
    public void IdentifiersThatDifferOnlyInCaseLayoutOrLength_AreNotEqual(string first, string second)
    {
        CloudTrailRecord a = Fixtures.ReadOne($$"""{"eventID":"{{first}}","requestID":"{{first}}"}""");
        CloudTrailRecord b = Fixtures.ReadOne($$"""{"eventID":"{{second}}","requestID":"{{first}}"}""");

        // Before the values are read, and after.
        a.Should().NotBe(b);
        a.EventId.Should().Be(first);
        b.EventId.Should().Be(second);
        a.Should().NotBe(b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void With_OnValuesKeptUntilFirstRead_ChangesTheCopyOnly(bool readFirst)
    {
        const string Json = """{"errorMessage":"Denied","requestParameters":{"bucketName":"b"},"responseElements":{"v":1},"additionalEventData":{"n":2},"requestID":"C3D13FE58DE4C810","eventID":"617cea70-dcfb-423d-98cf-85a693fa1723"}""";
        CloudTrailRecord original = Fixtures.ReadOne(Json);
        if (readFirst)
        {
            _ = original.EventId;
            _ = original.RequestParameters;
        }

        CloudTrailRecord copy = original with { EventId = "other", ResponseElements = null };
        CloudTrailRecord second = copy with { ErrorMessage = null, RequestParameters = new RawJson("[]") };

        original.EventId.Should().Be("617cea70-dcfb-423d-98cf-85a693fa1723");
        original.ResponseElements!.ToString().Should().Be("""{"v":1}""");
        original.ErrorMessage.Should().Be("Denied");
        original.RequestParameters!.ToString().Should().Be("""{"bucketName":"b"}""");
        copy.EventId.Should().Be("other");
        copy.ResponseElements.Should().BeNull();
        copy.ErrorMessage.Should().Be("Denied");
        copy.RequestId.Should().Be("C3D13FE58DE4C810");
        copy.RequestParameters!.ToString().Should().Be("""{"bucketName":"b"}""");
        copy.AdditionalEventData!.ToString().Should().Be("""{"n":2}""");
        second.EventId.Should().Be("other");
        second.ErrorMessage.Should().BeNull();
        second.RequestParameters!.ToString().Should().Be("[]");
        second.ResponseElements.Should().BeNull();
        original.Should().NotBe(copy);
        copy.Should().NotBe(second);
        (copy with { EventId = original.EventId, ResponseElements = original.ResponseElements }).Should().Be(original);
        Fixtures.Json(original).Should().Be(Json);
        Fixtures.Json(copy).Should().Be(Json.Replace("\"responseElements\":{\"v\":1},", string.Empty).Replace("617cea70-dcfb-423d-98cf-85a693fa1723", "other"));
    }

    [Fact]
    public void ValuesKeptUntilFirstRead_ReadFromManyThreadsAtOnce_AreEqualEverywhere()
    {
        for (int round = 0; round < 50; round++)
        {
            CloudTrailRecord record = Fixtures.ReadOne("""{"errorMessage":"Denied","requestParameters":{"k":1},"requestID":"r-1","eventID":"617cea70-dcfb-423d-98cf-85a693fa1723"}""");
            var seen = new (string?, string?, string?, RawJson?)[4];

            Parallel.For(0, seen.Length, i => seen[i] = (record.EventId, record.RequestId, record.ErrorMessage, record.RequestParameters));

            seen.Should().AllSatisfy(values =>
            {
                values.Item1.Should().Be("617cea70-dcfb-423d-98cf-85a693fa1723");
                values.Item2.Should().Be("r-1");
                values.Item3.Should().Be("Denied");
                values.Item4!.ToString().Should().Be("""{"k":1}""");
            });
        }
    }

    [Theory]
    [InlineData("2024-03-01T12:00:00Z")]
    [InlineData("2024-03-01T12:00:00+05:45")]
    [InlineData("2024-03-01T12:00:00.1234567-14:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    public void Times_ReadAsTheirInstant_AndSetInCodeWithTheirOffset(string text)
    {
        DateTimeOffset expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        CloudTrailRecord record = Fixtures.ReadOne("{\"eventTime\":\"" + text + "\",\"userIdentity\":{\"sessionContext\":{\"attributes\":{\"creationDate\":\"" + text + "\"}}}}");

        foreach (DateTimeOffset? time in new[] { record.EventTime, record.UserIdentity!.SessionContext!.Attributes!.CreationDate })
        {
            // Read as UTC (as documented); the same instant.
            time.Should().NotBeNull();
            time!.Value.UtcTicks.Should().Be(expected.UtcTicks);
            time.Value.Offset.Should().Be(TimeSpan.Zero);
        }

        var built = new CloudTrailRecord { EventTime = expected };
        built.EventTime!.Value.Offset.Should().Be(expected.Offset);
        built.EventTime.Value.Ticks.Should().Be(expected.Ticks);
        new SessionAttributes { CreationDate = expected }.CreationDate!.Value.Offset.Should().Be(expected.Offset);
        (built with { EventTime = null }).EventTime.Should().BeNull();
    }
}
