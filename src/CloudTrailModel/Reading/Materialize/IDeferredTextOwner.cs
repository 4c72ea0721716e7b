namespace CloudTrailModel.Internal;

/// <summary>Implemented by model objects that may hold <see cref="Utf8Text"/> values still waiting for their record's array.</summary>
internal interface IDeferredTextOwner
{
    /// <summary>Gives every pending value the record's array (values that are not pending are left as they are).</summary>
    void ResolveDeferred(byte[] bytes);
}
