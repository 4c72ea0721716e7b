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
#elif PACKAGE_RDS
const string Json = """{"eventVersion":"1.08","eventSource":"rds.amazonaws.com","eventName":"CreateDBInstance","requestParameters":{"dBInstanceIdentifier":"db1"}}""";
#elif PACKAGE_SimpleSystemsManagement
const string Json = """{"eventVersion":"1.08","eventSource":"ssm.amazonaws.com","eventName":"GetParameter","requestParameters":{"name":"/p"}}""";
#elif PACKAGE_Lambda
const string Json = """{"eventVersion":"1.08","eventSource":"lambda.amazonaws.com","eventName":"CreateFunction20150331","requestParameters":{"functionName":"f"}}""";
#elif PACKAGE_CloudTrail
const string Json = """{"eventVersion":"1.08","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","requestParameters":{"name":"t"}}""";
#elif PACKAGE_KeyManagementService
const string Json = """{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"ScheduleKeyDeletion","requestParameters":{"keyId":"k"}}""";
#elif PACKAGE_Organizations
const string Json = """{"eventVersion":"1.08","eventSource":"organizations.amazonaws.com","eventName":"CreateAccount","requestParameters":{"accountName":"a","email":"e"}}""";
#elif PACKAGE_SecretsManager
const string Json = """{"eventVersion":"1.08","eventSource":"secretsmanager.amazonaws.com","eventName":"GetSecretValue","requestParameters":{"secretId":"s"}}""";
#elif PACKAGE_MigrationHubOrchestrator
const string Json = """{"eventVersion":"1.08","eventSource":"migrationhub-orchestrator.amazonaws.com","eventName":"GetWorkflowStep","requestParameters":{"workflowId":"w","stepGroupId":"g","id":"i"}}""";
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
#elif PACKAGE_RDS
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.RDS.CreateDBInstanceRequestParameters? p) ? p.DBInstanceIdentifier : "untyped");
#elif PACKAGE_SimpleSystemsManagement
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.SimpleSystemsManagement.GetParameterRequestParameters? p) ? p.Name : "untyped");
#elif PACKAGE_Lambda
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.Lambda.CreateFunctionRequestParameters? p) ? p.FunctionName : "untyped");
#elif PACKAGE_CloudTrail
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.CloudTrail.StopLoggingRequestParameters? p) ? p.Name : "untyped");
#elif PACKAGE_KeyManagementService
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.KeyManagementService.ScheduleKeyDeletionRequestParameters? p) ? p.KeyId : "untyped");
#elif PACKAGE_Organizations
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.Organizations.CreateAccountRequestParameters? p) ? p.AccountName : "untyped");
#elif PACKAGE_SecretsManager
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.SecretsManager.GetSecretValueRequestParameters? p) ? p.SecretId : "untyped");
#elif PACKAGE_MigrationHubOrchestrator
Console.WriteLine(record.TryGetRequestParameters(out CloudTrailModel.Operations.MigrationHubOrchestrator.GetWorkflowStepRequestParameters? p) ? p.WorkflowId : "untyped");
#else
Console.WriteLine(record.EventName);
#endif
