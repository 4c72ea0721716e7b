using System.Text;
using System.Text.Json;
using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

/// <summary>Policies are attacker-written text: no truncation or mutation of one may throw or lose the value.</summary>
public sealed class IamPolicyRobustnessTests
{
    private const string Policy = """
        {"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:root","*"]},
        "Action":["s3:*"],"Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:SecureTransport":false}}}]}
        """;

    [Fact]
    public void Parse_TruncatedAtEveryOffset_NeverThrowsAndKeepsTheText()
    {
        for (int length = 0; length < Policy.Length; length++)
        {
            string text = Policy[..length];

            IamPolicyDocument asText = IamPolicyDocument.Parse(text);
            IamPolicyDocument asString = IamPolicyDocument.Parse(PolicyJson.Token(text));

            asText.IsValid.Should().BeFalse($"{length} characters are not a whole policy");
            asText.OriginalText.Should().Be(text);
            asString.IsValid.Should().BeFalse();
            PolicyJson.Write(asString).Should().Be(PolicyJson.Token(text));
        }
    }

    [Fact]
    public void Parse_SeededMutations_NeverThrowAndWriteBackTheInput()
    {
        var random = new Random(2112);
        byte[] original = Encoding.UTF8.GetBytes(Policy);
        const string Alphabet = "{}[]\":,*0a \\";
        for (int i = 0; i < 3000; i++)
        {
            byte[] mutated = (byte[])original.Clone();
            for (int j = random.Next(1, 4); j > 0; j--)
            {
                mutated[random.Next(mutated.Length)] = (byte)Alphabet[random.Next(Alphabet.Length)];
            }

            string text = Encoding.UTF8.GetString(mutated);
            IamPolicyDocument document = IamPolicyDocument.Parse(PolicyJson.Token(text));

            PolicyJson.Write(document).Should().Be(PolicyJson.Token(text));
            _ = document.IsPublic || document.HasWildcardAction || document.HasWildcardResource || document.IsEquivalentToAdministratorAccess;
            _ = document.GetOtherAccountIds("111122223333");
            if (document.IsValid)
            {
                JsonDocument.Parse(text).RootElement.ValueKind.Should().Be(JsonValueKind.Object);
            }
        }
    }

    [Fact]
    public void Parse_MixedTypesEverywhere_KeepsWhatItCannotType()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""
            {"Statement":[{"Effect":true,"Principal":[1],"Action":[["x"]],"Resource":null,"Condition":{"StringEquals":"x","Bool":{"k":[true,{"a":1}]}},"Sid":5}]}
            """);

        IamPolicyStatement statement = document.Statements.Single();
        statement.Effect.Should().BeNull();
        statement.Principal.Should().BeNull();
        statement.Action.Should().BeNull();
        statement.Resource.Should().BeNull();
        statement.Sid.Should().BeNull();
        statement.AdditionalFields!.Keys.Should().BeEquivalentTo("Effect", "Principal", "Action", "Resource", "Sid");
        statement.Condition!.Entries.Should().BeEmpty();
        statement.Condition.Json.GetProperty("StringEquals").GetString().Should().Be("x");
        statement.IsPublic.Should().BeFalse();
    }
}
