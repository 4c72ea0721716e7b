using System.Text;
using System.Text.Json;
using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

public sealed class IamPolicyDocumentTests
{
    private const string BucketPolicy = """
        {"Version":"2012-10-17","Id":"P1","Statement":[{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject",
        "Resource":["arn:aws:s3:::b/*"],"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}}]}
        """;

    [Fact]
    public void Parse_Object_ReadsEveryElement()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse(BucketPolicy);

        document.IsValid.Should().BeTrue();
        document.Form.Should().Be(IamPolicyDocumentForm.JsonObject);
        document.Version.Should().Be("2012-10-17");
        document.Id.Should().Be("P1");
        document.IsSingleStatement.Should().BeFalse();
        IamPolicyStatement statement = document.Statements.Should().ContainSingle().Subject;
        statement.Sid.Should().Be("Public");
        statement.Effect.Should().Be(IamPolicyEffect.Allow);
        statement.Principal!.Text.Should().Be("*");
        statement.Principal.IsEveryone.Should().BeTrue();
        statement.Action!.IsList.Should().BeFalse();
        statement.Action.Should().Equal("s3:GetObject");
        statement.Resource!.IsList.Should().BeTrue();
        statement.Resource.Should().Equal("arn:aws:s3:::b/*");
        statement.Condition!.Entries.Should().Equal(
            new IamPolicyConditionEntry("StringEquals", "aws:SourceAccount", new IamPolicyValues("111122223333")),
            new IamPolicyConditionEntry("NumericLessThan", "aws:MultiFactorAuthAge", new IamPolicyValues("3600")));
        statement.Condition.ContainsKey("AWS:SOURCEACCOUNT").Should().BeTrue();
        statement.NotAction.Should().BeNull();
        statement.AdditionalFields.Should().BeNull();
    }

    [Fact]
    public void Parse_JsonStringToken_ReadsThePolicyInside()
    {
        string token = PolicyJson.Token(BucketPolicy);

        IamPolicyDocument document = IamPolicyDocument.Parse(token);

        document.IsValid.Should().BeTrue();
        document.Form.Should().Be(IamPolicyDocumentForm.JsonString);
        document.OriginalText.Should().Be(BucketPolicy);
        document.Statements.Should().ContainSingle().Which.Sid.Should().Be("Public");
        PolicyJson.Write(document).Should().Be(token);
        document.ToPolicyJson().Should().Be(BucketPolicy);
    }

    [Fact]
    public void Parse_UrlEncodedString_DecodesAndWritesBackEncoded()
    {
        string encoded = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}""");
        string token = "\"" + encoded + "\"";

        IamPolicyDocument document = IamPolicyDocument.Parse(token);

        document.IsValid.Should().BeTrue();
        document.Form.Should().Be(IamPolicyDocumentForm.UrlEncodedJsonString);
        document.IsSingleStatement.Should().BeTrue();
        document.Statements[0].Principal!.Service.Should().Equal("ec2.amazonaws.com");
        PolicyJson.Write(document).Should().Be(token);
        document.OriginalText.Should().Be(encoded);
    }

    [Fact]
    public void Parse_FormEncodedString_PlusIsASpace()
    {
        const string Encoded = "%7B+%22Statement%22%3A+%5B%7B%22Effect%22%3A+%22Allow%22%2C+%22Action%22%3A+%22a%2Bb%3Ac%22%7D%5D+%7D";

        IamPolicyDocument document = IamPolicyDocument.Parse(PolicyJson.Token(Encoded));

        document.Form.Should().Be(IamPolicyDocumentForm.UrlEncodedJsonString);
        document.Statements.Single().Action.Should().Equal("a+b:c");
        document.ToPolicyJson().Should().Be("""{ "Statement": [{"Effect": "Allow", "Action": "a+b:c"}] }""");
        document.OriginalText.Should().Be(Encoded);
    }

    [Fact]
    public void Parse_UrlEncodedText_IsKeptAsAString()
    {
        string encoded = Uri.EscapeDataString("""{"Statement":[]}""");

        IamPolicyDocument document = IamPolicyDocument.Parse(encoded);

        document.Form.Should().Be(IamPolicyDocumentForm.UrlEncodedJsonString);
        document.IsValid.Should().BeTrue();
        PolicyJson.Write(document).Should().Be("\"" + encoded + "\"");
    }

    [Theory]
    [InlineData("\"HIDDEN_DUE_TO_SECURITY_REASONS\"", IamPolicyDocumentForm.JsonString)]
    [InlineData("\"\"", IamPolicyDocumentForm.JsonString)]
    [InlineData("\"invalid-json-policy\"", IamPolicyDocumentForm.JsonString)]
    [InlineData("\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statem\"", IamPolicyDocumentForm.JsonString)]
    [InlineData("\"%7B%22Version%22%3A%2\"", IamPolicyDocumentForm.JsonString)]
    [InlineData("[\"\"]", IamPolicyDocumentForm.OtherJson)]
    [InlineData("42", IamPolicyDocumentForm.OtherJson)]
    [InlineData("true", IamPolicyDocumentForm.OtherJson)]
    public void Parse_NotPolicyJson_IsInvalidAndKeptExactly(string json, IamPolicyDocumentForm form)
    {
        IamPolicyDocument document = IamPolicyDocument.Parse(json);

        document.IsValid.Should().BeFalse();
        document.Form.Should().Be(form);
        document.Statements.Should().BeEmpty();
        PolicyJson.Write(document).Should().Be(json);
    }

    [Theory]
    [InlineData("{\"Version\":\"2012-10-17\",\"Statem")]
    [InlineData("HIDDEN_DUE_TO_SECURITY_REASONS")]
    [InlineData("")]
    public void Parse_TextThatIsNotJson_IsInvalidAndKeptAsAString(string text)
    {
        IamPolicyDocument document = IamPolicyDocument.Parse(text);

        document.IsValid.Should().BeFalse();
        document.OriginalText.Should().Be(text);
        JsonDocument.Parse(PolicyJson.Write(document)).RootElement.GetString().Should().Be(text);
    }

    [Fact]
    public void Parse_Utf8AndElement_GiveTheSameDocumentAsString()
    {
        IamPolicyDocument fromString = IamPolicyDocument.Parse(BucketPolicy);
        IamPolicyDocument fromUtf8 = IamPolicyDocument.Parse(Encoding.UTF8.GetBytes(BucketPolicy));
        IamPolicyDocument fromElement;
        using (JsonDocument json = JsonDocument.Parse(BucketPolicy))
        {
            fromElement = IamPolicyDocument.Parse(json.RootElement);
        }

        fromUtf8.Should().Be(fromString);
        fromElement.Should().Be(fromString);
        fromElement.Statements[0].Condition!.Json.GetProperty("StringEquals").GetProperty("aws:SourceAccount").GetString().Should().Be("111122223333");
    }

    [Fact]
    public void Parse_SingleValuesAndLists_KeepTheirForm()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""
            {"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root"],"Service":"s3.amazonaws.com"},
            "NotAction":["iam:*"],"NotResource":"arn:aws:iam::*:role/x"}}
            """);

        document.IsSingleStatement.Should().BeTrue();
        IamPolicyStatement statement = document.Statements.Single();
        statement.NotPrincipal!.Aws!.IsList.Should().BeTrue();
        statement.NotPrincipal.Service!.IsList.Should().BeFalse();
        statement.NotPrincipal.Federated.Should().BeNull();
        statement.NotAction!.IsList.Should().BeTrue();
        statement.NotResource!.IsList.Should().BeFalse();
        statement.Effect.Should().Be(IamPolicyEffect.Deny);
    }

    [Fact]
    public void Parse_UnknownAndMistypedMembers_AreKept()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""
            {"Version":2012,"Statement":[{"Effect":"Allow","Action":{"odd":1},"Resource":"*","Extra":[1]}],"Other":"x"}
            """);

        document.IsValid.Should().BeTrue();
        document.Version.Should().BeNull();
        document.AdditionalFields!.Keys.Should().BeEquivalentTo("Version", "Other");
        IamPolicyStatement statement = document.Statements.Single();
        statement.Action.Should().BeNull();
        statement.AdditionalFields!.Keys.Should().BeEquivalentTo("Action", "Extra");
    }

    [Fact]
    public void Parse_StatementListWithANonObject_KeepsItUnread()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""{"Statement":[{"Effect":"Allow"},"x"]}""");

        document.Statements.Should().BeEmpty();
        document.AdditionalFields!["Statement"].GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Parse_DeeplyNested_IsInvalidNotAnError()
    {
        string deep = new string('[', 200) + new string(']', 200);

        IamPolicyDocument.Parse(deep).IsValid.Should().BeFalse();
        IamPolicyDocument.Parse(PolicyJson.Token("{\"a\":" + deep + "}")).IsValid.Should().BeFalse();
    }

    [Fact]
    public void WriteTo_BuiltInCode_WritesThePolicyObject()
    {
        var document = new IamPolicyDocument
        {
            Version = "2012-10-17",
            Statements =
            [
                new IamPolicyStatement
                {
                    Effect = IamPolicyEffect.Allow,
                    Principal = new IamPolicyPrincipal(new Dictionary<string, IamPolicyValues> { ["AWS"] = new(["arn:aws:iam::111122223333:root"]) }),
                    Action = new IamPolicyValues("sqs:SendMessage"),
                    Resource = new IamPolicyValues("*"),
                    Condition = new IamPolicyCondition([new IamPolicyConditionEntry("ArnLike", "aws:SourceArn", new IamPolicyValues("arn:aws:sns:*:*:t"))]),
                },
            ],
        };

        string json = PolicyJson.Write(document);

        PolicyJson.JsonEquals(json, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"]},
            "Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:t"}}}]}
            """).Should().BeTrue(json);
        IamPolicyDocument.Parse(json).Statements.Should().Equal(document.Statements);
        document.ToPolicyJson().Should().Be(json);
        document.OriginalJson.Should().BeNull();
    }

    [Fact]
    public void Equals_ComparesFormAndContent()
    {
        string token = PolicyJson.Token(BucketPolicy);

        IamPolicyDocument.Parse(BucketPolicy).Should().Be(IamPolicyDocument.Parse(BucketPolicy));
        IamPolicyDocument.Parse(token).Should().Be(IamPolicyDocument.Parse(token));
        IamPolicyDocument.Parse(token).Should().NotBe(IamPolicyDocument.Parse(BucketPolicy));
        IamPolicyDocument.Parse(BucketPolicy.Replace("Public", "Other", StringComparison.Ordinal)).Should().NotBe(IamPolicyDocument.Parse(BucketPolicy));
    }
}
