using System.Text;
using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests.Notifications;

/// <summary>
/// <see cref="CloudTrailNotifications.ReadObjectReferences(ReadOnlySpan{byte})"/> on every delivery shape, built from the
/// shapes in AWS's documentation (CloudTrail SNS notifications, SNS message format, SQS and SNS Lambda events, S3 event
/// notification structure, S3 EventBridge event structure).
/// </summary>
public sealed class CloudTrailNotificationsTests
{
    private const string Bucket = "amzn-s3-demo-bucket";
    private const string Key1 = "AWSLogs/111122223333/CloudTrail/us-east-2/2024/03/01/111122223333_CloudTrail_us-east-2_20240301T1045Z_kpaMYavMQA9Ahp7L.json.gz";
    private const string Key2 = "AWSLogs/111122223333/CloudTrail/us-east-2/2024/03/01/111122223333_CloudTrail_us-east-2_20240301T1050Z_zqDkyQv3TK8ZdLr0.json.gz";

    private static readonly CloudTrailObjectReference Ref1 = new(Bucket, Key1);
    private static readonly CloudTrailObjectReference Ref2 = new(Bucket, Key2);

    private static readonly string CloudTrailMessage = $$"""{"s3Bucket":"{{Bucket}}","s3ObjectKey":["{{Key1}}","{{Key2}}"]}""";

    [Fact]
    public void ReadObjectReferences_CloudTrailNotificationList_YieldsEveryKeyInOrder() =>
        Read(CloudTrailMessage).Should().Equal(Ref1, Ref2);

    [Fact]
    public void ReadObjectReferences_CloudTrailNotificationSingleString_YieldsTheKey() =>
        Read($$"""{"s3Bucket":"{{Bucket}}","s3ObjectKey":"{{Key1}}"}""").Should().Equal(Ref1);

    [Fact]
    public void ReadObjectReferences_CloudTrailNotificationKeys_AreNotUrlDecoded() =>
        Read($$"""{"s3ObjectKey":["logs+a/AWSLogs/x%41.json.gz"],"s3Bucket":"{{Bucket}}"}""")
            .Should().Equal(new CloudTrailObjectReference(Bucket, "logs+a/AWSLogs/x%41.json.gz"));

    [Fact]
    public void ReadObjectReferences_SnsEnvelope_ReadsTheMessageString() =>
        Read(SnsEnvelope(CloudTrailMessage)).Should().Equal(Ref1, Ref2);

    [Fact]
    public void ReadObjectReferences_SqsLambdaEventOfSnsEnvelopes_ReadsEveryBodyInOrder()
    {
        string single = $$"""{"s3Bucket":"{{Bucket}}","s3ObjectKey":["{{Key2}}"]}""";
        string json = SqsEvent(SnsEnvelope(CloudTrailMessage), SnsEnvelope(single), "CloudTrail validation message.");

        Read(json).Should().Equal(Ref1, Ref2, Ref2);
    }

    [Fact]
    public void ReadObjectReferences_SnsLambdaEvent_ReadsEveryMessage()
    {
        string json = $$$"""
            {"Records":[{"EventVersion":"1.0","EventSubscriptionArn":"arn:aws:sns:us-east-2:111122223333:ct-topic:1b2c","EventSource":"aws:sns",
              "Sns":{"SignatureVersion":"1","Timestamp":"2024-03-01T10:50:09.000Z","Signature":"EXAMPLE","SigningCertUrl":"https://sns.us-east-2.amazonaws.com/x.pem",
                     "MessageId":"95df01b4-ee98-5cb9-9903-4c221d41eb5e","Message":{{{JsonSerializer.Serialize(CloudTrailMessage)}}},"MessageAttributes":{},
                     "Type":"Notification","UnsubscribeUrl":"https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe","TopicArn":"arn:aws:sns:us-east-2:111122223333:ct-topic","Subject":null}}]}
            """;

        Read(json).Should().Equal(Ref1, Ref2);
    }

    [Fact]
    public void ReadObjectReferences_S3EventNotification_YieldsDecodedKeysOfCreatedObjects()
    {
        string json = $$"""
            {"Records":[
              {{S3Record("ObjectCreated:Put", "AWSLogs/111122223333/CloudTrail/my+prefix%3Aone/a.json.gz")}},
              {{S3Record("ObjectRemoved:Delete", "AWSLogs/removed.json.gz")}},
              {{S3Record("ObjectCreated:CompleteMultipartUpload", "caf%C3%A9.json.gz")}}]}
            """;

        Read(json).Should().Equal(
            new CloudTrailObjectReference(Bucket, "AWSLogs/111122223333/CloudTrail/my prefix:one/a.json.gz"),
            new CloudTrailObjectReference(Bucket, "café.json.gz"));
    }

