using System.Text.Json;

namespace CloudTrailModel.Reading.Framing;

/// <summary>Tells wrappers from records and log files by one top-level member name (records have none of these).</summary>
internal static class WrapperMarkers
{
    /// <summary>The wrapper the property name the reader is on belongs to, or <see cref="WrapperKind.None"/>.</summary>
    public static WrapperKind Of(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("detail-type"u8) || reader.ValueTextEquals("detail"u8))
        {
            return WrapperKind.EventBridge;
        }

        if (reader.ValueTextEquals("messageType"u8) || reader.ValueTextEquals("logEvents"u8) || reader.ValueTextEquals("logGroup"u8)
            || reader.ValueTextEquals("logStream"u8) || reader.ValueTextEquals("subscriptionFilters"u8))
        {
            return WrapperKind.CloudWatchLogs;
        }

        if (reader.ValueTextEquals("awslogs"u8))
        {
            return WrapperKind.AwsLogs;
        }

        return reader.ValueTextEquals("Events"u8) || reader.ValueTextEquals("NextToken"u8) ? WrapperKind.LookupEvents : WrapperKind.None;
    }
}
