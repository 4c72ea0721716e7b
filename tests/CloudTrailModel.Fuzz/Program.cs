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
