// One record, one operation: the binary with a package minus the binary without it is what that package adds.
using CloudTrailModel;

#if PACKAGE_SecurityToken
const string Json = """{"eventVersion":"1.08","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/r","roleSessionName":"s"}}""";
#elif PACKAGE_IdentityManagement
const string Json = """{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","requestParameters":{"userName":"alice"}}""";
#elif PACKAGE_S3
const string Json = """{"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","requestParameters":{"bucketName":"b","policy":"{}"}}""";
#elif PACKAGE_SignIn
const string Json = """{"eventVersion":"1.08","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"}}""";
#elif PACKAGE_EC2
const string Json = """{"eventVersion":"1.08","eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress","requestParameters":{"groupId":"sg-1"}}""";
#else
const string Json = """{"eventVersion":"1.08","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/r","roleSessionName":"s"}}""";
#endif

CloudTrailRecord record = CloudTrailRecord.Parse(Json);
#if PACKAGE_SecurityToken
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.SecurityToken.AssumeRoleRequestParameters? p) ? p.RoleArn : "untyped");
#elif PACKAGE_IdentityManagement
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.IdentityManagement.CreateAccessKeyRequestParameters? p) ? p.UserName : "untyped");
#elif PACKAGE_S3
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.S3.PutBucketPolicyRequestParameters? p) ? p.Bucket : "untyped");
#elif PACKAGE_SignIn
Console.WriteLine(record.TryGetResponseElements(out CloudTrailModel.Operations.SignIn.ConsoleLoginResponseElements? p) ? p.ConsoleLogin : "untyped");
#elif PACKAGE_EC2
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.EC2.AuthorizeSecurityGroupIngressRequestParameters? p) ? p.GroupId : "untyped");
#else
Console.WriteLine(record.EventName);
#endif
