namespace CloudTrailModel.Generator;

/// <summary>How a model member is read, stored and written back (the fourth column of a member table).</summary>
public enum MemberKind
{
    /// <summary>A string read as it is (values unique to a record: <c>ParseState.String</c>); <c>string</c> in a table.</summary>
    Plain,

    /// <summary>A string that repeats across records, de-duplicated by the reader's pool (<c>ParseState.PooledString</c>).</summary>
    Pooled,

    /// <summary>An extensible struct made from a pooled string (<c>ParseState.Value</c>).</summary>
    Value,

    /// <summary>A nested model object (<c>ParseState.Object</c>); <c>object</c> in a table.</summary>
    Model,

    /// <summary>An array of model objects (<c>ParseState.List</c>).</summary>
    List,

    /// <summary>An object of strings (<c>ParseState.StringMap</c>).</summary>
    Map,

    /// <summary>Any JSON kept as its raw text (<c>ParseState.Raw</c>).</summary>
    Raw,

    /// <summary>A JSON number (<c>int</c> or <c>double</c>).</summary>
    Number,

    /// <summary>A boolean documented as a JSON boolean; a string <c>"true"</c> is read too and written back as it came.</summary>
    Bool,

    /// <summary>A boolean documented as the string <c>"true"</c>/<c>"false"</c>; a JSON boolean is read too and written back as it came.</summary>
    BoolText,

    /// <summary>A timestamp, stored compactly; a spelling other than CloudTrail's is written back as it came.</summary>
    Time,

    /// <summary>A string that may or may not repeat (an ARN with a session name): pooled once seen twice, else kept as UTF-8 until first read.</summary>
    Deferred,

    /// <summary>A string unique to its record (a credential ID): kept as UTF-8 (hexadecimal packed) until first read.</summary>
    Unique,

    /// <summary>A struct parsed from a pooled string by its <c>TryParse</c> (an event version); text that is not one is kept as an extra field.</summary>
    Parsed,
}

/// <summary>Where a member is stored (after <c>@</c> in its kind cell): on the object, in its shared kind, in its side object, or in the record's texts.</summary>
public enum MemberStorage
{
    /// <summary>A field of the object itself.</summary>
    Own,

    /// <summary>The kind object shared by the objects of a reader whose kind members are alike (keyed by their pooled strings' hashes).</summary>
    Kind,

    /// <summary>The side object of members few objects have, shared by every object that has none of them.</summary>
    Rare,

    /// <summary>The record's one array of texts (<c>RecordTexts</c>: up to four strings and four raw values), kept until first read.</summary>
    Texts,
}

/// <summary>One member of a model type: a line <c>json | Name | .NET type | kind | summary</c> of its table.</summary>
/// <param name="Json">The JSON member name.</param>
/// <param name="Name">The .NET property name.</param>
/// <param name="Type">The property's .NET type, without <c>?</c>.</param>
/// <param name="Kind">How it is read, stored and written.</param>
/// <param name="Summary">The property's XML summary text.</param>
public sealed record ModelMember(string Json, string Name, string Type, MemberKind Kind, string Summary)
{
    /// <summary>Where it is stored.</summary>
    public MemberStorage Storage { get; init; }

    /// <summary>A second spelling AWS also uses (a JSON cell <c>deviceId/deviceID</c>): read too, and written back as it came.</summary>
    public string? OtherSpelling { get; init; }
}

/// <summary>
/// A member table (<c>*.members</c> beside the model's sources): a <c>record</c> (a model type, its members) or a
/// <c>struct</c> (an extensible value, its known values). Lines: a directive (<c>record Name</c>, <c>struct Name</c>,
/// <c>namespace</c>, <c>summary</c>, <c>attribute</c>, <c>shared</c>, <c>empty</c>, <c>converter</c>, <c>factory</c>,
/// <c>source</c>) or a row of cells separated by <c>|</c>; <c>#</c> starts a comment line.
/// </summary>
public sealed class ModelTable
{
    /// <summary>Whether the table describes a record (otherwise an extensible struct).</summary>
    public bool IsRecord { get; private set; }

    /// <summary>The type's name.</summary>
    public string Type { get; private set; } = string.Empty;

    /// <summary>The type's namespace.</summary>
    public string Namespace { get; private set; } = "CloudTrailModel";

    /// <summary>The type's XML summary, one doc line each.</summary>
    public IReadOnlyList<string> Summary => _summary;

    private readonly List<string> _summary = [];

    /// <summary>Attributes of the type besides its converter, as written between brackets.</summary>
    public IReadOnlyList<string> Attributes => _attributes;

    private readonly List<string> _attributes = [];

    /// <summary>For a record: the reader's pool of shared instances (objects made only of pooled values), or null.</summary>
    public string? SharedPool { get; private set; }

    /// <summary>For a record with members stored in a shared kind: the kind's type and the reader's pool of kinds.</summary>
    public (string Type, string Pool)? Kind { get; private set; }

