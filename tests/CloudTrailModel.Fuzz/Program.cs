// Fuzz target: every input must be read without any exception escaping other than the documented ones, without a
// hang, and with exact accounting (every record slot returned or reported). Run with AFL++ (README, "Fuzzing").
using System.Text.Json;
using CloudTrailModel;
using CloudTrailModel.Integrity;
using SharpFuzz;

Fuzzer.OutOfProcess.Run(stream =>
{
    byte[] input;
    using (var copy = new MemoryStream())
    {
        stream.CopyTo(copy);
        input = copy.ToArray();
    }

    var errors = new List<CloudTrailRecordError>();
    var options = new CloudTrailReaderOptions
    {
        InvalidRecordHandling = InvalidRecordHandling.Skip,
        OnInvalidRecord = errors.Add,
        MaxRecordBytes = 64 * 1024,
        MaxDecompressedBytes = 16 * 1024 * 1024,
    };

    var records = new List<CloudTrailRecord>();
    foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(input), options))
    {
        records.Add(record);

        // Every record must write back to valid JSON, which reads back to a record that writes the same JSON (values
        // kept until first read, packed or not, come back exactly).
        string json = JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
        using JsonDocument _ = JsonDocument.Parse(json);
        CloudTrailRecord again;
        try
        {
            again = CloudTrailRecord.Parse(json);
        }
        catch (CloudTrailParseException e) when (e.ErrorCode == CloudTrailErrorCode.NotCloudTrail)
        {
            // Parse is strict (an object with no record member is refused); the reader still yields such elements of a log file.
            continue;
        }

        if (JsonSerializer.Serialize(again, CloudTrailJsonContext.Default.CloudTrailRecord) != json)
        {
            throw new InvalidOperationException("A record written back does not read back the same.");
        }
    }

    // Where the whole input is a valid log file read without errors, every string kept until first read (and packed
    // or not) must be what System.Text.Json reads there.
    CheckAgainstJsonDocument(input, records, errors.Count);

    foreach (CloudTrailRecordError error in errors)
    {
        if (error.BytePosition < 0 || error.BytePosition > 16 * 1024 * 1024 || error.RecordIndex < 0)
        {
            throw new InvalidOperationException("An error position is out of range.");
        }
    }

    // The filter's pre-scan must agree with the full parse: the same errors, and exactly the records the filter keeps.
    var filteredErrors = new List<CloudTrailRecordError>();
    var kept = new List<string?>();
    foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(
        new MemoryStream(input), options with { Filter = h => Keep(h), OnInvalidRecord = filteredErrors.Add }))
    {
        kept.Add(record.EventId);
    }

    // (An object the filter rejects is not checked for being a CloudTrail record, so that error may be missing there.)
    static bool Checked(CloudTrailRecordError e) => e.ErrorCode != CloudTrailErrorCode.NotCloudTrail;
    var plainKeys = errors.Select(e => (e.RecordIndex, e.BytePosition, e.ErrorCode)).ToList();
    if (!filteredErrors.Where(Checked).Select(e => (e.RecordIndex, e.BytePosition, e.ErrorCode)).SequenceEqual(errors.Where(Checked).Select(e => (e.RecordIndex, e.BytePosition, e.ErrorCode)))
        || !filteredErrors.All(e => plainKeys.Contains((e.RecordIndex, e.BytePosition, e.ErrorCode)))
        || !kept.SequenceEqual(records.Where(r => Keep(Header(r))).Select(r => r.EventId)))
    {
        throw new InvalidOperationException("The filtered read disagrees with the plain read.");
    }

    // Every header field decides, so the scan's header must match the parsed record's in all of them.
    static bool Keep(CloudTrailRecordHeader h) =>
        ((h.EventSource?.Length ?? 0) + (h.EventName?.Length ?? 0) + (h.AwsRegion?.Length ?? 0) + (h.RecipientAccountId?.Length ?? 0)
            + (h.UserAccountId?.Length ?? 0) + (h.EventTime is { } t ? (int)(t.UtcTicks % 7) + 1 : 0)) % 2 == 0;
    static CloudTrailRecordHeader Header(CloudTrailRecord r) => new()
    {
        EventSource = r.EventSource,
        EventName = r.EventName,
        EventTime = r.EventTime,
        AwsRegion = r.AwsRegion,
        RecipientAccountId = r.RecipientAccountId,
        UserAccountId = r.UserIdentity?.AccountId,
    };

    // Throw mode must fail only with CloudTrailParseException, after the same records.
    int before = 0;
    try
    {
        foreach (CloudTrailRecord record in CloudTrailReader.ReadRecords(new MemoryStream(input), options with { InvalidRecordHandling = InvalidRecordHandling.Throw }))
        {
            before++;
        }
    }
    catch (CloudTrailParseException)
    {
    }

    if (before > records.Count)
    {
        throw new InvalidOperationException("Throw mode returned more records than Skip mode.");
    }

    // The entries read (wrappers' fields kept) must be the same records and errors as the plain read.
    var entryErrors = new List<CloudTrailRecordError>();
    List<string?> entryIds = [.. CloudTrailReader.ReadEntries(new MemoryStream(input), options with { OnInvalidRecord = entryErrors.Add }).Select(e => e.Record.EventId)];
    if (!entryIds.SequenceEqual(records.Select(r => r.EventId)) || !entryErrors.SequenceEqual(errors))
    {
        throw new InvalidOperationException("ReadEntries disagrees with ReadRecords.");
    }

    _ = CloudTrailRecord.TryParse(input, out _);

    // The same input as a digest file: it reads, or fails with CloudTrailParseException; its checks never throw, and a
    // digest read twice is equal to itself.
    CloudTrailDigest? digest = null;
    try
    {
        digest = CloudTrailDigest.Read(new MemoryStream(input));
    }
    catch (CloudTrailParseException)
    {
    }

    if (digest is not null)
    {
        if (digest.VerifySignature("00", []) == DigestValidationStatus.Valid || digest.VerifyPrevious(digest, []) == DigestValidationStatus.Valid)
        {
            throw new InvalidOperationException("A digest verified without a key.");
        }

        foreach (CloudTrailDigestLogFile logFile in digest.LogFiles)
        {
            _ = logFile.Verify(new MemoryStream(input));
        }

        if (!digest.Equals(CloudTrailDigest.Read(new MemoryStream(input))))
        {
            throw new InvalidOperationException("A digest read twice is not equal to itself.");
        }
    }
});

