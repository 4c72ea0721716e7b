using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CloudTrailModel.Internal;

// Strings: as they are, pooled across records, or kept as UTF-8 until first read.
internal sealed partial class ParseState
{
    // The strings of the record being read that are kept as UTF-8 (Utf8Text), until EndRecord gives them their array.
    // One value up to 4 KB: an EC2 "encoded authorization failure" error message runs to 1-2 KB (1% of the benchmark's
    // records), and as a string it would take twice its UTF-8.
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

    public string? String(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        Keep(ref reader, name, ref extra);
        return null;
    }

    /// <summary>Reads a string that repeats across records (a source, region, account, ARN): de-duplicated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? PooledString(ref Utf8JsonReader reader, string name, ref ExtraFields extra) => PooledString(ref reader, name, ref extra, out _);

    /// <summary>
    /// As <see cref="PooledString(ref Utf8JsonReader, string, ref ExtraFields)"/>; <paramref name="hash"/> is the hash of
    /// its text (0 when there is none), for keys of shared objects: equal texts give equal hashes, whatever instance holds them.
    /// </summary>
    public string? PooledString(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out int hash)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueIsEscaped)
            {
                hash = 0;
                return reader.GetString();
            }

            // A value enters the pool on its second sighting, so values unique to a record do not fill it.
            ReadOnlySpan<byte> utf8 = reader.ValueSpan;
            return Pool.GetIfRepeated(utf8, out hash) ?? System.Text.Encoding.UTF8.GetString(utf8);
        }

        hash = 0;
        Keep(ref reader, name, ref extra);
        return null;
    }

    /// <summary>
    /// Reads an ID unique to its record (an event, request or credential ID): kept until first read, in half its bytes
    /// when it is hexadecimal (<see cref="HexText"/>), otherwise as UTF-8.
    /// </summary>
    public Utf8Text UniqueString(ref Utf8JsonReader reader, string name, ref ExtraFields extra) =>
        DeferredString(ref reader, name, ref extra, pooled: false, out _);

    /// <summary>
    /// Reads a string that may or may not repeat across records (an ARN or principal ID with a session name, an access
    /// key, an error message): the pooled string once it has been seen twice, otherwise kept as UTF-8 until first read.
    /// </summary>
    public Utf8Text PooledOrUniqueString(ref Utf8JsonReader reader, string name, ref ExtraFields extra) =>
        DeferredString(ref reader, name, ref extra, pooled: true, out _);

    /// <summary>As <see cref="PooledOrUniqueString(ref Utf8JsonReader, string, ref ExtraFields)"/>, with the hash of its text as <see cref="PooledString(ref Utf8JsonReader, string, ref ExtraFields, out int)"/> gives it.</summary>
    public Utf8Text PooledOrUniqueString(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out int hash) =>
        DeferredString(ref reader, name, ref extra, pooled: true, out hash);

    private Utf8Text DeferredString(ref Utf8JsonReader reader, string name, ref ExtraFields extra, bool pooled, out int hash)
    {
        extra.Forget(name);
        Read(ref reader);
        hash = 0;
        if (reader.TokenType != JsonTokenType.String)
        {
            Keep(ref reader, name, ref extra);
            return default;
        }

        if (reader.ValueIsEscaped)
        {
            return new Utf8Text(reader.GetString());
        }

        ReadOnlySpan<byte> utf8 = reader.ValueSpan;
        return pooled ? (Pool.GetIfRepeated(utf8, out hash) is { } value ? new Utf8Text(value) : Defer(utf8, packHex: false)) : Defer(utf8, packHex: true);
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

}
