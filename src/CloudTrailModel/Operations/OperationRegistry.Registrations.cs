namespace CloudTrailModel.Operations;

internal static partial class OperationRegistry
{
    // Each service's registrations are generated (Operations/<Service>/OperationRegistry.<Service>.g.cs); add one line per service.
    private static partial IEnumerable<OperationRegistration> Registrations() =>
        MigrationHubOrchestratorOperations();
}
