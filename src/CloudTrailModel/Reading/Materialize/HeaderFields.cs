namespace CloudTrailModel.Reading.Materialize;

/// <summary>The header fields <see cref="RecordPrescan"/> has found so far in a record.</summary>
internal struct HeaderFields
{
    public string? Source;
    public string? Name;
    public string? Region;
    public string? Recipient;
    public string? UserAccount;
    public DateTimeOffset? Time;
}
