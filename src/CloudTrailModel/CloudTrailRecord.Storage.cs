using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

// Where the record keeps its members: a kind shared by alike records, and a side object for rare members.
public sealed partial record CloudTrailRecord
{
    /// <summary>
    /// What was called, where, and how CloudTrail classifies it: the members that records of one kind share, made once
    /// per combination a reader meets (<see cref="ParseState.SharedRecordKinds"/>). A record made in code starts with
    /// <see cref="None"/>, and setting one of these members through a property copies the object, so records never
    /// share a changed one. Value equality, so a record compares the same whichever way its members were set.
    /// </summary>
    internal sealed record RecordKind
    {
        public static readonly RecordKind None = new();

        public CloudTrailEventVersion EventVersion { get; init; }

        public string? EventSource { get; init; }

        public string? EventName { get; init; }

        public string? AwsRegion { get; init; }

        public string? RecipientAccountId { get; init; }

        public CloudTrailEventType EventType { get; init; }

        public CloudTrailEventCategory EventCategory { get; init; }

        public bool? ManagementEvent { get; init; }

        public bool? ReadOnly { get; init; }

        // How the booleans were written (a JSON boolean or a string), so they are written back the same way.
        public JsonBoolKind ManagementEventKind { get; init; }

        public JsonBoolKind ReadOnlyKind { get; init; }

        /// <summary>
        /// A kind as read: the strings as the reader pooled them (so equal values are one instance, compared by
        /// reference), and the booleans with how they were written. The version, type and category follow from their
        /// text; a version that is not one has none, whatever its text.
        /// </summary>
        internal readonly struct Key(
            int stringsHash, string? eventVersion, string? eventSource, string? eventName, string? awsRegion, string? recipientAccountId, string? eventType, string? eventCategory,
            bool? managementEvent, JsonBoolKind managementEventKind, bool? readOnly, JsonBoolKind readOnlyKind) : IPoolKey<Key>
        {
            // Computed from the strings' text while they were read (the string pool's hashes, which the reader has in
            // cache): hashing the strings here would read seven objects that are likely out of cache, which cost 2% of
            // the whole read. Equal strings give equal hashes, whatever instance holds them.
            private readonly int _stringsHash = stringsHash;
            public readonly string? EventVersion = eventVersion;
            public readonly string? EventSource = eventSource;
            public readonly string? EventName = eventName;
            public readonly string? AwsRegion = awsRegion;
            public readonly string? RecipientAccountId = recipientAccountId;
            public readonly string? EventType = eventType;
            public readonly string? EventCategory = eventCategory;
            public readonly bool? ManagementEvent = managementEvent;
            public readonly bool? ReadOnly = readOnly;
            public readonly JsonBoolKind ManagementEventKind = managementEventKind;
            public readonly JsonBoolKind ReadOnlyKind = readOnlyKind;

            public int Hash() => (_stringsHash * 31) + Flags();

            public bool Same(in Key other) =>
                ReferenceEquals(EventVersion, other.EventVersion) && ReferenceEquals(EventSource, other.EventSource)
                && ReferenceEquals(EventName, other.EventName) && ReferenceEquals(AwsRegion, other.AwsRegion)
                && ReferenceEquals(RecipientAccountId, other.RecipientAccountId) && ReferenceEquals(EventType, other.EventType)
                && ReferenceEquals(EventCategory, other.EventCategory) && Flags() == other.Flags();

            // The booleans and how they were written, in one number.
            private int Flags() => Code(ManagementEvent) | ((int)ManagementEventKind << 2) | (Code(ReadOnly) << 4) | ((int)ReadOnlyKind << 6);

            private static int Code(bool? value) => value is null ? 0 : value.Value ? 1 : 2;
        }
    }

    /// <summary>
    /// The members few records have. A record with none of them uses <see cref="None"/>; setting one through a
    /// property copies the side object, so records made with <c>with</c> never share a changed one. Value equality,
    /// so a record compares the same whichever way its members were set.
    /// </summary>
    private sealed record RareMembers
    {
        public static readonly RareMembers None = new();

        public string? ApiVersion { get; init; }

        public string? VpcEndpointId { get; init; }

        public string? VpcEndpointAccountId { get; init; }

        public Addendum? Addendum { get; init; }

        public EdgeDeviceDetails? EdgeDeviceDetails { get; init; }

        public InsightDetails? InsightDetails { get; init; }

        public EventContext? EventContext { get; init; }

        public string? Annotation { get; init; }

        // eventTime as it came, when CloudTrail's own spelling of the time differs from it.
        public string? EventTimeSpelling { get; init; }

        public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;
    }
}
