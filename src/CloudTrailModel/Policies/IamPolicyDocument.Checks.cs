namespace CloudTrailModel.Policies;

public sealed partial class IamPolicyDocument
{
    /// <summary>Gets a value indicating whether some statement grants access to anyone (<see cref="IamPolicyStatement.IsPublic"/>: <c>Allow</c>, principal <c>*</c>, <c>{"AWS":"*"}</c> or a <c>NotPrincipal</c>, no restricting condition).</summary>
    public bool IsPublic => Statements.Any(s => s.IsPublic);

    /// <summary>Gets a value indicating whether some <c>Allow</c> statement grants <c>*</c> or <c>service:*</c> actions, or uses <c>NotAction</c> (<see cref="IamPolicyStatement.HasWildcardAction"/>).</summary>
    public bool HasWildcardAction => Statements.Any(s => s.HasWildcardAction);

    /// <summary>Gets a value indicating whether some <c>Allow</c> statement applies to resource <c>*</c>, or uses <c>NotResource</c> (<see cref="IamPolicyStatement.HasWildcardResource"/>).</summary>
    public bool HasWildcardResource => Statements.Any(s => s.HasWildcardResource);

    /// <summary>
    /// Gets a value indicating whether the document grants what the AWS managed policy <c>AdministratorAccess</c> grants:
    /// some statement has <see cref="IamPolicyStatement.GrantsFullAccess"/> (<c>Allow</c> <c>*</c> on <c>*</c>, unconditioned)
    /// and no statement has effect <c>Deny</c> (a deny may take some of it back; this check does not evaluate how much).
    /// </summary>
    public bool IsEquivalentToAdministratorAccess =>
        Statements.Any(s => s.GrantsFullAccess) && !Statements.Any(s => s.Effect == IamPolicyEffect.Deny);

    /// <summary>
    /// Gets the 12-digit account IDs, other than <paramref name="ownerAccountId"/>, that <c>Allow</c> statements name as principals
    /// (<see cref="IamPolicyStatement.GetOtherAccountIds"/>): cross-account access. A public principal (<c>*</c>) is not listed here (see <see cref="IsPublic"/>).
    /// </summary>
    /// <param name="ownerAccountId">The account that owns the policy (for example the record's <c>recipientAccountId</c>).</param>
    /// <returns>The other accounts, each once, in document order.</returns>
    public IReadOnlyList<string> GetOtherAccountIds(string ownerAccountId)
    {
        ArgumentNullException.ThrowIfNull(ownerAccountId);
        var accounts = new List<string>();
        foreach (IamPolicyStatement statement in Statements)
        {
            foreach (string account in statement.GetOtherAccountIds(ownerAccountId))
            {
                if (!accounts.Contains(account))
                {
                    accounts.Add(account);
                }
            }
        }

        return accounts;
    }
}