    [Fact]
    public void ReadObjectReferences_S3EventInSnsInSqsEvent_ReadsThroughEveryLayer()
    {
        string s3Event = $$"""{"Records":[{{S3Record("ObjectCreated:Put", Key1)}}]}""";

        Read(SqsEvent(SnsEnvelope(s3Event), s3Event)).Should().Equal(Ref1, Ref1);
    }

    [Fact]
    public void ReadObjectReferences_EventBridgeObjectCreated_YieldsTheDecodedKey()
    {
        string json = $$$"""
            {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3","account":"111122223333",
             "time":"2024-03-01T10:50:00Z","region":"us-east-2","resources":["arn:aws:s3:::{{{Bucket}}}"],
             "detail":{"version":"0","bucket":{"name":"{{{Bucket}}}"},"object":{"key":"AWSLogs/a+b.json.gz","size":5,"etag":"b1946ac92492d2347c6235b4d2611184","sequencer":"00617F08299329D189"},
                       "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","source-ip-address":"1.2.3.4","reason":"PutObject"}}
            """;

        Read(json).Should().Equal(new CloudTrailObjectReference(Bucket, "AWSLogs/a b.json.gz"));
    }

    [Fact]
    public void ReadObjectReferences_EventBridgeEventAsSqsBody_YieldsTheKey()
    {
        string objectCreated = """{"version":"0","detail-type":"Object Created","source":"aws.s3","detail":""" + BucketAndKey(Key1) + "}";

        Read(SqsEvent(objectCreated)).Should().Equal(Ref1);
    }

    [Fact]
    public void ReadObjectReferences_SnsLambdaRecordWithoutType_ReadsItsMessage()
    {
        string json = """{"Records":[{"EventSource":"aws:sns","Sns":{"Message":""" + JsonSerializer.Serialize(CloudTrailMessage) + "} } ]}";

        Read(json).Should().Equal(Ref1, Ref2);
    }

    [Fact]
    public void ReadObjectReferences_S3RecordWithoutEventName_YieldsItsObject() =>
        Read("""{"Records":[{"s3":""" + BucketAndKey(Key1) + "}]}").Should().Equal(Ref1);

