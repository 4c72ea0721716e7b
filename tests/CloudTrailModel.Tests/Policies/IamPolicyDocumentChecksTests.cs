using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

public sealed class IamPolicyDocumentChecksTests
{
    [Fact]
    public void IsPublic_AnyPublicStatement()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}},
            {"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}
            """);

        document.IsPublic.Should().BeTrue();
        document.Statements.Select(s => s.IsPublic).Should().Equal(false, true);
    }

    [Fact]
    public void IsPublic_InvalidOrEmpty_IsFalse()
    {
        IamPolicyDocument.Parse("\"HIDDEN_DUE_TO_SECURITY_REASONS\"").IsPublic.Should().BeFalse();
        IamPolicyDocument.Parse("""{"Statement":[]}""").IsPublic.Should().BeFalse();
    }

    [Fact]
    public void IsEquivalentToAdministratorAccess_TheManagedPolicyText()
    {
        IamPolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")
            .IsEquivalentToAdministratorAccess.Should().BeTrue();
        IamPolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["*"],"Resource":["*"]}}""")
            .IsEquivalentToAdministratorAccess.Should().BeTrue();
    }

    [Fact]
    public void IsEquivalentToAdministratorAccess_WithADeny_IsFalse()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""
            {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}
            """);

        document.IsEquivalentToAdministratorAccess.Should().BeFalse();
        document.HasWildcardAction.Should().BeTrue();
        document.HasWildcardResource.Should().BeTrue();
    }

    [Fact]
    public void WildcardChecks_ScopedPolicy_AreFalse()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""");

        document.HasWildcardAction.Should().BeFalse();
        document.HasWildcardResource.Should().BeFalse();
        document.IsEquivalentToAdministratorAccess.Should().BeFalse();
        document.IsPublic.Should().BeFalse();
    }

    [Fact]
    public void GetOtherAccountIds_AcrossStatements_EachOnce()
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("""
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"}},
            {"Effect":"Allow","Principal":{"AWS":["444455556666","arn:aws:iam::777788889999:role/r"]}}]}
            """);

        document.GetOtherAccountIds("111122223333").Should().Equal("444455556666", "777788889999");
    }
}
