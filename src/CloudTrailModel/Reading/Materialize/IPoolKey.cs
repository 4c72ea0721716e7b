namespace CloudTrailModel.Internal;

/// <summary>What makes two pooled objects the same, compared without reading the strings (they are pooled: equal values are one instance).</summary>
/// <typeparam name="TSelf">The key type.</typeparam>
internal interface IPoolKey<TSelf>
    where TSelf : struct, IPoolKey<TSelf>
{
    int Hash();

    bool Same(in TSelf other);
}
