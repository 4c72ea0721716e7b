using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailModel.Operations;

/// <summary>One operation whose request parameters (and response elements, additional event data) have typed models.</summary>
internal sealed record OperationRegistration(
    string EventSource,
    IReadOnlyList<string> EventNames,
    Type? RequestType,
    Func<ReadOnlyMemory<byte>, object?>? ReadRequest,
    Type? ResponseType,
    Func<ReadOnlyMemory<byte>, object?>? ReadResponse)
{
    /// <summary>Gets where the resources the call acted on are logged (see <see cref="TargetRule"/>).</summary>
    public IReadOnlyList<TargetRule> Targets { get; init; } = [];

    /// <summary>Gets the typed model of the record's <c>additionalEventData</c>, for operations that have one (sign-in).</summary>
    public Type? AdditionalEventDataType { get; init; }

    /// <summary>Gets the reader of <see cref="AdditionalEventDataType"/>.</summary>
    public Func<ReadOnlyMemory<byte>, object?>? ReadAdditionalEventData { get; init; }
}

/// <summary>
/// Typed request parameters and response elements, keyed by (eventSource, eventName) and by type. Operation packages add
/// theirs from a module initializer (<see cref="Register"/>), so referencing a package is enough.
/// </summary>
internal static class OperationRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<(string Source, string Name), OperationRegistration> ByEventBuilder = [];
    private static readonly Dictionary<Type, OperationRegistration> ByTypeBuilder = [];

    // Republished whole on every registration, so lookups need no lock.
    private static FrozenDictionary<(string Source, string Name), OperationRegistration> s_byEvent = FrozenDictionary<(string, string), OperationRegistration>.Empty;
    private static FrozenDictionary<Type, OperationRegistration> s_byType = FrozenDictionary<Type, OperationRegistration>.Empty;

    /// <summary>Adds a package's operations; a later registration of the same (eventSource, eventName) wins.</summary>
    public static void Register(IEnumerable<OperationRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        lock (Gate)
        {
            foreach (OperationRegistration registration in registrations)
            {
                foreach (string name in registration.EventNames)
                {
                    ByEventBuilder[(registration.EventSource, name)] = registration;
                }

                if (registration.RequestType is not null)
                {
                    ByTypeBuilder[registration.RequestType] = registration;
                }

                if (registration.ResponseType is not null)
                {
                    ByTypeBuilder[registration.ResponseType] = registration;
                }

                if (registration.AdditionalEventDataType is not null)
                {
                    ByTypeBuilder[registration.AdditionalEventDataType] = registration;
                }
            }

            Volatile.Write(ref s_byEvent, ByEventBuilder.ToFrozenDictionary());
            Volatile.Write(ref s_byType, ByTypeBuilder.ToFrozenDictionary());
        }
    }

    /// <summary>The registration of the record's operation, when a loaded package has one.</summary>
    public static OperationRegistration? Find(CloudTrailRecord record)
    {
        if (record.EventSource is not { } source || record.EventName is not { } name)
        {
            return null;
        }

        return Volatile.Read(ref s_byEvent).GetValueOrDefault((source, name))
            ?? (OperationPackages.TryLoad(source) ? Volatile.Read(ref s_byEvent).GetValueOrDefault((source, name)) : null);
    }

    /// <summary>The registration that owns a request or response type, when its package is loaded.</summary>
    public static OperationRegistration? Find(Type type) => Volatile.Read(ref s_byType).GetValueOrDefault(type);

    public static bool TryGetRequest(CloudTrailRecord record, Type? type, out object? value) =>
        TryGet(record, type, record.RequestParameters, static r => (r.RequestType, r.ReadRequest), out value);

    public static bool TryGetResponse(CloudTrailRecord record, Type? type, out object? value) =>
        TryGet(record, type, record.ResponseElements, static r => (r.ResponseType, r.ReadResponse), out value);

    public static bool TryGetAdditionalEventData(CloudTrailRecord record, Type? type, out object? value) =>
        TryGet(record, type, record.AdditionalEventData, static r => (r.AdditionalEventDataType, r.ReadAdditionalEventData), out value);

    private static bool TryGet(
        CloudTrailRecord record, Type? type, RawJson? raw,
        Func<OperationRegistration, (Type? Type, Func<ReadOnlyMemory<byte>, object?>? Read)> select, out object? value)
    {
        value = null;
        if (Find(record) is not { } registration)
        {
            return false;
        }

        (Type? modelType, Func<ReadOnlyMemory<byte>, object?>? read) = select(registration);
        if (modelType is null || read is null || (type is not null && type != modelType))
        {
            return false;
        }

        if (raw is null || raw.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        try
        {
            value = read(raw.Utf8);
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// A reader for a source-generated type. The metadata is created on first use of that operation, not when the
    /// registry is built, so the first typed lookup (a Lambda cold start) pays only for the operations it reads.
    /// </summary>
    internal static Func<ReadOnlyMemory<byte>, object?> Reader<T>(Func<JsonTypeInfo<T>> typeInfo)
    {
        var lazy = new Lazy<JsonTypeInfo<T>>(typeInfo);
        return utf8 => TolerantJson.Deserialize(utf8.Span, lazy.Value);
    }
}
