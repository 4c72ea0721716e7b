using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CloudTrailModel.Internal;

/// <summary>How a boolean arrived in JSON, so it is written back the same way.</summary>
internal enum JsonBoolKind : byte
{
    /// <summary>Not read from JSON: the property's documented kind is used.</summary>
    Default = 0,
    Boolean = 1,
    String = 2,
}

/// <summary>A model type the parser and writer know: read from a reader positioned on its start token, written as JSON.</summary>
/// <typeparam name="TSelf">The model type.</typeparam>
internal interface IJsonModel<TSelf>
    where TSelf : class
{
    static abstract TSelf Read(ref Utf8JsonReader reader, ParseState state);

    void Write(Utf8JsonWriter writer);
}

/// <summary>An extensible string-valued struct (<see cref="CloudTrailEventType"/> and friends).</summary>
/// <typeparam name="TSelf">The struct type.</typeparam>
internal interface IExtensibleValue<TSelf>
    where TSelf : struct
{
    static abstract TSelf Create(string value);
}

/// <summary>Where a free-form value sits in the source of a record (an empty range: absent or JSON null).</summary>
internal readonly record struct RawRange(int Start, int Length);

/// <summary>Collects members that are unknown, or whose JSON type did not fit their typed property.</summary>
internal struct ExtraFields
{
    private Dictionary<string, JsonElement>? _fields;

    public void Add(string name, JsonElement value) => (_fields ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = value;

    /// <summary>
    /// Forgets an earlier member of this name: a repeated member's last value counts, whether it fits its typed
    /// property or is kept here (otherwise both would be written back, and read back differently).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forget(string name)
    {
        if (_fields is not null)
        {
            _fields.Remove(name);
        }
    }

    public readonly bool IsEmpty => _fields is null;

    public readonly IReadOnlyDictionary<string, JsonElement> Build() => _fields is null ? EmptyFields.Instance : new ValueMap<JsonElement>(_fields);
}

internal static class EmptyFields
{
    public static readonly ValueMap<JsonElement> Instance = ValueMap<JsonElement>.Empty;
}

/// <summary>
/// The state of one record parse: the bytes being parsed (so raw subtrees can be sliced out without a
/// second parse) and the reader's string pool. Field readers are tolerant: a value whose JSON type does not
/// fit its property leaves the property null and is kept, as it was, in the object's extra fields.
/// </summary>
internal sealed class ParseState
{
    private byte[] _buffer = [];
    private int _start;
    private int _length;

    private readonly bool _sharesObjects;

    /// <summary>Creates the state of a reader.</summary>
    /// <param name="pool">The pool of strings that repeat across records.</param>
    /// <param name="sharesObjects">
    /// Whether equal small objects are shared across records (<see cref="PooledObjects{TKey, T}"/>): not for a parse of one
    /// record, which would make the tables and never use them again.
    /// </param>
    public ParseState(StringPool pool, bool sharesObjects = true)
    {
        Pool = pool;
        _sharesObjects = sharesObjects;
    }

    public StringPool Pool { get; }

    /// <summary>
    /// Forgets the reader's buffer, the record being read and the per-read settings, before the state is kept for
    /// another reader (<see cref="ParseStateCache"/>). False when it is not worth keeping: its string pool is nearly
    /// full, so a new state would learn the next reader's values better.
    /// </summary>
    public bool Release()
    {
        BeginRecord();
        SetSource([], 0, 0);
        AllowDeferredStrings = false;
        FastSkipMaxDepth = 0;
        LastIssuerHash = 0;
        Pool.LastHash = 0;
        return _sharesObjects && !Pool.IsNearlyFull && !_names.IsNearlyFull;
    }

    /// <summary>Says that a new reader takes the state over from a finished one (see <see cref="StringPool.Inherit"/>).</summary>
    public void Inherit()
    {
        Pool.Inherit();
        _names.Inherit();
    }

    /// <summary>TLS configurations shared across records.</summary>
    public PooledObjects<ValuesKey, TlsDetails> SharedTlsDetails => field ??= Pooled<ValuesKey, TlsDetails>();

    /// <summary>Session issuers shared across records.</summary>
    public PooledObjects<ValuesKey, SessionIssuer> SharedSessionIssuers => field ??= Pooled<ValuesKey, SessionIssuer>();

