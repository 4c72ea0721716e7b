namespace CloudTrailModel.Internal;

/// <summary>
/// A <see cref="DateTimeOffset"/> kept as two fields of a model object (clock ticks and offset in minutes): as one
/// struct it takes 16 bytes, as two the offset packs beside the object's small fields.
/// </summary>
internal static class CompactTime
{
    public static long Ticks(DateTimeOffset value) => value.Ticks;

    // Offsets are whole minutes, within +-14 hours.
    public static short Offset(DateTimeOffset value) => (short)(value.Offset.Ticks / TimeSpan.TicksPerMinute);

    public static DateTimeOffset Make(long ticks, short offsetMinutes) => new(ticks, TimeSpan.FromMinutes(offsetMinutes));
}
