namespace CloudTrailModel.Reading.Materialize;

/// <summary>
/// What a worker made of one framed record slice: the record (or, for a filter, only its header), or nothing when the
/// slice did not materialise cleanly (the reading thread then reads it again itself and reports it in order).
/// </summary>
internal readonly record struct SliceResult(bool Ok, CloudTrailRecord? Record, CloudTrailRecordHeader Header);
