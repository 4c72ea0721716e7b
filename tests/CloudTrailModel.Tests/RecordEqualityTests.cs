using System.Text;
using System.Text.Json;
using CloudTrailModel.Operations;
using CloudTrailModel.Operations.MigrationHubOrchestrator;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>
/// Records compare by value all the way down: lists (resources, insight attributions), maps (session attributes) and
/// the members kept in <c>AdditionalFields</c> included, so the same JSON read twice, or a record built in code with the
/// same values, is equal with an equal hash code, and one differing value anywhere makes records unequal.
/// </summary>
public sealed class RecordEqualityTests
{
    // Lists, maps and unknown members at several levels: resources (one with a member of its own), web identity attributes,
    // an unknown member in the record, its identity and its TLS details.
    private const string Json = """
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:s","arn":"arn:aws:sts::111122223333:assumed-role/r/s","accountId":"111122223333","newIdentityMember":{"a":[1,2]},"sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/r"},"webIdFederationData":{"federatedProvider":"arn:aws:iam::111122223333:oidc-provider/p","attributes":{"aud":"app","sub":"user-1"}},"attributes":{"creationDate":"2024-03-01T10:00:00Z","mfaAuthenticated":"false"}}},"eventTime":"2024-03-01T12:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","requestParameters":{"bucketName":"b","key":"k"},"requestID":"R1","eventID":"E1","readOnly":true,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b","tag":"x"}],"eventType":"AwsApiCall","recipientAccountId":"111122223333","futureMember":{"x":1,"y":[true,null]},"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"s3.us-east-1.amazonaws.com","keyBits":256}}
        """;

