using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailModel.Operations;

/// <summary>One operation whose request parameters (and response elements) have typed models.</summary>
internal sealed record OperationRegistration(
    string EventSource,
    IReadOnlyList<string> EventNames,
    Type? RequestType,
    Func<ReadOnlyMemory<byte>, object?>? ReadRequest,
    Type? ResponseType,
    Func<ReadOnlyMemory<byte>, object?>? ReadResponse);

/// <summary>Typed request parameters and response elements, keyed by (eventSource, eventName) and by type.</summary>
internal static partial class OperationRegistry
{
    private static readonly FrozenDictionary<(string Source, string Name), OperationRegistration> ByEvent;
    private static readonly FrozenDictionary<Type, OperationRegistration> ByType;

    static OperationRegistry()
    {
        var byEvent = new Dictionary<(string, string), OperationRegistration>();
        var byType = new Dictionary<Type, OperationRegistration>();
        foreach (OperationRegistration registration in Registrations())
        {
            foreach (string name in registration.EventNames)
            {
                byEvent[(registration.EventSource, name)] = registration;
            }

            if (registration.RequestType is not null)
            {
                byType[registration.RequestType] = registration;
            }

            if (registration.ResponseType is not null)
            {
                byType[registration.ResponseType] = registration;
            }
        }

        ByEvent = byEvent.ToFrozenDictionary();
        ByType = byType.ToFrozenDictionary();
    }

    private static partial IEnumerable<OperationRegistration> Registrations();

    public static bool TryGetRequest(CloudTrailRecord record, Type? type, out object? value) =>
        TryGet(record, type, record.RequestParameters, static r => (r.RequestType, r.ReadRequest), out value);

    public static bool TryGetResponse(CloudTrailRecord record, Type? type, out object? value) =>
        TryGet(record, type, record.ResponseElements, static r => (r.ResponseType, r.ReadResponse), out value);

    private static bool TryGet(
        CloudTrailRecord record, Type? type, RawJson? raw,
        Func<OperationRegistration, (Type? Type, Func<ReadOnlyMemory<byte>, object?>? Read)> select, out object? value)
    {
        value = null;
        if (record.EventSource is null || record.EventName is null
            || !ByEvent.TryGetValue((record.EventSource, record.EventName), out OperationRegistration? registration))
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
        return utf8 => JsonSerializer.Deserialize(utf8.Span, lazy.Value);
    }
}
