namespace CloudTrailModel.Policies;

public sealed partial class IamPolicyStatement
{
    /// <summary>Gets a value indicating whether <see cref="Effect"/> is <c>Allow</c>.</summary>
    public bool IsAllow => Effect == IamPolicyEffect.Allow;

    /// <summary>
    /// Gets a value indicating whether this statement names everyone as its principal: <see cref="Principal"/> is <c>"*"</c>
    /// or has an <c>AWS</c> value of <c>"*"</c>, or the statement uses <see cref="NotPrincipal"/> (everyone but those named).
    /// The effect and conditions are not considered here (see <see cref="IsPublic"/>).
    /// </summary>
    public bool HasPublicPrincipal => (Principal?.IsEveryone ?? false) || NotPrincipal is not null;

    /// <summary>
    /// Gets a value indicating whether a condition limits who the statement applies to, so a public principal is not
    /// public. True when some test uses a positive operator (not a <c>...Not...</c> operator, not <c>...IfExists</c>,
    /// not <c>ForAllValues:</c>, not <c>Null</c>) on one of these keys with only fixed values (no <c>*</c> or <c>?</c>):
    /// <c>aws:SourceAccount</c>, <c>aws:SourceOwner</c>, <c>aws:SourceArn</c>, <c>aws:SourceVpc</c>, <c>aws:SourceVpce</c>,
    /// <c>aws:SourceOrgID</c>, <c>aws:SourceOrgPaths</c>, <c>aws:PrincipalAccount</c>, <c>aws:PrincipalArn</c>,
    /// <c>aws:PrincipalOrgID</c>, <c>aws:PrincipalOrgPaths</c>, <c>aws:userid</c>, <c>kms:CallerAccount</c>,
    /// <c>s3:DataAccessPointAccount</c>, <c>s3:DataAccessPointArn</c>, or <c>aws:SourceIp</c> with ranges no wider than
    /// <c>/8</c> (IPv4) or <c>/32</c> (IPv6), as S3 judges a bucket policy public or not. Other keys (for example
    /// <c>sts:ExternalId</c>, <c>aws:SecureTransport</c>) do not restrict the caller.
    /// </summary>
    public bool IsRestrictedByCondition => Condition is { } condition && IamPolicyRules.Restricts(condition);

    /// <summary>
    /// Gets a value indicating whether this statement grants access to anyone: an <c>Allow</c> statement with
    /// <see cref="HasPublicPrincipal"/> and not <see cref="IsRestrictedByCondition"/>.
    /// </summary>
    public bool IsPublic => IsAllow && HasPublicPrincipal && !IsRestrictedByCondition;

    /// <summary>
    /// Gets a value indicating whether this <c>Allow</c> statement grants whole services or everything: an
    /// <see cref="Action"/> of <c>*</c> or <c>service:*</c> (any value ending in <c>:*</c>, e.g. <c>s3:*</c>, <c>*:*</c>),
    /// or a <see cref="NotAction"/> (every action but those named). Partial wildcards such as <c>iam:Put*</c> are not counted.
    /// </summary>
    public bool HasWildcardAction =>
        IsAllow && (NotAction is not null || (Action is { } action && action.Any(IsWildcardAction)));

    /// <summary>
    /// Gets a value indicating whether this <c>Allow</c> statement applies to every resource: a <see cref="Resource"/>
    /// of <c>*</c>, or a <see cref="NotResource"/> (every resource but those named).
    /// </summary>
    public bool HasWildcardResource =>
        IsAllow && (NotResource is not null || (Resource?.Contains("*") ?? false));

    /// <summary>
    /// Gets a value indicating whether this statement alone grants what <c>AdministratorAccess</c> grants: <c>Allow</c>,
    /// an <see cref="Action"/> of <c>*</c> or <c>*:*</c>, a <see cref="Resource"/> of <c>*</c>, and no condition,
    /// <see cref="NotAction"/>, <see cref="NotResource"/> or <see cref="NotPrincipal"/>.
    /// </summary>
    public bool GrantsFullAccess =>
        IsAllow
        && Condition is null && NotAction is null && NotResource is null && NotPrincipal is null
        && Action is { } action && (action.Contains("*") || action.Contains("*:*"))
        && (Resource?.Contains("*") ?? false);

    /// <summary>
    /// Gets the 12-digit account IDs this <c>Allow</c> statement names as principals, other than <paramref name="ownerAccountId"/>:
    /// <c>AWS</c> principals given as an account ID or as an <c>iam</c>/<c>sts</c> ARN (<c>arn:aws:iam::111122223333:root</c>,
    /// <c>...:role/x</c>, <c>arn:aws:sts::111122223333:assumed-role/...</c>) and <c>Federated</c> identity-provider ARNs.
    /// <c>"*"</c>, services and canonical users are not accounts; a <c>Deny</c> statement names none.
    /// </summary>
    /// <param name="ownerAccountId">The account that owns the policy (for example the record's <c>recipientAccountId</c>).</param>
    /// <returns>The other accounts, each once, in document order.</returns>
    public IReadOnlyList<string> GetOtherAccountIds(string ownerAccountId)
    {
        ArgumentNullException.ThrowIfNull(ownerAccountId);
        var accounts = new List<string>();
        if (IsAllow && Principal is { } principal)
        {
            IamPolicyRules.AddAccounts(principal.Aws, ownerAccountId, accounts);
            IamPolicyRules.AddAccounts(principal.Federated, ownerAccountId, accounts);
        }

        return accounts;
    }

    private static bool IsWildcardAction(string action) => action == "*" || action.EndsWith(":*", StringComparison.Ordinal);
}
