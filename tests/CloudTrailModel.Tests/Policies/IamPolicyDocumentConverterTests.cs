using System.Text.Json;
using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

public sealed class IamPolicyDocumentConverterTests
{
    [Fact]
    public void Deserialize_EveryForm_ReadsAndWritesBackExactly()
    {
        const string json = """
            {"policyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            "policies":[{"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}},"HIDDEN_DUE_TO_SECURITY_REASONS","%7B%22Statement%22%3A%5B%5D%7D",[1],7,null],
            "other":1}
            """;

        PolicyHolder holder = JsonSerializer.Deserialize(json, PolicyTestJsonContext.Default.PolicyHolder)!;

        holder.PolicyDocument!.Form.Should().Be(IamPolicyDocumentForm.JsonString);
        holder.PolicyDocument.Statements.Single().Action.Should().Equal("*");
        holder.Policies!.Select(p => p?.Form).Should().Equal(
            IamPolicyDocumentForm.JsonObject,
            IamPolicyDocumentForm.JsonString,
            IamPolicyDocumentForm.UrlEncodedJsonString,
            IamPolicyDocumentForm.OtherJson,
            IamPolicyDocumentForm.OtherJson,
            null);
        holder.Policies!.Select(p => p?.IsValid).Should().Equal(true, false, true, false, false, null);

        string written = JsonSerializer.Serialize(holder, PolicyTestJsonContext.Default.PolicyHolder);

        PolicyJson.JsonEquals(written, json).Should().BeTrue(written);
        written.Should().StartWith("{\"policyDocument\":\"{\\\"Version\\\":\\\"2012-10-17\\\",", "a policy that came as a string is written as the same string")
            .And.Contain("\"HIDDEN_DUE_TO_SECURITY_REASONS\"");
    }

    [Fact]
    public void Serialize_StringForm_KeepsTheOriginalEscapes()
    {
        const string json = """{"policyDocument":"{\n\t\"Statement\": [ ]\n}"}""";

        PolicyHolder holder = JsonSerializer.Deserialize(json, PolicyTestJsonContext.Default.PolicyHolder)!;

        JsonSerializer.Serialize(holder, PolicyTestJsonContext.Default.PolicyHolder).Should().Be(json);
        holder.PolicyDocument!.OriginalText.Should().Be("{\n\t\"Statement\": [ ]\n}");
    }
}
