using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

// Writes the record back as the JSON it was read from.
public sealed partial record CloudTrailRecord
{
    void IJsonModel<CloudTrailRecord>.Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Value(w, "eventVersion"u8, EventVersion);
        JsonOut.Object(w, "userIdentity"u8, UserIdentity);
        JsonOut.Time(w, "eventTime"u8, EventTime, _rare.EventTimeSpelling);
        JsonOut.String(w, "eventSource"u8, EventSource);
        JsonOut.String(w, "eventName"u8, EventName);
        JsonOut.String(w, "awsRegion"u8, AwsRegion);
        JsonOut.String(w, "sourceIPAddress"u8, SourceIPAddress);
        JsonOut.String(w, "userAgent"u8, UserAgent);
        JsonOut.String(w, "errorCode"u8, ErrorCode);
        JsonOut.String(w, "errorMessage"u8, ErrorMessage);
        JsonOut.Raw(w, "requestParameters"u8, RequestParameters);
        JsonOut.Raw(w, "responseElements"u8, ResponseElements);
        JsonOut.Raw(w, "additionalEventData"u8, AdditionalEventData);
        JsonOut.String(w, "requestID"u8, RequestId);
        JsonOut.String(w, "eventID"u8, EventId);
        JsonOut.Value(w, "eventType"u8, EventType);
        JsonOut.String(w, "apiVersion"u8, ApiVersion);
        JsonOut.Bool(w, "managementEvent"u8, ManagementEvent, _kind.ManagementEventKind, JsonBoolKind.Boolean);
        JsonOut.Bool(w, "readOnly"u8, ReadOnly, _kind.ReadOnlyKind, JsonBoolKind.Boolean);
        JsonOut.List(w, "resources"u8, Resources);
        JsonOut.String(w, "recipientAccountId"u8, RecipientAccountId);
        JsonOut.Raw(w, "serviceEventDetails"u8, ServiceEventDetails);
        JsonOut.String(w, "sharedEventID"u8, SharedEventId);
        JsonOut.String(w, "vpcEndpointId"u8, VpcEndpointId);
        JsonOut.String(w, "vpcEndpointAccountId"u8, VpcEndpointAccountId);
        JsonOut.Value(w, "eventCategory"u8, EventCategory);
        JsonOut.Object(w, "addendum"u8, Addendum);
        JsonOut.Bool(w, "sessionCredentialFromConsole"u8, SessionCredentialFromConsole, _consoleKind, JsonBoolKind.String);
        JsonOut.Object(w, "edgeDeviceDetails"u8, EdgeDeviceDetails);
        JsonOut.Object(w, "tlsDetails"u8, TlsDetails);
        JsonOut.Object(w, "insightDetails"u8, InsightDetails);
        JsonOut.Object(w, "eventContext"u8, EventContext);
        JsonOut.String(w, "annotation"u8, Annotation);
        JsonOut.Extras(w, AdditionalFields);
        w.WriteEndObject();
    }
}
