using System.Text.Json;
using CloudTrailModel.Operations;
using CloudTrailModel.Operations.MigrationHubOrchestrator;

namespace CloudTrailModel.Tests.Operations;

/// <summary>Scenario tests of the typed MHO operations on whole CloudTrail records: the documented example, mismatches, odd data, aliases.</summary>
public sealed class MigrationHubOrchestratorRecordTests(ITestOutputHelper output)
{
    private const string Source = "migrationhub-orchestrator.amazonaws.com";

    // The user guide's GetWorkflowStep example (as in shared/corpus/docs/migrationhub-orchestrator-getworkflowstep-v1.08.json,
    // where the missing quote before "type" in the published text is already fixed), so the test runs without ../shared.
    private const string GetWorkflowStepExample = """
        {
            "eventVersion": "1.08",
            "userIdentity": {
                "type": "AssumedRole",
                "principalId": "777777777777",
                "arn": "arn:aws:sts::111122223333:assumed-role/myUserName/...",
                "accountId": "111122223333",
                "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
                "sessionContext": {
                    "sessionIssuer": {
                        "type": "Role",
                        "principalId": "777777777777",
                        "arn": "arn:aws:iam::111122223333:role/myUserName",
                        "accountId": "111122223333",
                        "userName": "myUserName"
                    },
                    "webIdFederationData": {},
                    "attributes": { "creationDate": "2022-03-22T23:29:22Z", "mfaAuthenticated": "false" }
                }
            },
            "eventTime": "2022-03-23T03:16:55Z",
            "eventSource": "migrationhub-orchestrator.amazonaws.com",
            "eventName": "GetWorkflowStep",
            "awsRegion": "us-east-1",
            "sourceIPAddress": "99.99.999.999",
            "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:91.0) Gecko/20100101 Firefox/91.0",
            "requestParameters": { "stepGroupId": "act-1", "id": "step-11111", "workflowId": "mw-1111111" },
            "responseElements": null,
            "requestID": "068e87d1",
            "eventID": "e699238c",
            "readOnly": true,
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": "111122223333",
            "eventCategory": "Management"
        }
        """;

    private static CloudTrailRecord Record(string eventName, string? requestParameters, string? responseElements = null, string source = Source)
    {
        string json = $$"""
            {"eventVersion":"1.08","eventSource":"{{source}}","eventName":"{{eventName}}","requestParameters":{{requestParameters ?? "null"}},"responseElements":{{responseElements ?? "null"}}}
            """;
        return CloudTrailRecord.Parse(json);
    }

    private static void AssertGetWorkflowStep(CloudTrailRecord record)
    {
        record.TryGetRequestParameters(out GetWorkflowStepRequestParameters? parameters).Should().BeTrue();
        parameters!.WorkflowId.Should().Be("mw-1111111");
        parameters.StepGroupId.Should().Be("act-1");
        parameters.Id.Should().Be("step-11111");
        parameters.AdditionalFields.Should().BeNull();
        record.GetRequestParameters().Should().BeOfType<GetWorkflowStepRequestParameters>();
        record.TryGetResponseElements(out GetWorkflowStepResponseElements? response).Should().BeFalse("responseElements is null");
        response.Should().BeNull();
        record.GetResponseElements().Should().BeNull();
    }

    [SkippableFact]
    public void TryGetRequestParameters_DocumentedGetWorkflowStepFixture_ReadsIds() =>
        AssertGetWorkflowStep(CloudTrailRecord.Parse(GetWorkflowStepExample));

    [SkippableFact]
    public void TryGetRequestParameters_DocumentedGetWorkflowStepCorpusFile_ReadsIds()
    {
        string path = SharedFiles.CorpusPath("docs", "migrationhub-orchestrator-getworkflowstep-v1.08.json");
        if (!SharedFiles.Require(path, output))
        {
            return;
        }

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(path).ToList();
        records.Should().ContainSingle();
        AssertGetWorkflowStep(records[0]);
    }

    [SkippableFact]
    public void TryGetRequestParameters_WrongEventName_ReturnsFalse()
    {
        CloudTrailRecord record = Record("GetWorkflowStepGroup", """{"id":"step-1","workflowId":"mw-1","stepGroupId":"act-1"}""");
        record.TryGetRequestParameters(out GetWorkflowStepRequestParameters? p).Should().BeFalse();
        p.Should().BeNull();
        record.TryGetRequestParameters(out GetWorkflowStepGroupRequestParameters? group).Should().BeTrue();
        group!.Id.Should().Be("step-1");
    }

