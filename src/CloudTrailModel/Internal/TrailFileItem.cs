using System.Runtime.ExceptionServices;

namespace CloudTrailModel.Internal;

/// <summary>What reading a trail file produces, in file order: a record, an error reported in Skip mode, or the failure that ended the read.</summary>
internal readonly record struct TrailFileItem(CloudTrailRecord? Record, CloudTrailRecordError Error, ExceptionDispatchInfo? Failure);
