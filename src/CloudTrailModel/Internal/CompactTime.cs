namespace CloudTrailModel.Internal;

/// <summary>
/// A <see cref="DateTimeOffset"/> kept in one word of a model object, without <see cref="Nullable{T}"/>'s extra word: its
/// clock ticks plus one (0: absent). Its offset is kept beside the object's rare members, since CloudTrail writes times
/// in UTC (offset 0).
/// </summary>
internal static class CompactTime
{
    /// <summary>The one word of a time: its clock ticks plus one, or 0 when it is absent (ticks never reach <see cref="long.MaxValue"/>).</summary>
    public static long Pack(DateTimeOffset? value) => value is { } time ? time.Ticks + 1 : 0;

    /// <summary>A time's offset from UTC in whole minutes (within +-14 hours), 0 when it is absent.</summary>
    public static short Offset(DateTimeOffset? value) => value is { } time ? (short)(time.Offset.Ticks / TimeSpan.TicksPerMinute) : (short)0;

    /// <summary>The time of <see cref="Pack"/>'s word and its offset.</summary>
    public static DateTimeOffset? Unpack(long packed, short offsetMinutes) =>
        packed == 0 ? null : new DateTimeOffset(packed - 1, TimeSpan.FromMinutes(offsetMinutes));
}
