using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailModel.Serialization;

/// <summary>
/// The converter every model type names in its <see cref="JsonConverterAttribute"/>: public with a public parameterless
/// constructor, so a <see cref="CloudTrailRecord"/> (or any other model type) can be a property of a type in your own
/// source-generated <see cref="JsonSerializerContext"/>, under NativeAOT, with no resolver to combine. It reads and writes
/// each type through the library's own lossless parser and writer, whatever the options; you never need to name it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CloudTrailJsonConverter : JsonConverterFactory
{
    // Built without reflection (no MakeGenericType), so NativeAOT keeps exactly these converters.
    private static readonly FrozenDictionary<Type, JsonConverter> Converters = new Dictionary<Type, JsonConverter>
    {
        [typeof(CloudTrailRecord)] = new ModelConverter<CloudTrailRecord>(),
        [typeof(UserIdentity)] = new ModelConverter<UserIdentity>(),
        [typeof(SessionContext)] = new ModelConverter<SessionContext>(),
        [typeof(SessionIssuer)] = new ModelConverter<SessionIssuer>(),
        [typeof(WebIdFederationData)] = new ModelConverter<WebIdFederationData>(),
        [typeof(SessionAttributes)] = new ModelConverter<SessionAttributes>(),
        [typeof(OnBehalfOf)] = new ModelConverter<OnBehalfOf>(),
        [typeof(InScopeOf)] = new ModelConverter<InScopeOf>(),
        [typeof(InvokedByDelegate)] = new ModelConverter<InvokedByDelegate>(),
        [typeof(InsightDetails)] = new ModelConverter<InsightDetails>(),
        [typeof(InsightContext)] = new ModelConverter<InsightContext>(),
        [typeof(InsightStatistics)] = new ModelConverter<InsightStatistics>(),
        [typeof(InsightAverage)] = new ModelConverter<InsightAverage>(),
        [typeof(InsightAttribution)] = new ModelConverter<InsightAttribution>(),
        [typeof(InsightAttributionValue)] = new ModelConverter<InsightAttributionValue>(),
        [typeof(CloudTrailResource)] = new ModelConverter<CloudTrailResource>(),
        [typeof(TlsDetails)] = new ModelConverter<TlsDetails>(),
        [typeof(Addendum)] = new ModelConverter<Addendum>(),
        [typeof(EdgeDeviceDetails)] = new ModelConverter<EdgeDeviceDetails>(),
        [typeof(EventContext)] = new ModelConverter<EventContext>(),
        [typeof(RawJson)] = new RawJsonConverter(),
        [typeof(CloudTrailEventVersion)] = new CloudTrailEventVersionConverter(),
        [typeof(CloudTrailEventType)] = new JsonStringValueConverter<CloudTrailEventType>(),
        [typeof(CloudTrailEventCategory)] = new JsonStringValueConverter<CloudTrailEventCategory>(),
        [typeof(IdentityType)] = new JsonStringValueConverter<IdentityType>(),
        [typeof(InsightType)] = new JsonStringValueConverter<InsightType>(),
        [typeof(AddendumReason)] = new JsonStringValueConverter<AddendumReason>(),
    }.ToFrozenDictionary();

    /// <summary>Whether <paramref name="typeToConvert"/> is one of the model types this converter reads and writes.</summary>
    /// <param name="typeToConvert">The type to convert.</param>
    /// <returns><see langword="true"/> for a model type of this library.</returns>
    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert);

    /// <summary>Returns the converter of a model type (one shared instance per type; they hold no state).</summary>
    /// <param name="typeToConvert">A model type of this library.</param>
    /// <param name="options">Not used: the model's JSON does not depend on the options.</param>
    /// <returns>The converter.</returns>
    /// <exception cref="NotSupportedException"><paramref name="typeToConvert"/> is not a model type of this library.</exception>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out JsonConverter? converter)
            ? converter
            : throw new NotSupportedException("CloudTrailJsonConverter converts the model types of CloudTrailModel only.");
}
