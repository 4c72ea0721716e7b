namespace CloudTrailModel.Tests;

/// <summary>The open value sets: unknown values are kept and compare ordinally.</summary>
public sealed class ExtensibleValueTests
{
    [Fact]
    public void CloudTrailEventType_UnknownValue_IsKept()
    {
        CloudTrailEventType value = CloudTrailRecord.Parse("""{"eventVersion":"1.08","eventType":"AwsNewKind"}""").EventType!.Value;

        value.ToString().Should().Be("AwsNewKind");
        value.Should().NotBe(CloudTrailEventType.AwsApiCall);
    }

    [Fact]
    public void IdentityType_KnownValues_CompareOrdinally()
    {
        IdentityType fromJson = CloudTrailRecord.Parse("""{"eventVersion":"1.08","userIdentity":{"type":"SAMLUser"}}""").UserIdentity!.Type!.Value;

        fromJson.Should().Be(IdentityType.SamlUser);
        fromJson.Should().NotBe((IdentityType)"samluser");
        (fromJson == IdentityType.SamlUser).Should().BeTrue();
    }

    [Fact]
    public void IdentityType_Default_ToStringIsEmpty() => default(IdentityType).ToString().Should().BeEmpty();

    [Fact]
    public void AddendumReason_UnknownValue_IsKept()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","addendum":{"reason":"SOMETHING_NEW","updatedFields":"a,b"}}""");

        record.Addendum!.Reason!.Value.ToString().Should().Be("SOMETHING_NEW");
        record.Addendum.UpdatedFields.Should().Be("a,b");
    }

    [Fact]
    public void InsightType_UnknownValue_IsKept()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","insightDetails":{"insightType":"FutureInsight"}}""");

        record.InsightDetails!.InsightType!.Value.ToString().Should().Be("FutureInsight");
    }
}