static void CheckAgainstJsonDocument(byte[] input, List<CloudTrailRecord> records, int errorCount)
{
    JsonDocument document;
    try
    {
        document = JsonDocument.Parse(input);
    }
    catch (JsonException)
    {
        return;
    }

    using (document)
    {
        if (errorCount != 0 || document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("Records", out JsonElement array) || array.ValueKind != JsonValueKind.Array
            || array.GetArrayLength() != records.Count)
        {
            return;
        }

        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            CloudTrailRecord record = records[i++];
            UserIdentity? identity = record.UserIdentity;
            JsonElement? userIdentity = Last(element, "userIdentity");
            if (!Same(element, "eventID", record.EventId) || !Same(element, "requestID", record.RequestId)
                || !Same(element, "errorMessage", record.ErrorMessage) || !Same(element, "sharedEventID", record.SharedEventId)
                || (userIdentity is { ValueKind: JsonValueKind.Object } u
                    && (!Same(u, "principalId", identity?.PrincipalId) || !Same(u, "arn", identity?.Arn)
                        || !Same(u, "accessKeyId", identity?.AccessKeyId) || !Same(u, "credentialId", identity?.CredentialId))))
            {
                throw new InvalidOperationException("A string kept until first read differs from what System.Text.Json reads.");
            }

            // Values shared across records (a record's and an identity's kind) and free-form values found through the
            // table at the end of the record's array.
            if (!Same(element, "eventSource", record.EventSource) || !Same(element, "eventName", record.EventName)
                || !Same(element, "awsRegion", record.AwsRegion) || !Same(element, "recipientAccountId", record.RecipientAccountId)
                || !Same(element, "eventType", record.EventType?.ToString()) || !Same(element, "eventCategory", record.EventCategory?.ToString())
                || !Same(element, "sourceIPAddress", record.SourceIPAddress) || !Same(element, "userAgent", record.UserAgent)
                || (userIdentity is { ValueKind: JsonValueKind.Object } v
                    && (!Same(v, "type", identity?.Type?.ToString()) || !Same(v, "accountId", identity?.AccountId)
                        || !Same(v, "userName", identity?.UserName) || !Same(v, "invokedBy", identity?.InvokedBy)))
                || !SameRaw(element, "requestParameters", record.RequestParameters) || !SameRaw(element, "responseElements", record.ResponseElements)
                || !SameRaw(element, "additionalEventData", record.AdditionalEventData) || !SameRaw(element, "serviceEventDetails", record.ServiceEventDetails))
            {
                throw new InvalidOperationException("A shared or free-form value differs from what System.Text.Json reads.");
            }
        }
    }

    // The last member of that name (as the reader keeps), when it is a string, must be the value.
    static bool Same(JsonElement element, string name, string? value) =>
        element.ValueKind != JsonValueKind.Object || Last(element, name) is not { ValueKind: JsonValueKind.String } member || member.GetString() == value;

    // The last member of that name, when it is not null, must be the raw value, byte for byte.
    static bool SameRaw(JsonElement element, string name, RawJson? value) =>
        element.ValueKind != JsonValueKind.Object || Last(element, name) is not { } member || member.ValueKind == JsonValueKind.Null
        || value?.ToString() == member.GetRawText();

    static JsonElement? Last(JsonElement element, string name)
    {
        JsonElement? last = null;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.NameEquals(name))
                {
                    last = property.Value;
                }
            }
        }

        return last;
    }
}
