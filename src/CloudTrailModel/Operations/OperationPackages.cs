using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace CloudTrailModel.Operations;

/// <summary>
/// Loads the operation package of an event source the first time a record of it is looked up, so a package the
/// application references registers its operations even when none of its types was named yet (an assembly loads, and
/// its module initializer runs, only when first used). A package that is not referenced is tried once and skipped.
/// </summary>
internal static class OperationPackages
{
    // One load per event source; a caller that comes while another thread loads waits for it, so no lookup misses a package.
    private static readonly ConcurrentDictionary<string, Lazy<bool>> Loads = new(StringComparer.Ordinal);

    // eventSource -> package assembly name; the packages' own names, as their projects under src/ are called.
    private static readonly Dictionary<string, string> ByEventSource = new(StringComparer.Ordinal)
    {
        ["cloudtrail.amazonaws.com"] = "CloudTrailModel.Operations.CloudTrail",
        ["ec2.amazonaws.com"] = "CloudTrailModel.Operations.EC2",
        ["iam.amazonaws.com"] = "CloudTrailModel.Operations.IdentityManagement",
        ["kms.amazonaws.com"] = "CloudTrailModel.Operations.KeyManagementService",
        ["lambda.amazonaws.com"] = "CloudTrailModel.Operations.Lambda",
        ["migrationhub-orchestrator.amazonaws.com"] = "CloudTrailModel.Operations.MigrationHubOrchestrator",
        ["organizations.amazonaws.com"] = "CloudTrailModel.Operations.Organizations",
        ["rds.amazonaws.com"] = "CloudTrailModel.Operations.RDS",
        ["s3.amazonaws.com"] = "CloudTrailModel.Operations.S3",
        ["secretsmanager.amazonaws.com"] = "CloudTrailModel.Operations.SecretsManager",
        ["sts.amazonaws.com"] = "CloudTrailModel.Operations.SecurityToken",
        ["signin.amazonaws.com"] = "CloudTrailModel.Operations.SignIn",
        ["ssm.amazonaws.com"] = "CloudTrailModel.Operations.SimpleSystemsManagement",
    };

    /// <summary>Loads the package of <paramref name="eventSource"/> once; true when it is loaded (by this call or an earlier one).</summary>
    public static bool TryLoad(string eventSource) =>
        ByEventSource.TryGetValue(eventSource, out string? name)
        && Loads.GetOrAdd(eventSource, static (_, n) => new Lazy<bool>(() => Load(n), LazyThreadSafetyMode.ExecutionAndPublication), name).Value;

    private static bool Load(string name)
    {
        try
        {
            Assembly assembly = Assembly.Load(new AssemblyName(name));
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
