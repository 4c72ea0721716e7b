using CloudTrailModel.Operations.EC2;
using CloudTrailModel.Operations.IdentityManagement;
using CloudTrailModel.Operations.Lambda;
using CloudTrailModel.Operations.S3;
using CloudTrailModel.Operations.SecurityToken;
using CloudTrailModel.Operations.SignIn;
using CloudTrailModel.Policies;

namespace CloudTrailModel.UserTypes;

/// <summary>
/// Operation types of several packages as properties of a user's type: tolerant members, a date, an enumeration, a
/// <see cref="Operations.SensitiveValue{T}"/>, an EC2 item set and sign-in additional event data.
/// </summary>
public sealed class OperationTypes
{
    public AssumeRoleRequestParameters? AssumeRole { get; set; }

    public AssumeRoleResponseElements? AssumeRoleResponse { get; set; }

    public CreateAccessKeyRequestParameters? CreateAccessKey { get; set; }

    public CreateAccessKeyResponseElements? CreateAccessKeyResponse { get; set; }

    public PutBucketPolicyRequestParameters? PutBucketPolicy { get; set; }

    public ConsoleLoginResponseElements? ConsoleLogin { get; set; }

    public ConsoleLoginAdditionalEventData? ConsoleLoginData { get; set; }

    public CreateFunctionRequestParameters? CreateFunction { get; set; }

    public AuthorizeSecurityGroupIngressRequestParameters? AuthorizeSecurityGroupIngress { get; set; }

    public IamPolicyEffect? Effect { get; set; }
}