    [SkippableFact]
    public void TryGetRequestParameters_WrongEventSource_ReturnsFalse()
    {
        CloudTrailRecord record = Record("GetWorkflowStep", """{"id":"step-1"}""", source: "migrationhub.amazonaws.com");
        record.TryGetRequestParameters(out GetWorkflowStepRequestParameters? _).Should().BeFalse();
        record.GetRequestParameters().Should().BeNull();
    }

    [SkippableFact]
    public void TryGetRequestParameters_UnknownEventName_ReturnsFalse()
    {
        CloudTrailRecord record = Record("DescribeSomethingNew", """{"id":"step-1"}""");
        record.TryGetRequestParameters(out GetWorkflowStepRequestParameters? _).Should().BeFalse();
        record.GetRequestParameters().Should().BeNull();
    }

    [SkippableFact]
    public void TryGetRequestParameters_NullParameters_ReturnsFalse()
    {
        CloudTrailRecord record = Record("GetWorkflow", null);
        record.TryGetRequestParameters(out GetWorkflowRequestParameters? _).Should().BeFalse();
        record.GetRequestParameters().Should().BeNull();
    }

    [SkippableFact]
    public void TryGetRequestParameters_StringParameters_ReturnsFalse()
    {
        CloudTrailRecord record = Record("GetWorkflow", "\"HIDDEN_DUE_TO_SECURITY_REASONS\"");
        record.TryGetRequestParameters(out GetWorkflowRequestParameters? _).Should().BeFalse();
        record.GetRequestParameters().Should().BeNull();
    }

    [SkippableFact]
    public void TryGetRequestParameters_MemberOfWrongShape_KeepsItInAdditionalFieldsWithoutThrowing()
    {
        // A member that does not fit its type leaves the property null and is kept as it came (the tolerant reader).
        CloudTrailRecord record = Record("ListWorkflows", """{"maxResults":{"a":1}}""");
        record.Invoking(r => r.TryGetRequestParameters(out ListWorkflowsRequestParameters? _)).Should().NotThrow()
            .Which.Should().BeTrue();
        record.TryGetRequestParameters(out ListWorkflowsRequestParameters? parameters);
        parameters!.MaxResults.Should().BeNull();
        parameters.AdditionalFields!["maxResults"].GetRawText().Should().Be("""{"a":1}""");
    }