    private static CloudTrailRecord Read(string json) =>
        CloudTrailReader.ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(Fixtures.LogFile(json)))).Single();

    private static void ShouldBeEqual(CloudTrailRecord actual, CloudTrailRecord expected)
    {
        actual.Should().Be(expected);
        (actual == expected).Should().BeTrue();
        actual.GetHashCode().Should().Be(expected.GetHashCode());
    }

    [Fact]
    public void Equality_SameJsonReadTwice_EqualWithEqualHashCodes()
    {
        CloudTrailRecord first = Read(Json);
        CloudTrailRecord second = Read(Json);

        first.Resources.Should().HaveCount(2);
        first.AdditionalFields.Should().ContainKey("futureMember");
        first.UserIdentity!.AdditionalFields.Should().ContainKey("newIdentityMember");
        first.TlsDetails!.AdditionalFields.Should().ContainKey("keyBits");
        first.Resources![1].AdditionalFields.Should().ContainKey("tag");
        first.UserIdentity.SessionContext!.WebIdFederationData!.Attributes.Should().HaveCount(2);
        ShouldBeEqual(second, first);
        ShouldBeEqual(CloudTrailRecord.Parse(Json), first);
    }

    [Fact]
    public void Equality_SameJsonWithMembersInAnotherOrderAndOtherSpelling_IsEqual()
    {
        // Unknown members and map entries in another order, a number spelled differently, an escaped character: the same
        // JSON values.
        string reordered = Json
            .Replace("\"futureMember\":{\"x\":1,\"y\":[true,null]}", "\"futureMember\":{\"y\":[true,null],\"x\":1.0}", StringComparison.Ordinal)
            .Replace("\"newIdentityMember\":{\"a\":[1,2]}", "\"newIdentityMember\":{\"a\":[1,2e0]}", StringComparison.Ordinal)
            .Replace("\"tag\":\"x\"", "\"tag\":\"\\u0078\"", StringComparison.Ordinal)
            .Replace("{\"aud\":\"app\",\"sub\":\"user-1\"}", "{\"sub\":\"user-1\",\"aud\":\"app\"}", StringComparison.Ordinal);
        reordered.Should().NotBe(Json);

        ShouldBeEqual(Read(reordered), Read(Json));
    }

    [Theory]
    [InlineData("arn:aws:s3:::b/k\"", "arn:aws:s3:::b/other\"")]
    [InlineData("\"tag\":\"x\"", "\"tag\":\"z\"")]
    [InlineData("{\"x\":1,", "{\"x\":2,")]
    [InlineData("[true,null]", "[null,true]")]
    [InlineData("\"a\":[1,2]", "\"a\":[1,2,3]")]
    [InlineData("\"keyBits\":256", "\"keyBits\":128")]
    [InlineData("\"sub\":\"user-1\"", "\"sub\":\"user-2\"")]
    [InlineData(",\"sub\":\"user-1\"", "")]
    [InlineData(",\"futureMember\":{\"x\":1,\"y\":[true,null]}", "")]
    public void Equality_OneValueDiffersInAListMapOrUnknownMember_IsNotEqual(string value, string replacement)
    {
        string changed = Json.Replace(value, replacement, StringComparison.Ordinal);
        changed.Should().NotBe(Json);

        Read(changed).Should().NotBe(Read(Json));
    }

    [Fact]
    public void Equality_RecordBuiltInCodeWithItsOwnListAndDictionary_EqualsTheRecordRead()
    {
        const string json = """
            {"eventVersion":"1.09","eventSource":"s3.amazonaws.com","eventName":"GetObject","resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"}],"futureMember":[1,"two"]}
            """;
        var resources = new List<CloudTrailResource> { new() { Type = "AWS::S3::Object", Arn = "arn:aws:s3:::b/k" } };
        var fields = new Dictionary<string, JsonElement> { ["futureMember"] = JsonDocument.Parse("[1,\"two\"]").RootElement };

        var built = new CloudTrailRecord
        {
            EventVersion = CloudTrailEventVersion.Parse("1.09"),
            EventSource = "s3.amazonaws.com",
            EventName = "GetObject",
            Resources = resources,
            AdditionalFields = fields,
        };

        ShouldBeEqual(built, Read(json));

        // The record keeps its own copies: changing the caller's collections afterwards changes neither its values
        // nor its hash code.
        int hash = built.GetHashCode();
        resources.Add(new CloudTrailResource { Arn = "arn:aws:s3:::b/other" });
        fields["another"] = JsonDocument.Parse("1").RootElement;
        built.Resources.Should().HaveCount(1);
        built.AdditionalFields.Should().ContainSingle();
        built.GetHashCode().Should().Be(hash);
        ShouldBeEqual(built, Read(json));
    }

    [Fact]
    public void Equality_WithThatChangesAListItem_IsNotEqual_AndWithTheSameItemsIsEqual()
    {
        CloudTrailRecord record = Read(Json);

        CloudTrailRecord changed = record with { Resources = [record.Resources![0], record.Resources[1] with { Arn = "arn:aws:s3:::c" }] };
        CloudTrailRecord same = record with { Resources = [.. record.Resources] };

        changed.Should().NotBe(record);
        ShouldBeEqual(same, record);
    }

    [Fact]
    public void Equality_InsightRecordsReadTwice_CompareTheirAttributionListsByValue()
    {
        const string insight = """
            {"eventVersion":"1.07","eventTime":"2024-03-01T12:00:00Z","awsRegion":"us-east-1","eventID":"i-1","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"s-1","insightDetails":{"state":"Start","eventSource":"ssm.amazonaws.com","eventName":"UpdateInstanceAssociationStatus","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":1.5},"insight":{"average":8.0}},"attributions":[{"attribute":"userIdentityArn","insight":[{"value":"arn:aws:sts::111122223333:assumed-role/a","average":7.0}],"baseline":[{"value":"arn:aws:sts::111122223333:assumed-role/a","average":1.0}]},{"attribute":"errorCode","insight":[{"value":"null","average":8.0}],"baseline":[{"value":"null","average":1.5}]}]}},"eventCategory":"Insight"}
            """;

        CloudTrailRecord first = Read(insight);
        first.InsightDetails!.InsightContext!.Attributions.Should().HaveCount(2);

        ShouldBeEqual(Read(insight), first);
        Read(insight.Replace("\"average\":7.0", "\"average\":7.5", StringComparison.Ordinal)).Should().NotBe(first);
    }

    [SkippableFact]
    public void Equality_EveryCorpusRecordReadByTwoReaders_EqualWithEqualHashCodes()
    {
        // Every record of every example and real file, read by two readers (one on one core, one on two), equals its
        // other reading; and no two different records of one file compare equal unless their JSON is the same.
        string directory = Corpus.Require();
        int compared = 0;
        foreach (string path in Directory.EnumerateFiles(directory, "*.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var errors = new List<CloudTrailRecordError>();
            List<CloudTrailRecord> first = CloudTrailReader.ReadRecords(path, Corpus.SkipMode(errors) with { AllowParallelParsing = false }).ToList();
            List<CloudTrailRecord> second = CloudTrailReader.ReadRecords(path, Corpus.SkipMode([]) with { AllowParallelParsing = true }).ToList();

            second.Should().HaveCount(first.Count, path);
            for (int i = 0; i < first.Count; i++)
            {
                second[i].Should().Be(first[i], "record {0} of {1}", i, path);
                second[i].GetHashCode().Should().Be(first[i].GetHashCode(), "record {0} of {1}", i, path);
                compared++;
            }

            var written = first.Select(Fixtures.Json).ToList();
            for (int i = 1; i < first.Count; i++)
            {
                (first[i] == first[i - 1]).Should().Be(written[i] == written[i - 1], "records {0} and {1} of {2}", i - 1, i, path);
            }
        }

        compared.Should().BeGreaterThan(100);
    }

    [Fact]
    public void Equality_TypedOperationParametersReadTwice_EqualIncludingListsMapsAndSensitiveValues()
    {
        const string parameters = """{"name":"wf","templateId":"t-1","stepTargets":["s-1","s-2"],"tags":{"team":"a","env":"dev"},"inputParameters":{"a":{"stringValue":"x"},"c":{"listOfStringsValue":["y","z"]},"d":{"mapOfStringValue":{"k":"v"}}}}""";
        static CreateWorkflowRequestParameters Typed(string requestParameters) =>
            (CreateWorkflowRequestParameters)CloudTrailRecord.Parse(
                $$"""{"eventVersion":"1.08","eventSource":"migrationhub-orchestrator.amazonaws.com","eventName":"CreateWorkflow","requestParameters":{{requestParameters}}}""")
            .GetRequestParameters()!;

        CreateWorkflowRequestParameters first = Typed(parameters);
        first.StepTargets.Should().Equal("s-1", "s-2");
        first.Tags.Should().HaveCount(2);
        first.InputParameters!.Value!["c"].ListOfStringsValue.Should().Equal("y", "z");

        CreateWorkflowRequestParameters second = Typed(parameters);
        second.Should().Be(first);
        second.GetHashCode().Should().Be(first.GetHashCode());
        Typed(parameters.Replace("\"env\":\"dev\"", "\"env\":\"prod\"", StringComparison.Ordinal)).Should().NotBe(first);
        Typed(parameters.Replace("[\"s-1\",\"s-2\"]", "[\"s-2\",\"s-1\"]", StringComparison.Ordinal)).Should().NotBe(first);
        Typed(parameters.Replace("[\"y\",\"z\"]", "[\"y\"]", StringComparison.Ordinal)).Should().NotBe(first);
        Typed(parameters.Replace("{\"k\":\"v\"}", "{\"k\":\"w\"}", StringComparison.Ordinal)).Should().NotBe(first);

        // Built in code from the caller's own list and dictionaries: equal to the parameters read.
        var built = new CreateWorkflowRequestParameters
        {
            Name = "wf",
            TemplateId = "t-1",
            StepTargets = new List<string> { "s-1", "s-2" },
            Tags = new Dictionary<string, string> { ["env"] = "dev", ["team"] = "a" },
            InputParameters = new SensitiveValue<IReadOnlyDictionary<string, StepInput>>(new Dictionary<string, StepInput>
            {
                ["a"] = new() { StringValue = "x" },
                ["c"] = new() { ListOfStringsValue = ["y", "z"] },
                ["d"] = new() { MapOfStringValue = new Dictionary<string, string> { ["k"] = "v" } },
            }),
        };
        built.Should().Be(first);
        built.GetHashCode().Should().Be(first.GetHashCode());
    }

    [Fact]
    public void Equality_TypedOperationParametersWithUnknownMembers_CompareThemAsJson()
    {
        static GetWorkflowStepRequestParameters Typed(string requestParameters) =>
            (GetWorkflowStepRequestParameters)CloudTrailRecord.Parse(
                $$"""{"eventVersion":"1.08","eventSource":"migrationhub-orchestrator.amazonaws.com","eventName":"GetWorkflowStep","requestParameters":{{requestParameters}}}""")
            .GetRequestParameters()!;

        GetWorkflowStepRequestParameters first = Typed("""{"id":"step-1","workflowId":"mw-1","newMember":{"a":1,"b":[true]}}""");
        first.AdditionalFields.Should().ContainKey("newMember");

        GetWorkflowStepRequestParameters second = Typed("""{"newMember":{"b":[true],"a":1.0},"workflowId":"mw-1","id":"step-1"}""");
        second.Should().Be(first);
        second.GetHashCode().Should().Be(first.GetHashCode());
        Typed("""{"id":"step-1","workflowId":"mw-1","newMember":{"a":2,"b":[true]}}""").Should().NotBe(first);
        Typed("""{"id":"step-1","workflowId":"mw-1"}""").Should().NotBe(first);
        Typed("""{"id":"step-2","workflowId":"mw-1","newMember":{"a":1,"b":[true]}}""").Should().NotBe(first);
        Typed("""{"id":"step-1","workflowId":"mw-1"}""").Should().Be(new GetWorkflowStepRequestParameters { Id = "step-1", WorkflowId = "mw-1" });
    }

    [Fact]
    public void Equality_SensitiveValues_ComparePlaceholdersAndRawJsonByValue()
    {
        var hidden = new SensitiveValue<IReadOnlyList<string>>("HIDDEN_DUE_TO_SECURITY_REASONS");
        var raw = new SensitiveValue<IReadOnlyList<string>>(JsonDocument.Parse("{\"a\":\"HIDDEN\",\"b\":1}").RootElement);

        hidden.Should().Be(new SensitiveValue<IReadOnlyList<string>>("HIDDEN_DUE_TO_SECURITY_REASONS"));
        hidden.GetHashCode().Should().Be(new SensitiveValue<IReadOnlyList<string>>("HIDDEN_DUE_TO_SECURITY_REASONS").GetHashCode());
        hidden.Should().NotBe(new SensitiveValue<IReadOnlyList<string>>("REDACTED"));
        raw.Should().Be(new SensitiveValue<IReadOnlyList<string>>(JsonDocument.Parse("{\"b\":1.0,\"a\":\"HIDDEN\"}").RootElement));
        raw.Should().NotBe(new SensitiveValue<IReadOnlyList<string>>(JsonDocument.Parse("{\"a\":\"HIDDEN\",\"b\":2}").RootElement));
        new SensitiveValue<IReadOnlyList<string>>(["x", "y"]).Should().Be(new SensitiveValue<IReadOnlyList<string>>(new List<string> { "x", "y" }));
        new SensitiveValue<IReadOnlyList<string>>(["x", "y"]).Should().NotBe(new SensitiveValue<IReadOnlyList<string>>(["y", "x"]));
        hidden.Should().NotBe(raw);
    }
}
