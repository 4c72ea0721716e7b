using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrailModel.Internal;
using CloudTrailModel.Serialization;

namespace CloudTrailModel;

/// <summary>
/// The unusual activity an Insights event reports (JSON <c>insightDetails</c>, eventVersion 1.07). Insights
/// records have no top-level <c>eventSource</c> or <c>eventName</c>: they are here.
/// </summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record InsightDetails : IJsonModel<InsightDetails>
{
    /// <summary>Whether the unusual activity starts or ends (<c>state</c>): <c>Start</c> or <c>End</c>.</summary>
    public string? State { get; init; }

    /// <summary>The service whose API saw the unusual activity (<c>eventSource</c>).</summary>
    public string? EventSource { get; init; }

    /// <summary>The API with the unusual activity (<c>eventName</c>).</summary>
    public string? EventName { get; init; }

    /// <summary>The kind of Insights event (<c>insightType</c>).</summary>
    public InsightType? InsightType { get; init; }

    /// <summary>For error-rate Insights, the error whose rate is unusual (<c>errorCode</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Statistics and attributions (<c>insightContext</c>).</summary>
    public InsightContext? InsightContext { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InsightDetails IJsonModel<InsightDetails>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? state = null, source = null, eventName = null, errorCode = null;
        InsightType? type = null;
        InsightContext? context = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "state": state = s.PooledString(ref r, name, ref x); break;
                case "eventSource": source = s.PooledString(ref r, name, ref x); break;
                case "eventName": eventName = s.PooledString(ref r, name, ref x); break;
                case "insightType": type = s.Value<InsightType>(ref r, name, ref x); break;
                case "errorCode": errorCode = s.PooledString(ref r, name, ref x); break;
                case "insightContext": context = s.Object<InsightContext>(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new InsightDetails { State = state, EventSource = source, EventName = eventName, InsightType = type, ErrorCode = errorCode, InsightContext = context, AdditionalFields = x.Build() };
    }

    void IJsonModel<InsightDetails>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "state"u8, State);
        JsonOut.String(w, "eventSource"u8, EventSource);
        JsonOut.String(w, "eventName"u8, EventName);
        JsonOut.Value(w, "insightType"u8, InsightType);
        JsonOut.String(w, "errorCode"u8, ErrorCode);
        JsonOut.Object(w, "insightContext"u8, InsightContext);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>Statistics and attributions of an Insights event (JSON <c>insightDetails.insightContext</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record InsightContext : IJsonModel<InsightContext>
{
    /// <summary>Baseline and insight averages and durations (<c>statistics</c>).</summary>
    public InsightStatistics? Statistics { get; init; }

    /// <summary>The user identities, user agents or error codes that contributed most (<c>attributions</c>).</summary>
    public IReadOnlyList<InsightAttribution>? Attributions { get; init => field = ValueList<InsightAttribution>.From(value); }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InsightContext IJsonModel<InsightContext>.Read(ref Utf8JsonReader r, ParseState s)
    {
        InsightStatistics? statistics = null;
        IReadOnlyList<InsightAttribution>? attributions = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "statistics": statistics = s.Object<InsightStatistics>(ref r, name, ref x); break;
                case "attributions": attributions = s.List<InsightAttribution>(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new InsightContext { Statistics = statistics, Attributions = attributions, AdditionalFields = x.Build() };
    }

    void IJsonModel<InsightContext>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Object(w, "statistics"u8, Statistics);
        JsonOut.List(w, "attributions"u8, Attributions);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>Baseline and insight figures of an Insights event (JSON <c>insightContext.statistics</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record InsightStatistics : IJsonModel<InsightStatistics>
{
    /// <summary>The normal rate: average calls or errors per minute over the baseline period (<c>baseline</c>).</summary>
    public InsightAverage? Baseline { get; init; }

    /// <summary>The unusual rate (<c>insight</c>): the first minute's average in a Start event, the whole anomaly's in an End event.</summary>
    public InsightAverage? Insight { get; init; }

    /// <summary>How long the unusual activity lasted, in minutes (<c>insightDuration</c>).</summary>
    public int? InsightDuration { get; init; }

    /// <summary>How long the baseline period was, in minutes (<c>baselineDuration</c>).</summary>
    public int? BaselineDuration { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InsightStatistics IJsonModel<InsightStatistics>.Read(ref Utf8JsonReader r, ParseState s)
    {
        InsightAverage? baseline = null, insight = null;
        int? insightDuration = null, baselineDuration = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "baseline": baseline = s.Object<InsightAverage>(ref r, name, ref x); break;
                case "insight": insight = s.Object<InsightAverage>(ref r, name, ref x); break;
                case "insightDuration": insightDuration = s.Int32(ref r, name, ref x); break;
                case "baselineDuration": baselineDuration = s.Int32(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new InsightStatistics { Baseline = baseline, Insight = insight, InsightDuration = insightDuration, BaselineDuration = baselineDuration, AdditionalFields = x.Build() };
    }

    void IJsonModel<InsightStatistics>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Object(w, "baseline"u8, Baseline);
        JsonOut.Object(w, "insight"u8, Insight);
        JsonOut.Number(w, "insightDuration"u8, InsightDuration);
        JsonOut.Number(w, "baselineDuration"u8, BaselineDuration);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>An average rate in an Insights event (JSON <c>{"average": n}</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record InsightAverage : IJsonModel<InsightAverage>
{
    /// <summary>The average calls or errors per minute (<c>average</c>).</summary>
    public double? Average { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InsightAverage IJsonModel<InsightAverage>.Read(ref Utf8JsonReader r, ParseState s)
    {
        double? average = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            if (name == "average")
            {
                average = s.Double(ref r, name, ref x);
            }
            else
            {
                s.Unknown(ref r, name, ref x);
            }
        }

        return new InsightAverage { Average = average, AdditionalFields = x.Build() };
    }

    void IJsonModel<InsightAverage>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Number(w, "average"u8, Average);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>What contributed to an Insights event (an element of JSON <c>insightContext.attributions</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record InsightAttribution : IJsonModel<InsightAttribution>
{
    /// <summary>The attribute (<c>attribute</c>): <c>userIdentityArn</c>, <c>userAgent</c> or <c>errorCode</c>.</summary>
    public string? Attribute { get; init; }

    /// <summary>The top values during the unusual activity (<c>insight</c>).</summary>
    public IReadOnlyList<InsightAttributionValue>? Insight { get; init => field = ValueList<InsightAttributionValue>.From(value); }

    /// <summary>The top values during the baseline (<c>baseline</c>).</summary>
    public IReadOnlyList<InsightAttributionValue>? Baseline { get; init => field = ValueList<InsightAttributionValue>.From(value); }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InsightAttribution IJsonModel<InsightAttribution>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? attribute = null;
        IReadOnlyList<InsightAttributionValue>? insight = null, baseline = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "attribute": attribute = s.PooledString(ref r, name, ref x); break;
                case "insight": insight = s.List<InsightAttributionValue>(ref r, name, ref x); break;
                case "baseline": baseline = s.List<InsightAttributionValue>(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new InsightAttribution { Attribute = attribute, Insight = insight, Baseline = baseline, AdditionalFields = x.Build() };
    }

    void IJsonModel<InsightAttribution>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "attribute"u8, Attribute);
        JsonOut.List(w, "insight"u8, Insight);
        JsonOut.List(w, "baseline"u8, Baseline);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}

/// <summary>One attributed value and its average rate (JSON <c>{"value": s, "average": n}</c>).</summary>
[JsonConverter(typeof(CloudTrailJsonConverter))]
public sealed record InsightAttributionValue : IJsonModel<InsightAttributionValue>
{
    /// <summary>The value (<c>value</c>); for <c>errorCode</c> attributions the string <c>"null"</c> means no error.</summary>
    public string? Value { get; init; }

    /// <summary>The average rate for this value (<c>average</c>).</summary>
    public double? Average { get; init; }

    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;

    static InsightAttributionValue IJsonModel<InsightAttributionValue>.Read(ref Utf8JsonReader r, ParseState s)
    {
        string? value = null;
        double? average = null;
        ExtraFields x = default;
        while (ParseState.NextMember(ref r))
        {
            string name = s.PropertyName(ref r);
            switch (name)
            {
                case "value": value = s.PooledString(ref r, name, ref x); break;
                case "average": average = s.Double(ref r, name, ref x); break;
                default: s.Unknown(ref r, name, ref x); break;
            }
        }

        return new InsightAttributionValue { Value = value, Average = average, AdditionalFields = x.Build() };
    }

    void IJsonModel<InsightAttributionValue>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.String(w, "value"u8, Value);
        JsonOut.Number(w, "average"u8, Average);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}