    [Fact]
    public void ReadObjectReferences_S3RecordWithoutKey_ThrowsWithItsIndex()
    {
        string json = """{"Records":[""" + S3Record("ObjectCreated:Put", Key1) + """,{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"} } }]}""";

        CloudTrailParseException e = Assert.Throws<CloudTrailParseException>(() => Read(json));

        e.ErrorCode.Should().Be(CloudTrailErrorCode.NotANotification);
        e.RecordIndex.Should().Be(1);
        e.BytePosition.Should().Be(json.LastIndexOf("{\"eventSource\":\"aws:s3\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadObjectReferences_EventBridgeObjectDeleted_YieldsNothing() =>
        Read($$$"""{"detail-type":"Object Deleted","source":"aws.s3","detail":{"bucket":{"name":"{{{Bucket}}}"},"object":{"key":"k"},"deletion-type":"Permanently Deleted"}}""")
            .Should().BeEmpty();

    [Theory]
    [InlineData("CloudTrail validation message.")]
    [InlineData("  CloudTrail validation message.\n")]
    public void ReadObjectReferences_RawValidationMessage_YieldsNothing(string text) => Read(text).Should().BeEmpty();

    [Fact]
    public void ReadObjectReferences_ValidationMessageInSnsEnvelope_YieldsNothing() =>
        Read(SnsEnvelope("CloudTrail validation message.")).Should().BeEmpty();

    [Fact]
    public void ReadObjectReferences_SubscriptionConfirmation_YieldsNothing() =>
        Read("""{"Type":"SubscriptionConfirmation","MessageId":"165545c9","Token":"2336412f37","TopicArn":"arn:aws:sns:us-west-2:123456789012:MyTopic","Message":"You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\nTo confirm the subscription, visit the SubscribeURL included in this message.","SubscribeURL":"https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription","Timestamp":"2012-04-26T20:45:04.751Z"}""")
            .Should().BeEmpty();

    [Fact]
    public void ReadObjectReferences_S3TestEvent_YieldsNothingDirectAndInSns()
    {
        string test = $$"""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2024-03-01T10:50:00.000Z","Bucket":"{{Bucket}}","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}""";

        Read(test).Should().BeEmpty();
        Read(SnsEnvelope(test)).Should().BeEmpty();
        Read(SqsEvent(test)).Should().BeEmpty();
    }

    [Fact]
    public void ReadObjectReferences_StringAndSpanOverloads_Agree() =>
        CloudTrailNotifications.ReadObjectReferences(SnsEnvelope(CloudTrailMessage))
            .Should().Equal(CloudTrailNotifications.ReadObjectReferences(Encoding.UTF8.GetBytes(SnsEnvelope(CloudTrailMessage))));

    [SkippableFact]
    public void ReadObjectReferences_DocsCorpusNotifications_YieldTheirKeys()
    {
        string dir = Path.Combine(Corpus.Require(), "docs");

        Read(File.ReadAllText(Path.Combine(dir, "sns-notification-message-multiple-log-files.json"))).Should().HaveCount(3)
            .And.OnlyContain(r => r.Bucket == "your-bucket-name" && r.Key.StartsWith("AWSLogs/123456789012/CloudTrail/us-east-2/2016/08/11/", StringComparison.Ordinal));
        Read(File.ReadAllText(Path.Combine(dir, "sns-notification-message-single-log-file.json"))).Should().ContainSingle()
            .Which.Key.Should().EndWith("_LnPgDQnpkSKEsppV.json.gz");
    }

    [Theory]
    [InlineData("""{"Records":[{"eventVersion":"1.08","eventTime":"2024-03-01T10:00:00Z","eventName":"CreateBucket"}]}""", 12L, "a CloudTrail log file")]
    [InlineData("""{"eventVersion":"1.08","eventName":"CreateBucket"}""", 0L, "a CloudTrail record")]
    [InlineData("""{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","detail":{"eventName":"x"}}""", 0L, "carries a CloudTrail record")]
    [InlineData("""{"version":"0","detail-type":"Scheduled Event","source":"aws.events","detail":{}}""", 0L, "not an object event from Amazon S3")]
    [InlineData("""{"awslogs":{"data":"H4sI"}}""", 0L, "CloudWatch Logs data")]
    [InlineData("""{}""", 0L, "no notification shape")]
    [InlineData("""{"s3Bucket":"b"}""", 0L, "without its s3Bucket or its s3ObjectKey")]
    [InlineData("""{"s3Bucket":"b","s3ObjectKey":7}""", 30L, "neither a string nor a list")]
    [InlineData("""{"Type":"Notification","Message":"{\"unknown\":1}"}""", 33L, "A message carried in the input")]
    [InlineData("""{"Type":"Notification"}""", 0L, "without its Message")]
    [InlineData("""[1,2]""", 0L, "not a JSON object")]
    [InlineData("""Hello, world""", 0L, "not a JSON object")]
    public void ReadObjectReferences_NotANotification_ThrowsWithCodeAndOffset(string json, long offset, string what)
    {
        CloudTrailParseException e = Assert.Throws<CloudTrailParseException>(() => Read(json));

        e.ErrorCode.Should().Be(CloudTrailErrorCode.NotANotification);
        e.BytePosition.Should().Be(offset);
        e.Message.Should().Contain(what);
    }

    [Fact]
    public void ReadObjectReferences_BadBodyInSqsEvent_ReportsItsRecordIndexAndNeverItsValues()
    {
        string json = SqsEvent(SnsEnvelope(CloudTrailMessage), """{"secret-member":"arn:aws:iam::111122223333:user/Alice"}""");

        CloudTrailParseException e = Assert.Throws<CloudTrailParseException>(() => Read(json));

        e.ErrorCode.Should().Be(CloudTrailErrorCode.NotANotification);
        e.RecordIndex.Should().Be(1);
        e.BytePosition.Should().Be(json.LastIndexOf("\"body\":", StringComparison.Ordinal) + "\"body\":".Length, "the offset is that of the bad body's string");
        e.Message.Should().NotContain("Alice").And.NotContain("secret");
    }

    [Theory]
    [InlineData("", CloudTrailErrorCode.EmptyInput)]
    [InlineData(" \r\n", CloudTrailErrorCode.EmptyInput)]
    [InlineData("""{"s3Bucket":"b","s3ObjectKey":["k"]""", CloudTrailErrorCode.InvalidJson)]
    [InlineData("""{"s3Bucket":"b","s3ObjectKey":["k"]} {}""", CloudTrailErrorCode.InvalidJson)]
    [InlineData("""{"Type":"Notification","Message":"{\"s3Bucket\":"}""", CloudTrailErrorCode.InvalidJson)]
    public void ReadObjectReferences_BrokenInput_ThrowsTypedError(string json, CloudTrailErrorCode code) =>
        Assert.Throws<CloudTrailParseException>(() => Read(json)).ErrorCode.Should().Be(code);

    [Fact]
    public void ReadObjectReferences_InvalidUtf8InKey_ThrowsInvalidJson()
    {
        byte[] json = [.. "{\"s3Bucket\":\"b\",\"s3ObjectKey\":[\""u8, 0xC3, 0x28, .. "\"]}"u8];

        Assert.Throws<CloudTrailParseException>(() => CloudTrailNotifications.ReadObjectReferences(json)).ErrorCode.Should().Be(CloudTrailErrorCode.InvalidJson);
    }

    [Fact]
    public void ReadObjectReferences_DeeplyNestedMessages_StopWithAnError()
    {
        string json = CloudTrailMessage;
        for (int i = 0; i < 8; i++)
        {
            json = SnsEnvelope(json);
        }

        Assert.Throws<CloudTrailParseException>(() => Read(json)).ErrorCode.Should().Be(CloudTrailErrorCode.NotANotification);
    }

    [Fact]
    public void ReadObjectReferences_TruncatedAtEveryByte_ThrowsTypedErrorOrReadsAPrefixNever()
    {
        string json = SqsEvent(SnsEnvelope(CloudTrailMessage));
        for (int length = 0; length < json.Length; length++)
        {
            Action read = () => Read(json[..length]);
            read.Should().Throw<CloudTrailParseException>($"a notification cut at {length} bytes is incomplete");
        }
    }

    private static string BucketAndKey(string key) => """{"bucket":{"name":""" + JsonSerializer.Serialize(Bucket) + """},"object":{"key":""" + JsonSerializer.Serialize(key) + "} }";

    private static IReadOnlyList<CloudTrailObjectReference> Read(string json) => CloudTrailNotifications.ReadObjectReferences(Encoding.UTF8.GetBytes(json));

    private static string SnsEnvelope(string message) => $$"""
        {"Type":"Notification","MessageId":"22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324","TopicArn":"arn:aws:sns:us-east-2:111122223333:ct-topic",
         "Subject":"[AWS Notification Message]","Message":{{JsonSerializer.Serialize(message)}},"Timestamp":"2024-03-01T10:50:09.123Z","SignatureVersion":"1",
         "Signature":"EXAMPLEpH+..","SigningCertURL":"https://sns.us-east-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
         "UnsubscribeURL":"https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-2:111122223333:ct-topic:1b2c"}
        """;

    private static string SqsEvent(params string[] bodies) =>
        "{\"Records\":[" + string.Join(",", bodies.Select((body, i) => $$"""
            {"messageId":"059f36b4-87a3-44ab-83d2-66197561820{{i}}","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a","body":{{JsonSerializer.Serialize(body)}},
             "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183"},"messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3",
             "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-2:111122223333:my-queue","awsRegion":"us-east-2"}
            """)) + "]}";

    private static string S3Record(string eventName, string key) => $$$"""
        {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-2","eventTime":"2024-03-01T10:50:00.000Z","eventName":"{{{eventName}}}",
         "userIdentity":{"principalId":"AWS:AIDAINPONIXQXHT3IKHL2"},"requestParameters":{"sourceIPAddress":"205.255.255.255"},
         "responseElements":{"x-amz-request-id":"D82B88E5F771F645","x-amz-id-2":"vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo="},
         "s3":{"s3SchemaVersion":"1.0","configurationId":"828aa6fc-f7b5-4305-8584-487c791949c1","bucket":{"name":"{{{Bucket}}}","ownerIdentity":{"principalId":"A3I5XTEXAMAI3E"},"arn":"arn:aws:s3:::{{{Bucket}}}"},
               "object":{"key":"{{{key}}}","size":1305107,"eTag":"b21b84d653bb07b05b1e6b33684dc11b","sequencer":"0C0F6F405D6ED209E1"} } }
        """;
}
