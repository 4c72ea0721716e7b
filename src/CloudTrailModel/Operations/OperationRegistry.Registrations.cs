namespace CloudTrailModel.Operations;

internal static partial class OperationRegistry
{
    // Services with typed operations add their registrations here (generated code does, per service).
    private static partial IEnumerable<OperationRegistration> Registrations() => [];
}
