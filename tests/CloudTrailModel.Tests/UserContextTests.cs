using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CloudTrailModel.UserTypes;

namespace CloudTrailModel.Tests;

/// <summary>
/// The model types as properties of a user's own types in a user's own source-generated context
/// (<see cref="UserJsonContext"/>, in an assembly the library does not trust, built with warnings as errors): they read
/// and write through that context alone, with no resolver combined.
/// </summary>
public sealed class UserContextTests
{
    // Every typed part of a record, so each model type is read and written through the user's context.
    private const string RichRecord = """
        {"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:alice","arn":"arn:aws:sts::111122223333:assumed-role/R/alice",
          "accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/R","accountId":"111122223333","userName":"R"},
          "webIdFederationData":{"federatedProvider":"arn:aws:iam::111122223333:oidc-provider/x","attributes":{"aud":"a"}},"attributes":{"creationDate":"2024-03-01T09:00:00Z","mfaAuthenticated":"false"},"sourceIdentity":"alice"},
          "invokedByDelegate":{"accountId":"444455556666"},"onBehalfOf":{"userId":"u-1","identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/d-1"},
          "inScopeOf":{"sourceArn":"arn:aws:lambda:us-east-1:111122223333:function:f","sourceAccount":"111122223333","issuerType":"AWS::Lambda::Function","credentialsIssuedTo":"arn:aws:sts::111122223333:assumed-role/R/f"}},
         "eventTime":"2024-03-01T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","userAgent":"aws-cli/2",
         "requestParameters":{"bucketName":"b","key":"k"},"responseElements":null,"requestID":"R1","eventID":"E1","readOnly":true,"eventType":"AwsApiCall","managementEvent":false,
         "resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"}],"recipientAccountId":"111122223333","eventCategory":"Data",
         "addendum":{"reason":"DELIVERY_DELAY","originalEventID":"E0"},"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"b.s3.amazonaws.com"},
         "edgeDeviceDetails":{"type":"SnowFamily","deviceID":"d-1"},"eventContext":{"requestContext":{"a":1},"tagContext":{"b":2}},
         "insightDetails":{"state":"Start","eventSource":"s3.amazonaws.com","eventName":"GetObject","insightType":"ApiCallRateInsight",
           "insightContext":{"statistics":{"baseline":{"average":0.5},"insight":{"average":12},"insightDuration":1,"baselineDuration":10079},
             "attributions":[{"attribute":"userIdentityArn","insight":[{"value":"arn:aws:iam::111122223333:role/R","average":12}],"baseline":[{"value":"arn:aws:iam::111122223333:role/R","average":0.5}]}]}},
         "someNewMember":{"kept":true}}
        """;

    [Fact]
    public void Deserialize_UserEnvelopeInUserContext_DetailEqualsParse()
    {
        string json = $$"""{"detail-type":"AWS API Call via CloudTrail","detail":{{RichRecord}},"records":[{{RichRecord}},{{RichRecord}}]}""";

        MyEnvelope? envelope = JsonSerializer.Deserialize(json, UserJsonContext.Default.MyEnvelope);

        CloudTrailRecord expected = CloudTrailRecord.Parse(RichRecord);
        envelope!.DetailType.Should().Be("AWS API Call via CloudTrail");
        envelope.Detail.Should().Be(expected);
        envelope.Records.Should().Equal(expected, expected);
    }

    [Fact]
    public void Serialize_UserEnvelopeInUserContext_RoundTripsEqual()
    {
        var envelope = new MyEnvelope("AWS API Call via CloudTrail", CloudTrailRecord.Parse(RichRecord), [CloudTrailRecord.Parse(RichRecord)]);

        string written = JsonSerializer.Serialize(envelope, UserJsonContext.Default.MyEnvelope);
        MyEnvelope? again = JsonSerializer.Deserialize(written, UserJsonContext.Default.MyEnvelope);

        again!.Detail.Should().Be(envelope.Detail);
        again.Records.Should().Equal(envelope.Records);
        JsonSerializer.Serialize(again.Detail, CloudTrailJsonContext.Default.CloudTrailRecord)
            .Should().Be(JsonSerializer.Serialize(envelope.Detail, CloudTrailJsonContext.Default.CloudTrailRecord), "the user's context writes the record as the library's does");
    }

    [Fact]
    public void Serialize_EveryModelTypeAsAProperty_RoundTripsEqual()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse(RichRecord);
        UserIdentity identity = record.UserIdentity!;
        InsightContext context = record.InsightDetails!.InsightContext!;
        var value = new EveryModelType
        {
            Record = record,
            UserIdentity = identity,
            SessionContext = identity.SessionContext,
            SessionIssuer = identity.SessionContext!.SessionIssuer,
            WebIdFederationData = identity.SessionContext.WebIdFederationData,
            SessionAttributes = identity.SessionContext.Attributes,
            OnBehalfOf = identity.OnBehalfOf,
            InScopeOf = identity.InScopeOf,
            InvokedByDelegate = identity.InvokedByDelegate,
            InsightDetails = record.InsightDetails,
            InsightContext = context,
            InsightStatistics = context.Statistics,
            InsightAverage = context.Statistics!.Baseline,
            InsightAttribution = context.Attributions![0],
            InsightAttributionValue = context.Attributions[0].Insight![0],
            Resource = record.Resources![0],
            TlsDetails = record.TlsDetails,
            Addendum = record.Addendum,
            EdgeDeviceDetails = record.EdgeDeviceDetails,
            EventContext = record.EventContext,
            Raw = record.RequestParameters,
            EventVersion = record.EventVersion,
            EventType = record.EventType!.Value,
            EventCategory = record.EventCategory,
            IdentityType = identity.Type!.Value,
            InsightType = record.InsightDetails!.InsightType,
            AddendumReason = record.Addendum!.Reason,
        };

        string written = JsonSerializer.Serialize(value, UserJsonContext.Default.EveryModelType);
        EveryModelType again = JsonSerializer.Deserialize(written, UserJsonContext.Default.EveryModelType)!;

        again.Should().BeEquivalentTo(value, o => o.ComparingByValue<CloudTrailRecord>().ComparingRecordsByValue().ComparingByValue<RawJson>());
        again.Record.Should().Be(record);
        JsonSerializer.Serialize(again, UserJsonContext.Default.EveryModelType).Should().Be(written);
        typeof(EveryModelType).GetProperties().Select(p => p.GetValue(value)).Should().NotContainNulls("every model type is exercised");
    }

    [Fact]
    public void UserContext_NeedsNoCombinedResolver()
    {
        JsonSerializerOptions options = UserJsonContext.Default.Options;

        options.TypeInfoResolver.Should().BeSameAs(UserJsonContext.Default);
        options.TypeInfoResolverChain.Should().ContainSingle();
        options.GetTypeInfo(typeof(CloudTrailRecord)).Should().BeAssignableTo<JsonTypeInfo<CloudTrailRecord>>();
    }

    [Fact]
    public void Deserialize_UserEnvelopeWithNonRecordDetail_ThrowsNotCloudTrail() =>
        Assert.Throws<CloudTrailParseException>(() => JsonSerializer.Deserialize("""{"detail":{"Records":[]}}""", UserJsonContext.Default.MyEnvelope))
            .ErrorCode.Should().Be(CloudTrailErrorCode.NotCloudTrail);
}
