namespace CloudTrailModel.Reading.Framing;

/// <summary>The wrappers records arrive in besides log files, as told by a top-level object's member names.</summary>
internal enum WrapperKind
{
    None,

    /// <summary>An EventBridge event: the record is <c>detail</c>.</summary>
    EventBridge,

    /// <summary>A CloudWatch Logs subscription message: the records are <c>logEvents[].message</c> strings.</summary>
    CloudWatchLogs,

    /// <summary>The Lambda event of a CloudWatch Logs subscription: <c>awslogs.data</c> is base64 of gzip of messages.</summary>
    AwsLogs,

    /// <summary>A <c>LookupEvents</c> page: the records are <c>Events[].CloudTrailEvent</c> strings.</summary>
    LookupEvents,
}
