using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>
/// The state of one record parse: the bytes being parsed (so raw subtrees can be sliced out without a
/// second parse) and the reader's string pool. Field readers are tolerant: a value whose JSON type does not
/// fit its property leaves the property null and is kept, as it was, in the object's extra fields.
/// </summary>
internal sealed partial class ParseState
{
    private byte[] _buffer = [];
    private int _start;
    private int _length;

    // Whether equal small objects are shared across records (PooledObjects): not for a state without tables (WithoutTables).
    private readonly bool _sharesObjects;

    /// <summary>Creates the state of a reader.</summary>
    /// <param name="pool">The pool of strings that repeat across records (<see cref="StringPool.Unpooled"/>: see <see cref="WithoutTables"/>).</param>
    public ParseState(StringPool pool)
    {
        Pool = pool;
        _sharesObjects = !ReferenceEquals(pool, StringPool.Unpooled);
        _names = _sharesObjects ? new StringPool(interned: true) : StringPool.Unpooled;
    }

    public StringPool Pool { get; }

    /// <summary>Whether the state has tables of strings and objects (every state but <see cref="WithoutTables"/>).</summary>
    public bool HasTables => _sharesObjects;

    /// <summary>
    /// A state without tables of strings or objects, for a record parsed alone when no kept state is free
    /// (<see cref="ParseStateCache.RentForOneRecord"/>) and for empty objects.
    /// </summary>
    public static ParseState WithoutTables() => new(StringPool.Unpooled);

    /// <summary>
    /// Forgets the reader's buffer, the record being read and the per-read settings, before the state is kept for
    /// another reader (<see cref="ParseStateCache"/>). False for a state that does not share objects (which is not kept).
    /// A full pool is kept too: its next reader empties it when it needs the room (<see cref="StringPool.Inherit"/>), so
    /// its tables are reused instead of becoming garbage with each pool a trail of many files fills.
    /// </summary>
    public bool Release()
    {
        Pool.ShareSightingsOf(null);
        BeginRecord();
        SetSource([], 0, 0);
        AllowDeferredStrings = false;
        FastSkipMaxDepth = 0;
        return _sharesObjects;
    }

    /// <summary>Says that a new reader takes the state over from a finished one (see <see cref="StringPool.Inherit"/>).</summary>
    public void Inherit()
    {
        Pool.Inherit();
        _names.Inherit();
    }

    // Each pool grows, while it misses, up to PooledObjects.MaxSets: an organisation trail has thousands of roles (and
    // with them issuers, sessions, identities and resources), a single account's trail a few dozen.

    /// <summary>TLS configurations shared across records.</summary>
    public PooledObjects<ValuesKey, TlsDetails> SharedTlsDetails => field ??= Pooled<ValuesKey, TlsDetails>();

    /// <summary>Session issuers shared across records: one per role.</summary>
    public PooledObjects<ValuesKey, SessionIssuer> SharedSessionIssuers => field ??= Pooled<ValuesKey, SessionIssuer>();

    /// <summary>
    /// What records called, where, how they are classified and whether a console session made them, shared across the
    /// records of this reader (385 kinds in the benchmarks' files).
    /// </summary>
    public PooledObjects<CloudTrailRecord.RecordKind.Key, CloudTrailRecord.RecordKind> SharedRecordKinds =>
        field ??= Pooled<CloudTrailRecord.RecordKind.Key, CloudTrailRecord.RecordKind>();

    /// <summary>Who callers are in general (type, account, user name, invoking service), shared across the identities of this reader.</summary>
    public PooledObjects<ValuesKey, UserIdentity.IdentityKind> SharedIdentityKinds => field ??= Pooled<ValuesKey, UserIdentity.IdentityKind>();

    /// <summary>Sessions' members but their attributes (issuer, web identity provider, EC2 delivery), shared across the sessions of this reader.</summary>
    public PooledObjects<ValuesKey, SessionContext.SessionKind> SharedSessionKinds => field ??= Pooled<ValuesKey, SessionContext.SessionKind>();

    /// <summary>Resources' members but their ARNs (prefix, account, type), shared across the resources of this reader.</summary>
    public PooledObjects<ValuesKey, CloudTrailResource.ResourceKind> SharedResourceKinds => field ??= Pooled<ValuesKey, CloudTrailResource.ResourceKind>();