    /// <summary>
    /// What records called, where, and how they are classified, shared across the records of this reader: 200 kinds
    /// in the benchmark's 12,340 records, so 128 sets of four hold a trail's kinds in use.
    /// </summary>
    public PooledObjects<CloudTrailRecord.RecordKind.Key, CloudTrailRecord.RecordKind> SharedRecordKinds =>
        field ??= Pooled<CloudTrailRecord.RecordKind.Key, CloudTrailRecord.RecordKind>(sets: 128);

    /// <summary>Who callers are in general (type, account, user name, invoking service), shared across the identities of this reader.</summary>
    public PooledObjects<ValuesKey, UserIdentity.IdentityKind> SharedIdentityKinds => field ??= Pooled<ValuesKey, UserIdentity.IdentityKind>();

    /// <summary>
    /// The key hash of the session issuer read last (from its strings' text; 0 for one of its own): for the session
    /// that holds it to hash its own key the same way on every run, which an identity hash would not.
    /// </summary>
    public int LastIssuerHash { get; set; }

    /// <summary>Sessions' members but their attributes (issuer, web identity provider, EC2 delivery), shared across the sessions of this reader.</summary>
    public PooledObjects<ValuesKey, SessionContext.SessionKind> SharedSessionKinds => field ??= Pooled<ValuesKey, SessionContext.SessionKind>();

    /// <summary>Resources' members but their ARNs (prefix, account, type), shared across the resources of this reader.</summary>
    public PooledObjects<ValuesKey, CloudTrailResource.ResourceKind> SharedResourceKinds => field ??= Pooled<ValuesKey, CloudTrailResource.ResourceKind>(sets: 16);

    /// <summary>Resources made only of pooled strings, shared across the records of this reader.</summary>
    public PooledObjects<ValuesKey, CloudTrailResource> SharedResources => field ??= Pooled<ValuesKey, CloudTrailResource>();

    private PooledObjects<TKey, T> Pooled<TKey, T>(int sets = 64)
        where TKey : struct, IPoolKey<TKey>
        where T : class =>
        _sharesObjects ? new(sets) : PooledObjects<TKey, T>.None;

    // Member names are few and hot: a table of their own stays in cache, apart from the values' table.
    private readonly StringPool _names = new(interned: true);

    public ReadOnlySpan<byte> Source => _buffer.AsSpan(_start, _length);

    // The strings of the record being read that are kept as UTF-8 (Utf8Text), until EndRecord gives them their array.
    // One value up to 4 KB: an EC2 "encoded authorization failure" error message runs to 1-2 KB (1% of the benchmark's
    // records), and as a string it took twice its UTF-8 (29 B per record on average when the limit was 1 KB).
    private const int MaxDeferredBytes = 16 * 1024;
    private const int MaxDeferredLength = 4 * 1024;
    private readonly List<IDeferredTextOwner> _pendingOwners = [];
    private byte[] _deferred = new byte[512];
    private int _deferredLength;

    /// <summary>
    /// Whether strings unique to a record may stay UTF-8 until first read. Only where the record's bytes are checked to
    /// be valid UTF-8 before it is returned (the record materializer), so decoding later can never fail or differ.
    /// </summary>
    public bool AllowDeferredStrings { get; set; }

    /// <summary>Starts a record: deferred strings of a record that was not finished are dropped.</summary>
    public void BeginRecord()
    {
        _pendingOwners.Clear();
        _deferredLength = 0;
    }

    /// <summary>An object holding pending deferred strings of the record being read: given its array at the record's end.</summary>
    public void AddPendingOwner(IDeferredTextOwner owner) => _pendingOwners.Add(owner);

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
    public void Keep(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        ReadOnlySpan<byte> slice = SliceValue(ref reader);
        var elementReader = new Utf8JsonReader(slice);
        extra.Add(name, JsonElement.ParseValue(ref elementReader));
    }

    /// <summary>Reads an unknown member: the reader is on its name.</summary>
    public void Unknown(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        Read(ref reader);
        Keep(ref reader, name, ref extra);
    }

    public string? String(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        KeepUnlessNull(ref reader, name, ref extra);
        return null;
    }