    [SkippableFact]
    public void TryGetRequestParameters_HiddenInputParameters_KeepsPlaceholder()
    {
        CloudTrailRecord record = Record(
            "CreateWorkflow",
            """{"name":"wf","templateId":"t-1","inputParameters":"HIDDEN_DUE_TO_SECURITY_REASONS"}""",
            """{"id":"mw-1","status":"CREATING","workflowInputs":"HIDDEN_DUE_TO_SECURITY_REASONS","creationTime":"Oct 8, 2024, 4:15:32 PM"}""");
        record.TryGetRequestParameters(out CreateWorkflowRequestParameters? p).Should().BeTrue();
        p!.Name.Should().Be("wf");
        p.InputParameters!.IsRedacted.Should().BeTrue();
        p.InputParameters.RedactedText.Should().Be("HIDDEN_DUE_TO_SECURITY_REASONS");
        p.InputParameters.Value.Should().BeNull();

        record.TryGetResponseElements(out CreateWorkflowResponseElements? r).Should().BeTrue();
        r!.WorkflowInputs!.RedactedText.Should().Be("HIDDEN_DUE_TO_SECURITY_REASONS");
        r.Status.Should().Be(MigrationWorkflowStatusEnum.Creating);
        r.CreationTime.Should().BeNull("a console-style timestamp would be written back differently");
        r.AdditionalFields!["creationTime"].GetString().Should().Be("Oct 8, 2024, 4:15:32 PM");

        JsonSerializer.Serialize(p, MigrationHubOrchestratorJsonContext.Default.CreateWorkflowRequestParameters)
            .Should().Contain("\"inputParameters\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"");
    }

    [SkippableFact]
    public void TryGetRequestParameters_InputParametersMap_ReadsTypedValues()
    {
        CloudTrailRecord record = Record(
            "CreateWorkflow",
            """{"inputParameters":{"a":{"stringValue":"x"},"b":{"integerValue":"3"},"c":{"listOfStringsValue":["y"]}}}""");
        record.TryGetRequestParameters(out CreateWorkflowRequestParameters? p).Should().BeTrue();
        IReadOnlyDictionary<string, StepInput> map = p!.InputParameters!.Value!;
        map["a"].StringValue.Should().Be("x");
        map["b"].IntegerValue.Should().BeNull("a number logged as a string is kept as it came");
        map["b"].AdditionalFields!["integerValue"].GetString().Should().Be("3");
        map["c"].ListOfStringsValue.Should().Equal("y");
    }

    [SkippableFact]
    public void TryGetRequestParameters_InputParameterValuesHiddenOneByOne_KeepsRawJson()
    {
        CloudTrailRecord record = Record("UpdateWorkflow", """{"id":"mw-1","inputParameters":{"a":"HIDDEN_DUE_TO_SECURITY_REASONS"}}""");
        record.TryGetRequestParameters(out UpdateWorkflowRequestParameters? p).Should().BeTrue();
        p!.InputParameters!.Value.Should().BeNull();
        p.InputParameters.RawJson!.Value.GetProperty("a").GetString().Should().Be("HIDDEN_DUE_TO_SECURITY_REASONS");
    }

    [SkippableFact]
    public void TryGetRequestParameters_MaxResultsAsString_KeptAsItCame()
    {
        CloudTrailRecord record = Record("ListWorkflows", """{"maxResults":"10","nextToken":"abc"}""");
        record.TryGetRequestParameters(out ListWorkflowsRequestParameters? p).Should().BeTrue();
        p!.MaxResults.Should().BeNull();
        p.AdditionalFields!["maxResults"].GetString().Should().Be("10");
        p.NextToken.Should().Be("abc");
    }

    [SkippableFact]
    public void TryGetRequestParameters_UnknownEnumValue_IsKept()
    {
        CloudTrailRecord record = Record("ListWorkflows", """{"status":"SOMETHING_NEW"}""");
        record.TryGetRequestParameters(out ListWorkflowsRequestParameters? p).Should().BeTrue();
        p!.Status.Should().Be(new MigrationWorkflowStatusEnum("SOMETHING_NEW"));
        p.Status!.Value.ToString().Should().Be("SOMETHING_NEW");
        p.Status.Should().NotBe(MigrationWorkflowStatusEnum.Completed);
    }

    [SkippableFact]
    public void TryGetRequestParameters_UnknownMember_KeptInAdditionalFields()
    {
        CloudTrailRecord record = Record("GetWorkflow", """{"id":"mw-1","newField":{"x":[1,2]}}""");
        record.TryGetRequestParameters(out GetWorkflowRequestParameters? p).Should().BeTrue();
        p!.Id.Should().Be("mw-1");
        p.AdditionalFields.Should().ContainKey("newField");
        p.AdditionalFields!["newField"].GetProperty("x").GetArrayLength().Should().Be(2);
        JsonSerializer.Serialize(p, MigrationHubOrchestratorJsonContext.Default.GetWorkflowRequestParameters)
            .Should().Be("""{"id":"mw-1","newField":{"x":[1,2]}}""");
    }

    [SkippableFact]
    public void TryGetRequestParameters_MissingMembers_AreNull()
    {
        CloudTrailRecord record = Record("UpdateWorkflowStep", "{}");
        record.TryGetRequestParameters(out UpdateWorkflowStepRequestParameters? p).Should().BeTrue();
        p!.Id.Should().BeNull();
        p.Status.Should().BeNull();
        p.Outputs.Should().BeNull();
    }

    [SkippableFact]
    public void TryGetResponseElements_TimestampsTheWriterWouldSpellDifferently_KeptAsTheyCame()
    {
        CloudTrailRecord epoch = Record("StartWorkflow", """{"id":"mw-1"}""", """{"id":"mw-1","lastStartTime":1704164645}""");
        epoch.TryGetResponseElements(out StartWorkflowResponseElements? e).Should().BeTrue();
        e!.LastStartTime.Should().BeNull();
        e.AdditionalFields!["lastStartTime"].GetInt64().Should().Be(1704164645);

        CloudTrailRecord nanos = Record("StopWorkflow", """{"id":"mw-1"}""", """{"lastStopTime":"2024-10-10T12:55:43.023139433Z"}""");
        nanos.TryGetResponseElements(out StopWorkflowResponseElements? n).Should().BeTrue();
        n!.AdditionalFields!["lastStopTime"].GetString().Should().Be("2024-10-10T12:55:43.023139433Z");

        CloudTrailRecord millis = Record("StopWorkflow", """{"id":"mw-1"}""", """{"lastStopTime":"2024-10-10T12:55:43.023Z"}""");
        millis.TryGetResponseElements(out StopWorkflowResponseElements? m).Should().BeTrue();
        m!.LastStopTime.Should().Be(new DateTimeOffset(2024, 10, 10, 12, 55, 43, 23, TimeSpan.Zero));

        CloudTrailRecord odd = Record("StopWorkflow", """{"id":"mw-1"}""", """{"id":"mw-1","lastStopTime":"yesterday"}""");
        odd.TryGetResponseElements(out StopWorkflowResponseElements? o).Should().BeTrue("an unreadable timestamp must not lose the rest");
        o!.Id.Should().Be("mw-1");
        o.LastStopTime.Should().BeNull();
    }

    [SkippableFact]
    public void TryGetResponseElements_EmptyOutputShape_ReadsEmptyObject()
    {
        CloudTrailRecord record = Record("DeleteTemplate", """{"id":"t-1"}""", "{}");
        record.TryGetResponseElements(out DeleteTemplateResponseElements? r).Should().BeTrue();
        r!.AdditionalFields.Should().BeNull();
    }

    [SkippableFact]
    public void TryGetRequestParameters_TypeOfOtherOperation_ReturnsFalse()
    {
        CloudTrailRecord record = Record("GetWorkflow", """{"id":"mw-1"}""");
        record.TryGetRequestParameters(out StartWorkflowRequestParameters? _).Should().BeFalse();
        record.TryGetResponseElements(out GetWorkflowRequestParameters? _).Should().BeFalse("a request type is not the response type");
    }

    [SkippableTheory]
    [InlineData("CreateWorkflow", "CreateMigrationWorkflow", typeof(CreateWorkflowRequestParameters))]
    [InlineData("UpdateWorkflow", "UpdateMigrationWorkflow", typeof(UpdateWorkflowRequestParameters))]
    [InlineData("DeleteWorkflow", "DeleteMigrationWorkflow", typeof(DeleteWorkflowRequestParameters))]
    [InlineData("StartWorkflow", "StartMigrationWorkflow", typeof(StartWorkflowRequestParameters))]
    [InlineData("StopWorkflow", "StopMigrationWorkflow", typeof(StopWorkflowRequestParameters))]
    [InlineData("GetWorkflow", "GetMigrationWorkflow", typeof(GetWorkflowRequestParameters))]
    [InlineData("ListWorkflows", "ListMigrationWorkflows", typeof(ListWorkflowsRequestParameters))]
    [InlineData("GetTemplate", "GetMigrationWorkflowTemplate", typeof(GetTemplateRequestParameters))]
    [InlineData("ListTemplates", "ListMigrationWorkflowTemplates", typeof(ListTemplatesRequestParameters))]
    public void GetRequestParameters_BothEventNameSpellings_SameType(string sdkName, string loggedName, Type type)
    {
        foreach (string name in new[] { sdkName, loggedName })
        {
            CloudTrailRecord record = Record(name, """{"id":"mw-1","name":"n"}""", """{"id":"mw-1"}""");
            record.GetRequestParameters().Should().BeOfType(type, name);
            record.GetResponseElements().Should().NotBeNull(name);
        }
    }

    [SkippableFact]
    public void TryGetRequestParameters_CreateMigrationWorkflowSpelling_ReadsTyped()
    {
        CloudTrailRecord record = Record("CreateMigrationWorkflow", """{"name":"wf","stepTargets":["s1"]}""");
        record.TryGetRequestParameters(out CreateWorkflowRequestParameters? p).Should().BeTrue();
        p!.StepTargets.Should().Equal("s1");
    }

    [SkippableFact]
    public void SensitiveValue_ToString_NeverShowsTypedContent()
    {
        var value = new SensitiveValue<IReadOnlyDictionary<string, StepInput>>(new Dictionary<string, StepInput> { ["k"] = new() { StringValue = "secret" } });
        value.ToString().Should().NotContain("secret");
        new SensitiveValue<IReadOnlyDictionary<string, StepInput>>("HIDDEN_DUE_TO_SECURITY_REASONS").ToString().Should().Be("HIDDEN_DUE_TO_SECURITY_REASONS");
    }
}
