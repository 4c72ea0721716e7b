using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CloudTrailModel.Operations;

namespace CloudTrailModel;

public sealed partial record CloudTrailRecord
{
    /// <summary>
    /// Gets the typed request parameters when this record is a call of <typeparamref name="T"/>'s operation
    /// (its <see cref="EventSource"/> and <see cref="EventName"/> match); never throws for a mismatch or odd data.
    /// </summary>
    /// <typeparam name="T">A request-parameters type from <c>CloudTrailModel.Operations.*</c>.</typeparam>
    /// <param name="parameters">The typed parameters, when the record is a call of that operation.</param>
    /// <returns><see langword="true"/> when the record is a call of <typeparamref name="T"/>'s operation and its parameters could be read.</returns>
    public bool TryGetRequestParameters<T>([NotNullWhen(true)] out T? parameters)
    {
        EnsureRegistered(typeof(T));
        if (OperationRegistry.TryGetRequest(this, typeof(T), out object? value) && value is T typed)
        {
            parameters = typed;
            return true;
        }

        parameters = default;
        return false;
    }

    /// <summary>Gets the typed response elements when this record is a call of <typeparamref name="T"/>'s operation; never throws.</summary>
    /// <typeparam name="T">A response-elements type from <c>CloudTrailModel.Operations.*</c>.</typeparam>
    /// <param name="responseElements">The typed response elements, when the record is a call of that operation.</param>
    /// <returns><see langword="true"/> when the record is a call of <typeparamref name="T"/>'s operation and its response could be read.</returns>
    public bool TryGetResponseElements<T>([NotNullWhen(true)] out T? responseElements)
    {
        EnsureRegistered(typeof(T));
        if (OperationRegistry.TryGetResponse(this, typeof(T), out object? value) && value is T typed)
        {
            responseElements = typed;
            return true;
        }

        responseElements = default;
        return false;
    }

    /// <summary>
    /// Gets the typed additional event data when this record is a call of <typeparamref name="T"/>'s operation (sign-in
    /// events: <c>ConsoleLogin</c>, <c>CheckMfa</c>, <c>SwitchRole</c>, ...); never throws for a mismatch or odd data.
    /// </summary>
    /// <typeparam name="T">An additional-event-data type from <c>CloudTrailModel.Operations.*</c>, e.g. <c>ConsoleLoginAdditionalEventData</c>.</typeparam>
    /// <param name="additionalEventData">The typed additional event data, when the record is a call of that operation.</param>
    /// <returns><see langword="true"/> when the record is a call of <typeparamref name="T"/>'s operation and its additional event data could be read.</returns>
    public bool TryGetAdditionalEventData<T>([NotNullWhen(true)] out T? additionalEventData)
    {
        EnsureRegistered(typeof(T));
        if (OperationRegistry.TryGetAdditionalEventData(this, typeof(T), out object? value) && value is T typed)
        {
            additionalEventData = typed;
            return true;
        }

        additionalEventData = default;
        return false;
    }

    /// <summary>Gets the typed request parameters of whatever registered operation this record is a call of, or null.</summary>
    /// <returns>The typed parameters, or null when the operation is not registered or its parameters could not be read.</returns>
    public object? GetRequestParameters() => OperationRegistry.TryGetRequest(this, null, out object? value) ? value : null;

    /// <summary>Gets the typed response elements of whatever registered operation this record is a call of, or null.</summary>
    /// <returns>The typed response elements, or null when the operation is not registered or its response could not be read.</returns>
    public object? GetResponseElements() => OperationRegistry.TryGetResponse(this, null, out object? value) ? value : null;

    /// <summary>Gets the typed additional event data of whatever registered operation this record is a call of, or null.</summary>
    /// <returns>The typed additional event data, or null when the operation has no model of it, is not registered, or the data could not be read.</returns>
    public object? GetAdditionalEventData() => OperationRegistry.TryGetAdditionalEventData(this, null, out object? value) ? value : null;

    /// <summary>
    /// Gets the resources this call acted on (the user, role, bucket, instances, key, secret, ...), as the operation's
    /// target rules find them in <see cref="RequestParameters"/> and <see cref="ResponseElements"/>; empty when the
    /// operation's package is not loaded or the record names none.
    /// </summary>
    /// <returns>The targets in rule order; a value found by two rules is listed once per rule.</returns>
    public IReadOnlyList<CloudTrailTarget> GetTargets()
    {
        if (OperationRegistry.Find(this) is not { Targets.Count: > 0 } registration)
        {
            return [];
        }

        var targets = new List<CloudTrailTarget>();
        using JsonDocument? request = ParseObject(RequestParameters);
        using JsonDocument? response = ParseObject(ResponseElements);
        foreach (TargetRule rule in registration.Targets)
        {
            if ((rule.Response ? response : request) is { } document)
            {
                rule.Collect(document.RootElement, targets);
            }
        }

        return targets;
    }

    private static JsonDocument? ParseObject(RawJson? raw) =>
        raw is { ValueKind: JsonValueKind.Object } ? JsonDocument.Parse(raw.Utf8) : null;

    // Naming a type of an operation package loads that package; running its module initializer registers its operations
    // even when nothing else from it ran yet.
    private static void EnsureRegistered(Type type)
    {
        if (OperationRegistry.Find(type) is null)
        {
            RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
        }
    }
}