    /// <summary>
    /// Reads a string that repeats across records (a source, region, account, ARN): de-duplicated. Then
    /// <see cref="StringPool.LastHash"/> is the hash of its text (0 when there is none).
    /// </summary>
    public string? PooledString(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueIsEscaped)
            {
                Pool.LastHash = 0;
                return reader.GetString();
            }

            // A value enters the pool on its second sighting, so values unique to a record do not fill it.
            ReadOnlySpan<byte> utf8 = reader.ValueSpan;
            return Pool.GetIfRepeated(utf8) ?? System.Text.Encoding.UTF8.GetString(utf8);
        }

        Pool.LastHash = 0;
        KeepUnlessNull(ref reader, name, ref extra);
        return null;
    }

    /// <summary>
    /// Reads an ID unique to its record (an event, request or credential ID): kept until first read, in half its bytes
    /// when it is hexadecimal (<see cref="HexText"/>), otherwise as UTF-8.
    /// </summary>
    public Utf8Text UniqueString(ref Utf8JsonReader reader, string name, ref ExtraFields extra) =>
        DeferredString(ref reader, name, ref extra, pooled: false);

    /// <summary>
    /// Reads a string that may or may not repeat across records (an ARN or principal ID with a session name, an access
    /// key, an error message): the pooled string once it has been seen twice, otherwise kept as UTF-8 until first read.
    /// Then <see cref="StringPool.LastHash"/> is the hash of its text, as after <see cref="PooledString"/>.
    /// </summary>
    public Utf8Text PooledOrUniqueString(ref Utf8JsonReader reader, string name, ref ExtraFields extra) =>
        DeferredString(ref reader, name, ref extra, pooled: true);

    private Utf8Text DeferredString(ref Utf8JsonReader reader, string name, ref ExtraFields extra, bool pooled)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            Pool.LastHash = 0;
            KeepUnlessNull(ref reader, name, ref extra);
            return default;
        }

        if (reader.ValueIsEscaped)
        {
            Pool.LastHash = 0;
            return new Utf8Text(reader.GetString());
        }

        ReadOnlySpan<byte> utf8 = reader.ValueSpan;
        return pooled ? (Pool.GetIfRepeated(utf8) is { } value ? new Utf8Text(value) : Defer(utf8, packHex: false)) : Defer(utf8, packHex: true);
    }

    private Utf8Text Defer(ReadOnlySpan<byte> utf8, bool packHex)
    {
        // Bounded, so a hostile record (huge IDs, thousands of duplicate members) cannot grow the buffer a reader keeps.
        if (utf8.IsEmpty)
        {
            // An empty access key is common: nothing to keep.
            return new Utf8Text(string.Empty);
        }

        int length = _deferredLength;

        if (!AllowDeferredStrings || utf8.Length > MaxDeferredLength || length + utf8.Length > MaxDeferredBytes)
        {
            return new Utf8Text(System.Text.Encoding.UTF8.GetString(utf8));
        }

        if (length + utf8.Length > _deferred.Length)
        {
            Array.Resize(ref _deferred, Math.Max(_deferred.Length * 2, length + utf8.Length));
        }

        // Hexadecimal IDs in half the bytes (only where IDs are expected: looking costs more than it saves elsewhere).
        int shape = packHex ? HexText.TryPack(utf8, _deferred.AsSpan(length)) : -1;
        if (shape >= 0)
        {
            _deferredLength = length + HexText.PackedLength(shape);
            return Utf8Text.PendingPacked(length, shape);
        }

        utf8.CopyTo(_deferred.AsSpan(length));
        _deferredLength = length + utf8.Length;
        return Utf8Text.Pending(length, utf8.Length);
    }

    public T? Value<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
        where T : struct, IExtensibleValue<T>
    {
        string? value = PooledString(ref reader, name, ref extra);
        return value is null ? null : T.Create(value);
    }

    /// <summary>Reads a boolean that may arrive as a JSON boolean or as the string <c>"true"</c>/<c>"false"</c>.</summary>
    public bool? Bool(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out JsonBoolKind kind)
    {
        extra.Forget(name);
        Read(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                kind = JsonBoolKind.Boolean;
                return true;
            case JsonTokenType.False:
                kind = JsonBoolKind.Boolean;
                return false;
            case JsonTokenType.String when !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("true"u8):
                kind = JsonBoolKind.String;
                return true;
            case JsonTokenType.String when !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("false"u8):
                kind = JsonBoolKind.String;
                return false;
            default:
                kind = JsonBoolKind.Default;
                KeepUnlessNull(ref reader, name, ref extra);
                return null;
        }
    }

    public double? Double(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value) && double.IsFinite(value))
        {
            return value;
        }

        KeepUnlessNull(ref reader, name, ref extra);
        return null;
    }

    public int? Int32(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
        {
            return value;
        }

        KeepUnlessNull(ref reader, name, ref extra);
        return null;
    }

    /// <summary>
    /// Reads a timestamp (CloudTrail's <c>yyyy-MM-ddTHH:mm:ssZ</c>, ISO 8601 basic or extended, other invariant forms).
    /// <paramref name="spelling"/> is the text as it came when writing the value back would spell it differently.
    /// </summary>
    public DateTimeOffset? Time(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out string? spelling)
    {
        extra.Forget(name);
        Read(ref reader);
        spelling = null;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TimeFormat.TryParse(reader.ValueSpan, out DateTimeOffset value, out bool canonical))
        {
            spelling = canonical ? null : TimeFormat.SpellingUnlessCanonical(reader.GetString()!, value);
            return value;
        }

        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && reader.GetString() is { } text && TimeFormat.TryParse(text, out value))
        {
            spelling = TimeFormat.SpellingUnlessCanonical(text, value);
            return value;
        }

        KeepUnlessNull(ref reader, name, ref extra);
        return null;
    }

    /// <summary>Keeps a free-form value (any JSON kind) as raw UTF-8; JSON null gives null.</summary>
    public RawJson? Raw(ref Utf8JsonReader reader)
    {
        RawRange range = RawRange(ref reader);
        return range.Length == 0 ? null : new RawJson(Source.Slice(range.Start, range.Length).ToArray());
    }

    /// <summary>
    /// Finds a free-form value (any JSON kind) without copying it: <see cref="EndRecord"/> copies all of a record's
    /// free-form values into one array when the record is done. JSON null gives an empty range.
    /// </summary>
    public RawRange RawRange(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        int start = SourceIndex(reader.TokenStartIndex);
        int maxDepth = FastSkipMaxDepth;
        if (maxDepth > 0 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth == 1)
        {
            // A member of the record: checked and skipped in one tight pass, then the reader is made again past it.
            int end = SkipFast(ref reader, Source, start, maxDepth, depth: 1);
            if (end > 0)
            {
                _readerBase = end;
                SkippedFast = true;
                return new RawRange(start, end - start);
            }
        }

        SkipValue(ref reader);
        return new RawRange(start, SourceIndex(reader.BytesConsumed) - start);
    }

    /// <summary>
    /// Skips the object or array at <paramref name="start"/> of <paramref name="span"/> (the reader's span, from its
    /// start), on which the reader is, at depth 1 or 2 (<see cref="Utf8JsonReader.CurrentDepth"/>), with
    /// <see cref="JsonSkipper"/>, and makes the reader again over the rest of the span: the index past the value, or
    /// -1 when the skipper was not sure (the reader is then unchanged). Token indexes of the new reader count from
    /// the returned index, and its line and column from the record's start no longer.
    /// </summary>
    public int SkipFast(ref Utf8JsonReader reader, ReadOnlySpan<byte> span, int start, int maxDepth, int depth)
    {
        int end = JsonSkipper.SkipContainer(span, start, maxDepth - depth - 1);
        if (end > 0)
        {
            reader = new Utf8JsonReader(span[end..], reader.IsFinalBlock, ResumeState(maxDepth, depth));
        }

        return end;
    }

    /// <summary>
    /// The state of a reader inside a record at <paramref name="depth"/> (1 or 2) just after a member's value, with
    /// the given depth limit: what a reader made again past a value skipped fast starts from.
    /// </summary>
    private JsonReaderState ResumeState(int maxDepth, int depth)
    {
        if (_resumeMaxDepth != maxDepth)
        {
            // The reader has just ended a member's (empty) value at depth 1 and 2.
            _resumeStates[0] = StateAfter("{\"a\":{}"u8, maxDepth);
            _resumeStates[1] = StateAfter("{\"a\":{\"a\":{}"u8, maxDepth);
            _resumeMaxDepth = maxDepth;
        }

        return _resumeStates[depth - 1];

        static JsonReaderState StateAfter(ReadOnlySpan<byte> json, int maxDepth)
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));
            while (reader.Read())
            {
            }

            return reader.CurrentState;
        }
    }

    /// <summary>
    /// Ends a record: copies its deferred strings, then the values of up to four ranges of the source one after
    /// another (from <see cref="DeferredLength"/>, in this order), then <paramref name="table"/> (where the record's
    /// own values are, <see cref="RecordTexts.WriteTable"/>) into one new array, <paramref name="bytes"/>, and gives
    /// the pending strings of the objects read for the record the array.
    /// </summary>
    public void EndRecord(RawRange a, RawRange b, RawRange c, RawRange d, ReadOnlySpan<byte> table, out byte[] bytes)
    {
        int deferred = _deferredLength;
        int total = deferred + a.Length + b.Length + c.Length + d.Length + table.Length;
        bytes = total == 0 ? [] : GC.AllocateUninitializedArray<byte>(total);
        table.CopyTo(bytes.AsSpan(total - table.Length));
        if (deferred > 0)
        {
            _deferred.AsSpan(0, deferred).CopyTo(bytes);
            _deferredLength = 0;
            foreach (IDeferredTextOwner owner in _pendingOwners)
            {
                owner.ResolveDeferred(bytes);
            }

            _pendingOwners.Clear();
        }

        int offset = deferred;
        Copy(a, bytes, ref offset);
        Copy(b, bytes, ref offset);
        Copy(c, bytes, ref offset);
        Copy(d, bytes, ref offset);
    }

    /// <summary>Room for a record's <see cref="RecordTexts.WriteTable"/> table before <see cref="EndRecord"/> copies it (kept, so it is not zeroed per record as a stackalloc would be).</summary>
    public byte[] TableScratch { get; } = new byte[RecordTexts.MaxTableLength];

    /// <summary>How many bytes of deferred strings the record being read has: where <see cref="EndRecord"/> puts its free-form values.</summary>
    public int DeferredLength => _deferredLength;

    private void Copy(RawRange range, byte[] bytes, ref int offset)
    {
        Source.Slice(range.Start, range.Length).CopyTo(bytes.AsSpan(offset));
        offset += range.Length;
    }

    public T? Object<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
        where T : class, IJsonModel<T>
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            // Empty objects are common (webIdFederationData, an IAM user's sessionIssuer): one instance serves them all.
            int next = SourceIndex(reader.BytesConsumed);
            ReadOnlySpan<byte> source = Source;
            if (next < source.Length && source[next] == (byte)'}')
            {
                Read(ref reader);
                return EmptyObject<T>.Instance;
            }

            return T.Read(ref reader, this);
        }

        KeepUnlessNull(ref reader, name, ref extra);
        return null;
    }

    /// <summary>Reads an array of objects; if any element is not an object the whole array is kept as an extra field.</summary>
    public IReadOnlyList<T>? List<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
        where T : class, IJsonModel<T>
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            KeepUnlessNull(ref reader, name, ref extra);
            return null;
        }

        int start = SourceIndex(reader.TokenStartIndex);

        // Most lists hold one or two objects: collect a few in locals and allocate one array of the exact size.
        T? first = null, second = null;
        List<T>? more = null;
        int count = 0;
        bool allObjects = true;
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (reader.TokenType == JsonTokenType.StartObject && allObjects)
            {
                T item = T.Read(ref reader, this);
                switch (count++)
                {
                    case 0: first = item; break;
                    case 1: second = item; break;
                    default: (more ??= []).Add(item); break;
                }
            }
            else
            {
                allObjects = false;
                SkipValue(ref reader);
            }
        }

        if (allObjects)
        {
            if (count == 0)
            {
                return ValueList<T>.Empty;
            }

            var items = new T[count];
            items[0] = first!;
            if (count > 1)
            {
                items[1] = second!;
                more?.CopyTo(items, 2);
            }

            return new ValueList<T>(items);
        }

        var elementReader = new Utf8JsonReader(Source[start..SourceIndex(reader.BytesConsumed)]);
        extra.Add(name, JsonElement.ParseValue(ref elementReader));
        return null;
    }

    /// <summary>Reads an object whose members are all strings; otherwise the whole object is kept as an extra field.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            KeepUnlessNull(ref reader, name, ref extra);
            return null;
        }

        int start = SourceIndex(reader.TokenStartIndex);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        bool allStrings = true;
        while (NextMember(ref reader))
        {
            string key = PropertyName(ref reader);
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.String)
            {
                map[key] = reader.GetString()!;
            }
            else
            {
                allStrings = false;
                SkipValue(ref reader);
            }
        }

        if (allStrings)
        {
            return new ValueMap<string>(map);
        }

        var elementReader = new Utf8JsonReader(Source[start..SourceIndex(reader.BytesConsumed)]);
        extra.Add(name, JsonElement.ParseValue(ref elementReader));
        return null;
    }

    private void KeepUnlessNull(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        if (reader.TokenType != JsonTokenType.Null)
        {
            Keep(ref reader, name, ref extra);
        }
    }
}

