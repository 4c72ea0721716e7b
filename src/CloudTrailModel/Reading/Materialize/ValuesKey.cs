namespace CloudTrailModel.Internal;

/// <summary>
/// Up to five pooled values (strings, or objects a pool shares), compared by reference, with a hash given by the caller:
/// for strings, of their text computed while they were read (the sum of the hashes <see cref="StringPool.GetIfRepeated"/> gives,
/// times a different odd number per member), since hashing them here would read objects likely out of cache, and
/// equal strings give equal hashes whatever instance holds them.
/// </summary>
internal readonly struct ValuesKey(int hash, object? a, object? b, object? c, object? d, object? e) : IPoolKey<ValuesKey>
{
    private readonly int _hash = hash;
    public readonly object? A = a;
    public readonly object? B = b;
    public readonly object? C = c;
    public readonly object? D = d;
    public readonly object? E = e;

    public int Hash() => _hash;

    public bool Same(in ValuesKey other) =>
        ReferenceEquals(A, other.A) && ReferenceEquals(B, other.B) && ReferenceEquals(C, other.C) && ReferenceEquals(D, other.D) && ReferenceEquals(E, other.E);
}