    /// <summary>
    /// Whether the kind also holds the rare members and the extra fields (<c>kind Type Pool holds-rare</c>): an object with
    /// any of them has a kind of its own, and there is no side object.
    /// </summary>
    public bool KindHoldsRare { get; private set; }

    /// <summary>For a record: its members, in JSON order.</summary>
    public IReadOnlyList<ModelMember> Members => _members;

    private readonly List<ModelMember> _members = [];

    /// <summary>For a struct: its known values.</summary>
    public IReadOnlyList<KnownValue> Values => _values;

    private readonly List<KnownValue> _values = [];

    /// <summary>For a struct: whether it has the internal <c>IsEmpty</c>.</summary>
    public bool HasIsEmpty { get; private set; }

    /// <summary>For a struct: its JSON converter (the core's converter factory unless said).</summary>
    public string Converter { get; private set; } = "CloudTrailJsonConverter";

    /// <summary>For a struct: the interfaces that make it from a string, and their factory's name.</summary>
    public IReadOnlyList<(string Interface, string Factory)> Factories => _factories;

    private readonly List<(string Interface, string Factory)> _factories = [];

    /// <summary>For a struct: what its values appear in, for the docs.</summary>
    public string Source { get; private set; } = "CloudTrail JSON";

    /// <summary>Parses a table; <paramref name="path"/> names it in errors.</summary>
    public static ModelTable Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = new ModelTable();
        int number = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            number++;
            string line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                table.ParseLine(line);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{path}({number}): {ex.Message}", ex);
            }
        }

        if (table.Type.Length == 0 || table._summary.Count == 0)
        {
            throw new InvalidDataException($"{path}: a table needs a 'record' or 'struct' line and a 'summary'.");
        }

        return table;
    }

    private void ParseLine(string line)
    {
        if (line.Contains('|', StringComparison.Ordinal))
        {
            string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (IsRecord)
            {
                if (cells.Length != 5)
                {
                    throw new InvalidDataException("a member row is: json | Name | type | kind | summary.");
                }

                string[] spellings = cells[0].Split('/');
                string[] kind = cells[3].Split('@');
                _members.Add(new ModelMember(spellings[0], cells[1], cells[2], ParseKind(kind[0]), cells[4])
                {
                    OtherSpelling = spellings.Length > 1 ? spellings[1] : null,
                    Storage = kind.Length == 1 ? MemberStorage.Own : kind[1] switch
                    {
                        "kind" => MemberStorage.Kind,
                        "rare" => MemberStorage.Rare,
                        "texts" => MemberStorage.Texts,
                        _ => throw new InvalidDataException($"unknown storage '{kind[1]}'."),
                    },
                });
            }
            else
            {
                _values.Add(cells.Length == 3
                    ? new KnownValue(cells[1], cells[0], $"{cells[2]}: <c>{ServiceGenerator.Xml(cells[0])}</c>.")
                    : throw new InvalidDataException("a value row is: raw | Name | summary (without the value)."));
            }

            return;
        }

        int space = line.IndexOf(' ', StringComparison.Ordinal);
        string directive = space < 0 ? line : line[..space];
        string rest = space < 0 ? string.Empty : line[(space + 1)..].Trim();
        switch (directive)
        {
            case "record": IsRecord = true; Type = rest; break;
            case "struct": Type = rest; break;
            case "namespace": Namespace = rest; break;
            case "summary": _summary.Add(rest); break;
            case "attribute": _attributes.Add(rest); break;
            case "shared": SharedPool = rest; break;
            case "kind":
                string[] kind = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Kind = kind.Length is 2 or 3 ? (kind[0], kind[1]) : throw new InvalidDataException("kind is: kind KindType ReaderPool [holds-rare].");
                KindHoldsRare = kind.Length == 3 && (kind[2] == "holds-rare" ? true : throw new InvalidDataException($"unknown kind option '{kind[2]}'."));
                break;
            case "empty": HasIsEmpty = true; break;
            case "converter": Converter = rest; break;
            case "source": Source = rest; break;
            case "factory":
                string[] parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                _factories.Add(parts.Length == 2 ? (parts[0], parts[1]) : throw new InvalidDataException("factory is: factory Interface Method."));
                break;
            default: throw new InvalidDataException($"unknown directive '{directive}'.");
        }
    }

    private static MemberKind ParseKind(string kind) => kind switch
    {
        "string" => MemberKind.Plain,
        "pooled" => MemberKind.Pooled,
        "value" => MemberKind.Value,
        "object" => MemberKind.Model,
        "list" => MemberKind.List,
        "map" => MemberKind.Map,
        "raw" => MemberKind.Raw,
        "number" => MemberKind.Number,
        "bool" => MemberKind.Bool,
        "bool-text" => MemberKind.BoolText,
        "time" => MemberKind.Time,
        "deferred" => MemberKind.Deferred,
        "unique" => MemberKind.Unique,
        "parsed" => MemberKind.Parsed,
        _ => throw new InvalidDataException($"unknown member kind '{kind}'."),
    };
}
