using System.Text;
using System.Text.Json;
using CloudTrailModel.Operations;
using CloudTrailModel.Operations.SecurityToken;
using CloudTrailModel.Operations.SignIn;

namespace CloudTrailModel.Tests.Operations;

/// <summary>Sign-in events' <c>additionalEventData</c>, typed per operation (hand-specified in signin.model.json).</summary>
public sealed class SignInAdditionalEventDataTests(ITestOutputHelper output)
{
    private static CloudTrailRecord Make(string eventName, string additionalEventData, string eventSource = "signin.amazonaws.com") =>
        CloudTrailRecord.Parse(Encoding.UTF8.GetBytes($$"""
            {"eventVersion":"1.08","eventTime":"2024-06-02T22:37:12Z","eventSource":"{{eventSource}}","eventName":"{{eventName}}",
             "awsRegion":"us-east-1","requestParameters":null,"responseElements":{"{{eventName}}":"Success"},
             "additionalEventData":{{additionalEventData}}}
            """));

    [Fact]
    public void TryGetAdditionalEventData_ConsoleLogin_IsTypedAndWritesBackAsLogged()
    {
        const string Data = """{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"Yes","MFAIdentifier":"arn:aws:iam::111122223333:mfa/alice","SomethingNew":{"a":1}}""";
        CloudTrailRecord record = Make("ConsoleLogin", Data);

        record.TryGetAdditionalEventData(out ConsoleLoginAdditionalEventData? data).Should().BeTrue();

        data!.LoginTo.Should().Be("https://console.aws.amazon.com/console/home");
        data.MobileVersion.Should().Be("No");
        data.MFAUsed.Should().Be("Yes");
        data.MFAIdentifier.Should().Be("arn:aws:iam::111122223333:mfa/alice");
        data.AdditionalFields.Should().ContainKey("SomethingNew", "a member the model does not describe is kept");
        record.GetAdditionalEventData().Should().Be(data);
        JsonElement.DeepEquals(
                JsonSerializer.SerializeToElement(data, SignInJsonContext.Tolerant),
                JsonDocument.Parse(Data).RootElement)
            .Should().BeTrue("the typed object writes back the JSON it was read from");
    }

    [Fact]
    public void TryGetAdditionalEventData_MemberOfAnotherShape_IsKeptInAdditionalFields()
    {
        CloudTrailRecord record = Make("ConsoleLogin", """{"MFAUsed":{"omitted":true},"MobileVersion":1}""");

        record.TryGetAdditionalEventData(out ConsoleLoginAdditionalEventData? data).Should().BeTrue();

        data!.MFAUsed.Should().BeNull();
        data.MobileVersion.Should().BeNull();
        data.AdditionalFields!["MFAUsed"].GetRawText().Should().Be("""{"omitted":true}""");
        data.AdditionalFields["MobileVersion"].GetRawText().Should().Be("1");
    }

    [Fact]
    public void TryGetAdditionalEventData_SwitchRoleCheckMfaUserAuthentication_AreTyped()
    {
        Make("SwitchRole", """{"SwitchFrom":"arn:aws:iam::111122223333:user/alice","RedirectTo":"https://console.aws.amazon.com/s3/"}""")
            .GetAdditionalEventData().Should().BeOfType<SwitchRoleAdditionalEventData>()
            .Which.SwitchFrom.Should().Be("arn:aws:iam::111122223333:user/alice");
        Make("CheckMfa", """{"MfaType":"U2F MFA"}""")
            .GetAdditionalEventData().Should().BeOfType<CheckMfaAdditionalEventData>().Which.MfaType.Should().Be("U2F MFA");
        Make("UserAuthentication", """{"AuthWorkflowID":"w-1","CredentialType":"EXTERNAL_IDP","LoginTo":"https://d-1.awsapps.com/start/"}""")
            .GetAdditionalEventData().Should().BeOfType<UserAuthenticationAdditionalEventData>().Which.CredentialType.Should().Be("EXTERNAL_IDP");
    }

    [Fact]
    public void TryGetAdditionalEventData_OtherOperationsType_IsFalse()
    {
        CloudTrailRecord record = Make("ConsoleLogin", """{"MFAUsed":"No"}""");

        record.TryGetAdditionalEventData(out CheckMfaAdditionalEventData? other).Should().BeFalse();
        other.Should().BeNull();
        record.TryGetAdditionalEventData(out AssumeRoleRequestParameters? notAdditional).Should().BeFalse("a request type is no additional-event-data type");
        notAdditional.Should().BeNull();
    }

    [Fact]
    public void GetAdditionalEventData_OperationWithoutAModelOrWithoutData_IsNull()
    {
        Make("AssumeRole", """{"RoleSessionName":"s"}""", "sts.amazonaws.com").GetAdditionalEventData()
            .Should().BeNull("STS models no additional event data");
        Make("ConsoleLogin", "null").GetAdditionalEventData().Should().BeNull();
        Make("ConsoleLogin", "\"text\"").GetAdditionalEventData().Should().BeNull("only an object is typed");
    }

    [SkippableFact]
    public void Corpus_SignInAdditionalEventData_IsTypedWritesBackAndReachesTheShareAim()
    {
        var failures = new List<string>();
        int objects = 0;
        int typed = 0;
        int total = 0;
        foreach ((string file, CloudTrailRecord record) in OperationCorpus.All)
        {
            if (record.EventSource != "signin.amazonaws.com" || record.AdditionalEventData is not { ValueKind: JsonValueKind.Object } raw
                || OperationRegistry.Find(record) is not { AdditionalEventDataType: { } type })
            {
                continue;
            }

            objects++;
            object? value = record.GetAdditionalEventData();
            if (value is null || value.GetType() != type)
            {
                failures.Add($"{file} {record.EventName}: not typed as {type.Name}");
                continue;
            }

            using JsonDocument original = JsonDocument.Parse(raw.Utf8);
            if (!JsonElement.DeepEquals(original.RootElement, JsonSerializer.SerializeToElement(value, type, SignInJsonContext.Tolerant)))
            {
                failures.Add($"{file} {record.EventName}: written back differently");
            }

            (int t, int n) = TypedShare.Count(original.RootElement, value, SignInJsonContext.Tolerant);
            typed += t;
            total += n;
        }

        output.WriteLine($"sign-in additionalEventData: {objects} objects, {typed}/{total} members typed");
        failures.Should().BeEmpty();
        objects.Should().BeGreaterThanOrEqualTo(25, "the corpus holds at least 25 ConsoleLogin records with additional event data");
        ((double)typed / total).Should().BeGreaterThanOrEqualTo(0.95);
    }
}