    /// <summary>Resources made only of pooled strings, shared across the records of this reader.</summary>
    public PooledObjects<ValuesKey, CloudTrailResource> SharedResources => field ??= Pooled<ValuesKey, CloudTrailResource>();

    private PooledObjects<TKey, T> Pooled<TKey, T>()
        where TKey : struct, IPoolKey<TKey>
        where T : class =>
        _sharesObjects ? new() : PooledObjects<TKey, T>.None;

    // Member names are few and hot: a table of their own stays in cache, apart from the values' table. None for a state
    // without tables (each name is then a new string, as it would be on its first sighting in a table).
    private readonly StringPool _names;

    public ReadOnlySpan<byte> Source => _buffer.AsSpan(_start, _length);

    /// <summary>Sets the bytes a reader is about to parse; token indexes are relative to <paramref name="start"/>.</summary>
    public void SetSource(byte[] buffer, int start, int length)
    {
        _buffer = buffer;
        _start = start;
        _length = length;
        _readerBase = 0;
        SkippedFast = false;
    }

    // Where in Source the reader's span starts: not 0 once a free-form value was skipped fast (the reader is then
    // made again past it).
    private int _readerBase;

    // Reader states inside a record after a member's value, at depths 1 and 2 (made once per depth limit, see ResumeState).
    private readonly JsonReaderState[] _resumeStates = new JsonReaderState[2];
    private int _resumeMaxDepth = -1;

    /// <summary>
    /// The reader's depth limit when free-form values of a record may be skipped by <see cref="JsonSkipper"/> rather
    /// than token by token; 0 when not. The reader is then made again past each such value, so its line and column no
    /// longer count from the record's start: only a caller that parses a record again without it when the record
    /// fails (the materializer) sets it.
    /// </summary>
    public int FastSkipMaxDepth { get; set; }

    /// <summary>Whether a value of the current record was skipped fast (see <see cref="FastSkipMaxDepth"/>).</summary>
    public bool SkippedFast { get; private set; }

    /// <summary>The index in <see cref="Source"/> of a reader index (token start or bytes consumed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SourceIndex(long readerIndex) => _readerBase + checked((int)readerIndex);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            ThrowNeedMore();
        }
    }

    /// <summary>Moves from a property name (or array start) to the next token and says whether it ends the container.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextMember(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType != JsonTokenType.EndObject;
    }

    // Records are read from complete slices, so a reader that runs out is inside a value that is cut short or malformed.
    public static void ThrowNeedMore() => throw new JsonException("The record ends inside a value.");

    public string PropertyName(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()! : _names.GetInSequence(reader.ValueSpan);

    /// <summary>Skips the value the reader is on (containers included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            ThrowNeedMore();
        }
    }

    /// <summary>Slices the value the reader is on out of the source and moves past it.</summary>
    public ReadOnlySpan<byte> SliceValue(ref Utf8JsonReader reader)
    {
        int start = SourceIndex(reader.TokenStartIndex);
        SkipValue(ref reader);
        return Source[start..SourceIndex(reader.BytesConsumed)];
    }

    /// <summary>Keeps the value the reader is on as an extra field.</summary>
    /// <remarks>A JSON null is kept too (the typed property is null either way), so the record writes it back.</remarks>
    public void Keep(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            extra.Add(name, JsonNull);
            return;
        }

        KeepSlice(SliceValue(ref reader), name, ref extra);
    }

    // One null for every kept JSON null: an element parsed this way owns its bytes and is immutable, so it is shared.
    private static readonly JsonElement JsonNull = ParseNull();

    private static JsonElement ParseNull()
    {
        var reader = new Utf8JsonReader("null"u8);
        return JsonElement.ParseValue(ref reader);
    }

    // A value as it appeared, as an extra field.
    private static void KeepSlice(ReadOnlySpan<byte> json, string name, ref ExtraFields extra)
    {
        var elementReader = new Utf8JsonReader(json);
        extra.Add(name, JsonElement.ParseValue(ref elementReader));
    }

    /// <summary>Reads an unknown member: the reader is on its name.</summary>
    public void Unknown(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        Read(ref reader);
        Keep(ref reader, name, ref extra);
    }
}