/// <summary>The object <typeparamref name="T"/> reads from <c>{}</c>, shared: model objects are immutable.</summary>
/// <typeparam name="T">The model type.</typeparam>
internal static class EmptyObject<T>
    where T : class, IJsonModel<T>
{
    public static readonly T Instance = Create();

    private static T Create()
    {
        byte[] empty = "{}"u8.ToArray();
        var state = new ParseState(new StringPool(), sharesObjects: false);
        state.SetSource(empty, 0, empty.Length);
        var reader = new Utf8JsonReader(empty);
        reader.Read();
        return T.Read(ref reader, state);
    }
}

/// <summary>CloudTrail's timestamp format, parsed without regard to the current culture.</summary>
internal static class TimeFormat
{
    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ssZ</c> fast, and other ISO 8601 forms (basic, offsets, fractions) on a slower path.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value) => TryParse(utf8, out value, out _);

    /// <summary>As <see cref="TryParse(ReadOnlySpan{byte}, out DateTimeOffset)"/>; <paramref name="canonical"/> says the fast path took it, so <see cref="Format"/> gives the same text.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value, out bool canonical)
    {
        canonical = true;
        if (utf8.Length == 20 && utf8[4] == '-' && utf8[7] == '-' && utf8[10] == 'T' && utf8[13] == ':' && utf8[16] == ':' && utf8[19] == 'Z'
            && TryDigits(utf8, 0, 4, out int year) && TryDigits(utf8, 5, 2, out int month) && TryDigits(utf8, 8, 2, out int day)
            && TryDigits(utf8, 11, 2, out int hour) && TryDigits(utf8, 14, 2, out int minute) && TryDigits(utf8, 17, 2, out int second)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 60)
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
            return true;
        }

        canonical = false;
        if (utf8.Length > 64)
        {
            value = default;
            return false;
        }

        Span<char> chars = stackalloc char[64];
        int n = System.Text.Encoding.UTF8.GetChars(utf8, chars);
        return TryParse(chars[..n], out value);
    }

    private static readonly string[] BasicFormats = ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd'T'HHmmssK", "yyyyMMdd'T'HHmmss.FFFFFFF'Z'"];

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        // Only text that starts like a date is considered: DateTimeOffset.TryParse alone accepts far too much ("1", "May").
        if (text.Length < 8 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[3]))
        {
            value = default;
            return false;
        }

        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (text.Length >= 15 && text[8] == 'T' && DateTimeOffset.TryParseExact(text, BasicFormats, CultureInfo.InvariantCulture, Styles, out value))
        {
            return true;
        }

        if (text[4] == '-')
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out value);
        }

        value = default;
        return false;
    }

    /// <summary>The text as it came, or null when <see cref="Format"/> writes <paramref name="value"/> the same way (the usual case).</summary>
    public static string? SpellingUnlessCanonical(string text, DateTimeOffset value) => text == Format(value) ? null : text;

    /// <summary>Writes CloudTrail's own format (with a fraction only when the instant has one), always in UTC.</summary>
    public static string Format(DateTimeOffset value)
    {
        DateTime utc = value.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        foreach (byte b in s.Slice(start, count))
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
