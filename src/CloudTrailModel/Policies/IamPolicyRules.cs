using System.Net;

namespace CloudTrailModel.Policies;

/// <summary>The rules behind the statement checks: which conditions restrict the caller, and which principals are accounts.</summary>
internal static class IamPolicyRules
{
    private static readonly HashSet<string> RestrictingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:SourceAccount", "aws:SourceOwner", "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOrgID",
        "aws:SourceOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
        "aws:userid", "kms:CallerAccount", "s3:DataAccessPointAccount", "s3:DataAccessPointArn", "aws:SourceIp",
    };

    public static bool Restricts(IamPolicyCondition condition)
    {
        foreach (IamPolicyConditionEntry entry in condition.Entries)
        {
            if (RestrictingKeys.Contains(entry.Key) && IsPositive(entry.Operator) && entry.Values.Count > 0 && AllFixed(entry))
            {
                return true;
            }
        }

        return false;
    }

    public static void AddAccounts(IamPolicyValues? principals, string owner, List<string> accounts)
    {
        if (principals is null)
        {
            return;
        }

        foreach (string principal in principals)
        {
            if (AccountOf(principal) is { } account && account != owner && !accounts.Contains(account))
            {
                accounts.Add(account);
            }
        }
    }

    // A principal is an account ID, or an ARN whose fifth field is the account (arn:partition:iam::account:...).
    private static string? AccountOf(string principal)
    {
        if (IsAccountId(principal))
        {
            return principal;
        }

        string[] parts = principal.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && IsAccountId(parts[4]) ? parts[4] : null;
    }

    private static bool IsAccountId(string text) => text.Length == 12 && text.All(char.IsAsciiDigit);

    private static bool IsPositive(string op) =>
        !op.Contains("Not", StringComparison.OrdinalIgnoreCase)
        && !op.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase)
        && !op.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase)
        && !op.Equals("Null", StringComparison.OrdinalIgnoreCase);

    private static bool AllFixed(IamPolicyConditionEntry entry)
    {
        bool isIp = entry.Key.Equals("aws:SourceIp", StringComparison.OrdinalIgnoreCase);
        foreach (string value in entry.Values)
        {
            if (value.Length == 0 || value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal) || (isIp && !IsNarrowRange(value)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNarrowRange(string cidr)
    {
        if (IPNetwork.TryParse(cidr, out IPNetwork network))
        {
            return network.PrefixLength >= (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 32 : 8);
        }

        return IPAddress.TryParse(cidr, out _);
    }
}
