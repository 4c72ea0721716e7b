using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CloudTrailModel.Internal;

// Nested model objects, lists of them, and objects of strings.
internal sealed partial class ParseState
{
    public T? Object<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
        where T : class, IJsonModel<T> =>
        AtObject(ref reader, name, ref extra, out T? done) ? T.Read(ref reader, this) : done;

    /// <summary>
    /// Reads an object whose instances a reader shares; <paramref name="hash"/> is the key hash of the one read (0 for an
    /// empty object or one of its own), for the object that holds it to key on the same way on every run.
    /// </summary>
    public T? Object<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out int hash)
        where T : class, IJsonModel<T>, IHashedModel<T>
    {
        if (AtObject(ref reader, name, ref extra, out T? done))
        {
            return T.ReadHashed(ref reader, this, out hash);
        }

        hash = 0;
        return done;
    }

    // True when the reader is on an object with members, to be read; otherwise done is what was read instead (the
    // shared empty object, or null when the value was not an object and was kept as an extra field).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AtObject<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra, out T? done)
        where T : class, IJsonModel<T>
    {
        extra.Forget(name);
        Read(ref reader);
        done = null;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            // Empty objects are common (webIdFederationData, an IAM user's sessionIssuer): one instance serves them all.
            int next = SourceIndex(reader.BytesConsumed);
            ReadOnlySpan<byte> source = Source;
            if (next < source.Length && source[next] == (byte)'}')
            {
                Read(ref reader);
                done = EmptyObject<T>.Instance;
                return false;
            }

            return true;
        }

        Keep(ref reader, name, ref extra);
        return false;
    }

    /// <summary>Reads an array of objects; if any element is not an object the whole array is kept as an extra field.</summary>
    public IReadOnlyList<T>? List<T>(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
        where T : class, IJsonModel<T>
    {
        if (!AtContainer(ref reader, name, ref extra, JsonTokenType.StartArray, out int start))
        {
            return null;
        }

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

        KeepSlice(Source[start..SourceIndex(reader.BytesConsumed)], name, ref extra);
        return null;
    }

    /// <summary>Reads an object whose members are all strings; otherwise the whole object is kept as an extra field.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(ref Utf8JsonReader reader, string name, ref ExtraFields extra)
    {
        if (!AtContainer(ref reader, name, ref extra, JsonTokenType.StartObject, out int start))
        {
            return null;
        }
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

        KeepSlice(Source[start..SourceIndex(reader.BytesConsumed)], name, ref extra);
        return null;
    }

    // True when the reader is on a container of the expected kind (start: its index in the source); otherwise the value
    // was kept as an extra field (unless null).
    private bool AtContainer(ref Utf8JsonReader reader, string name, ref ExtraFields extra, JsonTokenType expected, out int start)
    {
        extra.Forget(name);
        Read(ref reader);
        if (reader.TokenType != expected)
        {
            Keep(ref reader, name, ref extra);
            start = 0;
            return false;
        }

        start = SourceIndex(reader.TokenStartIndex);
        return true;
    }
}
