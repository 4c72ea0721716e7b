using CloudTrailModel.Policies;

namespace CloudTrailModel.Tests.Policies;

public sealed class IamPolicyStatementTests
{
    private const string Owner = "111122223333";

    [Theory]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject"}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},"Action":"s3:GetObject"}""", true)]
    [InlineData("""{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject"}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"12345"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringLike":{"aws:SourceVpc":"vpc-*"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"ForAllValues:StringEquals":{"aws:SourceAccount":"111122223333"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","::/0"]}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"AWS:PRINCIPALORGID":"o-abc"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:t"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/48"]}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:*"}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:*"}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"}""", false)]
    public void IsPublic_FollowsPrincipalEffectAndConditions(string statementJson, bool expected) =>
        Statement(statementJson).IsPublic.Should().Be(expected);

    [Fact]
    public void HasPublicPrincipal_IgnoresEffectAndConditions()
    {
        IamPolicyStatement statement = Statement("""{"Effect":"Deny","Principal":"*","Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}""");

        statement.HasPublicPrincipal.Should().BeTrue();
        statement.IsRestrictedByCondition.Should().BeTrue();
        statement.IsPublic.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":["s3:GetObject","iam:*"]}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"*:*"}""", true)]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"iam:Put*"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":["s3:GetObject"]}""", false)]
    [InlineData("""{"Effect":"Deny","Action":"*"}""", false)]
    public void HasWildcardAction_CountsWholeServicesOnly(string statementJson, bool expected) =>
        Statement(statementJson).HasWildcardAction.Should().Be(expected);

    [Theory]
    [InlineData("""{"Effect":"Allow","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Resource":["arn:aws:s3:::b","*"]}""", true)]
    [InlineData("""{"Effect":"Allow","NotResource":"arn:aws:s3:::b"}""", true)]
    [InlineData("""{"Effect":"Allow","Resource":"arn:aws:s3:::*"}""", false)]
    [InlineData("""{"Effect":"Deny","Resource":"*"}""", false)]
    public void HasWildcardResource_IsResourceStarOrNotResource(string statementJson, bool expected) =>
        Statement(statementJson).HasWildcardResource.Should().Be(expected);

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":["*"],"Resource":["*"]}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"*:*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}""", false)]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Deny","Action":"*","Resource":"*"}""", false)]
    public void GrantsFullAccess_IsAllowStarOnStarUnconditioned(string statementJson, bool expected) =>
        Statement(statementJson).GrantsFullAccess.Should().Be(expected);

    [Fact]
    public void GetOtherAccountIds_ListsAccountsOfAwsAndFederatedPrincipals()
    {
        IamPolicyStatement statement = Statement("""
            {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:root","111122223333","777788889999",
            "arn:aws:sts::444455556666:assumed-role/r/s","arn:aws-us-gov:iam::222233334444:role/x","*"],
            "Federated":"arn:aws:iam::555566667777:saml-provider/idp","Service":"ec2.amazonaws.com",
            "CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}}
            """);

        statement.GetOtherAccountIds(Owner).Should().Equal("444455556666", "777788889999", "222233334444", "555566667777");
        statement.GetOtherAccountIds("444455556666").Should().Equal("111122223333", "777788889999", "222233334444", "555566667777");
    }

    [Fact]
    public void GetOtherAccountIds_DenyOrOwnAccountOnly_IsEmpty()
    {
        Statement("""{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::444455556666:root"}}""").GetOtherAccountIds(Owner).Should().BeEmpty();
        Statement("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/u"}}""").GetOtherAccountIds(Owner).Should().BeEmpty();
        Statement("""{"Effect":"Allow","Principal":"*"}""").GetOtherAccountIds(Owner).Should().BeEmpty();
    }

    private static IamPolicyStatement Statement(string json)
    {
        IamPolicyDocument document = IamPolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + json + "]}");
        document.IsValid.Should().BeTrue();
        return document.Statements.Single();
    }
}
