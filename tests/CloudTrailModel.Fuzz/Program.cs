// Fuzz target: every input must be read without any exception escaping other than the documented ones, without a
// hang, and with exact accounting (every record slot returned or reported). Run with AFL++ (README, "Fuzzing").
using System.Text.Json;
using CloudTrailModel;
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

        // Every record must write back to valid JSON.
        string json = JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
        using JsonDocument _ = JsonDocument.Parse(json);
    }

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

    _ = CloudTrailRecord.TryParse(input, out _);
});
