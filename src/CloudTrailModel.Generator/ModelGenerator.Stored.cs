using System.Text;

namespace CloudTrailModel.Generator;

// Records whose members live in a shared kind object, a side object for rare members, the record's one array of texts,
// or UTF-8 kept until first read.
public static partial class ModelGenerator
{
    // A time is one word in its object and keeps its offset and spelling in the side object, so an object with one is stored.
    private static bool IsStored(ModelMember m) =>
        m.Storage != MemberStorage.Own || IsText(m) || m.Kind is MemberKind.Parsed or MemberKind.Time;

    private static bool IsText(ModelMember m) => m.Kind is MemberKind.Deferred or MemberKind.Unique;

    private static bool IsBool(ModelMember m) => m.Kind is MemberKind.Bool or MemberKind.BoolText;

    private static string StoredRecord(ModelTable table, IReadOnlySet<string> hashedTypes)
    {
        var t = new StoredShape(table, hashedTypes);
        string type = table.Type;
        StringBuilder sb = RecordStart(table);
        sb.Append($"public sealed partial record {type} : IJsonModel<{type}>{(t.Pending.Length > 0 ? ", IDeferredTextOwner" : string.Empty)}\n{{\n");
        AppendStoredFields(sb, t);
        foreach (ModelMember m in table.Members)
        {
            AppendStoredProperty(sb, t, m);
        }

        sb.Append("    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>\n");
        sb.Append($"    public IReadOnlyDictionary<string, JsonElement> AdditionalFields\n    {{\n        get => {t.Side}.AdditionalFields;\n        init => {t.Side} = {t.Side} with {{ AdditionalFields = value }};\n    }}\n\n");
        AppendStoredRead(sb, t);
        if (table.Kind is not null)
        {
            AppendSharedKind(sb, t);
        }

        if (t.Pending.Length > 0)
        {
            AppendResolve(sb, t);
        }

        if (table.Kind is { } kindType)
        {
            string summary = table.KindHoldsRare
                ? $"The members of {type} but its own: shared by the objects of a reader that have the same ones and none of the rare members or extra fields (<see cref=\"ParseState.{kindType.Pool}\"/>); an object with any of those has a kind of its own. An object made in code starts with <see cref=\"None\"/>, and setting one of these members through a property copies it, so objects never share a changed one. Value equality, as the object's own members would compare."
                : $"The members of {type} that take few combinations in a trail, made once per combination a reader meets (<see cref=\"ParseState.{kindType.Pool}\"/>). An object made in code starts with <see cref=\"None\"/>, and setting one of these members through a property copies it, so objects never share a changed one. Value equality, so an object compares the same whichever way its members were set.";
            AppendSideRecord(sb, t, kindType.Type, "internal", t.KindRecordMembers, extras: table.KindHoldsRare, summary, withKey: t.HasOwnKey);
        }

        if (!table.KindHoldsRare)
        {
            AppendSideRecord(sb, t, "RareMembers", "private", t.SideMembers, extras: true,
                $"The members few {type} objects have. One with none of them uses <see cref=\"None\"/>; setting one through a property copies the side object, so objects made with <c>with</c> never share a changed one.");
        }

        AppendWrite(sb, table, t.Written);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void AppendStoredFields(StringBuilder sb, StoredShape t)
    {
        foreach (ModelMember m in t.Own)
        {
            if (IsText(m))
            {
                sb.Append($"    // Kept as UTF-8 until first read while it has not repeated.\n    private Utf8Text {Field(m)};\n\n");
            }
            else if (IsBool(m))
            {
                sb.Append($"    // {m.Json} as one byte (0: absent, 1: false, 2: true; a bool? takes a word of its own), and how it was written.\n");
                sb.Append($"    private byte {Field(m)};\n    private JsonBoolKind {Field(m)}Kind;\n\n");
            }
            else if (m.Kind == MemberKind.Time)
            {
                sb.Append("    // One word (see CompactTime); its offset from UTC (CloudTrail writes UTC) and a spelling other than CloudTrail's are\n");
                sb.Append($"    // kept with the rare members.\n    private long {Field(m)};\n\n");
            }
        }

        if (t.Texts.Length > 0)
        {
            sb.Append("    // Texts and free-form values in the record's one array until first read (see RecordTexts).\n    private RecordTexts _texts;\n\n");
        }

        if (t.Table.Kind is { } k)
        {
            sb.Append(t.Table.KindHoldsRare
                ? "    // Everything but the object's own members: one object shared by the objects of a reader that have the same ones.\n"
                : "    // Members that take few combinations in a trail: one object shared by the objects of a reader that have the same ones.\n");
            sb.Append($"    private {k.Type} _kind = {k.Type}.None;\n\n");
            sb.Append($"    /// <summary>The object's kind: shared with the objects of its reader that have the same one (what the tests check).</summary>\n    internal {k.Type} Kind => _kind;\n\n");
        }

        if (!t.Table.KindHoldsRare)
        {
            sb.Append("    // Members few objects have live in a side object shared by every object that has none of them.\n");
            sb.Append("    private RareMembers _rare = RareMembers.None;\n\n");
        }
    }

    private static void AppendStoredProperty(StringBuilder sb, StoredShape t, ModelMember m)
    {
        string field = Field(m);
        if (m.Storage == MemberStorage.Own && !IsText(m) && !IsBool(m) && m.Kind != MemberKind.Time)
        {
            AppendProperty(sb, m);
            return;
        }

        AppendSummary(sb, "    ", [m.Summary]);
        string at = t.At(m);
        if (m.Storage == MemberStorage.Texts)
        {
            int slot = t.TextSlot(m);
            sb.Append(m.Kind == MemberKind.Raw
                ? $"    public RawJson? {m.Name} {{ get => _texts.GetRaw({slot}); init => _texts.Set({slot}, value); }}\n\n"
                : $"    public string? {m.Name} {{ get => _texts.GetString({slot}); init => _texts.Set({slot}, value); }}\n\n");
        }
        else if (m.Storage == MemberStorage.Own && IsText(m))
        {
            sb.Append($"    public string? {m.Name} {{ get => {field}.Get(); init => {field} = new Utf8Text(value); }}\n\n");
        }
        else if (m.Storage == MemberStorage.Own && IsBool(m))
        {
            sb.Append($"    public bool? {m.Name}\n    {{\n        get => {field} == 0 ? null : {field} == 2;\n        init\n        {{\n");
            sb.Append($"            {field} = value is null ? (byte)0 : value.Value ? (byte)2 : (byte)1;\n            {field}Kind = JsonBoolKind.Default;\n        }}\n    }}\n\n");
        }
        else if (m.Storage == MemberStorage.Own)
        {
            sb.Append($"    public DateTimeOffset? {m.Name}\n    {{\n        get => CompactTime.Unpack({field}, {t.Side}.{m.Name}Offset);\n        init\n        {{\n");
            sb.Append($"            {field} = CompactTime.Pack(value);\n            short offset = CompactTime.Offset(value);\n");
            sb.Append($"            if ({t.Side}.{m.Name}Spelling is not null || {t.Side}.{m.Name}Offset != offset)\n            {{\n");
            sb.Append($"                {t.Side} = {t.Side} with {{ {m.Name}Spelling = null, {m.Name}Offset = offset }};\n            }}\n        }}\n    }}\n\n");
        }
        else if (m.Kind is MemberKind.Value or MemberKind.Parsed)
        {
            // Without Nullable<T>'s extra word: the value's own empty state says it was absent.
            sb.Append($"    public {m.Type}? {m.Name}\n    {{\n        get => {at}.{m.Name}.IsEmpty ? default({m.Type}?) : {at}.{m.Name};\n");
            sb.Append($"        init => {at} = {at} with {{ {m.Name} = value.GetValueOrDefault() }};\n    }}\n\n");
        }
        else if (IsBool(m))
        {
            sb.Append($"    public bool? {m.Name}\n    {{\n        get => {at}.{m.Name};\n        init => {at} = {at} with {{ {m.Name} = value, {m.Name}Kind = JsonBoolKind.Default }};\n    }}\n\n");
        }
        else
        {
            sb.Append(IsText(m)
                ? $"    public string? {m.Name} {{ get => {at}.{m.Name}.Get(); init => {at} = {at} with {{ {m.Name} = new Utf8Text(value) }}; }}\n\n"
                : $"    public {m.Type}? {m.Name} {{ get => {at}.{m.Name}; init => {at} = {at} with {{ {m.Name} = value }}; }}\n\n");
        }
    }

    private static void AppendStoredRead(StringBuilder sb, StoredShape t)
    {
        ModelTable table = t.Table;
        string type = table.Type;
        if (t.Texts.Length > 0)
        {
            sb.Append($"    static {type} IJsonModel<{type}>.Read(ref Utf8JsonReader r, ParseState s) => ReadRecord(ref r, s);\n\n");
            sb.Append($"    /// <summary>Reads a record: its members as they come, then the record with its texts in one array.</summary>\n");
            sb.Append($"    internal static {type} ReadRecord(ref Utf8JsonReader r, ParseState s)\n    {{\n        s.BeginRecord();\n");
        }
        else
        {
            sb.Append($"    static {type} IJsonModel<{type}>.Read(ref Utf8JsonReader r, ParseState s)\n    {{\n");
        }

        foreach (ModelMember m in table.Members)
        {
            AppendStoredLocal(sb, t, m);
        }

        // The kind's strings' hashes as the pool computed them (see ValuesKey).
        sb.Append(table.Kind is null ? "        ExtraFields x = default;\n" : "        int kindHash = 0, h;\n        ExtraFields x = default;\n");
        sb.Append("        while (ParseState.NextMember(ref r))\n        {\n            string name = s.PropertyName(ref r);\n            switch (name)\n            {\n");
        foreach (ModelMember m in table.Members)
        {
            AppendStoredCase(sb, t, m);
        }

        sb.Append("                default: s.Unknown(ref r, name, ref x); break;\n            }\n        }\n\n");
        if (t.Texts.Length > 0)
        {
            string strings = string.Join(", ", t.TextArguments(raw: false));
            string raws = string.Join(", ", t.TextArguments(raw: true));
            sb.Append("        // The record is done: its texts and free-form values share one array, which ends with a table of where they are.\n");
            sb.Append("        Span<byte> textTable = s.TableScratch;\n");
            sb.Append($"        int textTableLength = RecordTexts.WriteTable(textTable, {strings}, s.DeferredLength, {raws});\n");
            sb.Append($"        s.EndRecord({raws}, textTable[..textTableLength], out byte[] texts);\n");
        }

        string noneOfTheRare = string.Join(" && ", t.SideMembers.Select(NoneOf).DefaultIfEmpty("true"));
        if (!table.KindHoldsRare)
        {
            sb.Append("        IReadOnlyDictionary<string, JsonElement> extras = x.Build();\n");
            sb.Append($"        RareMembers rare = {noneOfTheRare} && ReferenceEquals(extras, EmptyFields.Instance)\n");
            sb.Append("            ? RareMembers.None\n            : new RareMembers\n            {\n");
            AppendSideValues(sb, "                ", t.SideMembers);
            sb.Append("                AdditionalFields = extras,\n            };\n");
        }

        string own = noneOfTheRare == "true" ? "x.IsEmpty" : $"{noneOfTheRare} && x.IsEmpty";
        if (table.SharedPool is not null)
        {
            AppendSharedWhole(sb, t, own);
        }

        if (table.Kind is { } k)
        {
            if (table.KindHoldsRare)
            {
                sb.Append($"        {k.Type} kind = {own}\n            ? SharedKind({t.KindArguments})\n            : new {k.Type}\n            {{\n");
                AppendKindValues(sb, "                ", t.Kind);
                AppendSideValues(sb, "                ", t.SideMembers);
                sb.Append("                AdditionalFields = x.Build(),\n            };\n");
            }
            else
            {
                sb.Append($"        {k.Type} kind = SharedKind({t.KindArguments});\n");
            }
        }

        AppendConstructed(sb, t);
    }

    private static string NoneOf(ModelMember m) =>
        IsText(m) ? $"{StoredLocal(m)}.IsEmpty"
        : m.Kind == MemberKind.Time ? $"{SideLocal(m)} is null && CompactTime.Offset({Local(m)}) == 0"
        : $"{SideLocal(m)} is null";

    private static void AppendStoredLocal(StringBuilder sb, StoredShape t, ModelMember m)
    {
        if (m.Storage == MemberStorage.Texts && m.Kind == MemberKind.Raw)
        {
            sb.Append($"        RawRange {Local(m)} = default;\n");
            return;
        }

        if (m.Kind == MemberKind.Parsed)
        {
            sb.Append($"        string? {StoredLocal(m)} = null;\n        {m.Type} {Local(m)} = default;\n");
            return;
        }

        sb.Append($"        {StoredLocalType(m)} {StoredLocal(m)} = {(IsText(m) ? "default" : "null")};\n");
        if (IsBool(m))
        {
            sb.Append($"        JsonBoolKind {Local(m)}Kind = JsonBoolKind.Default;\n");
        }
        else if (m.Kind == MemberKind.Time)
        {
            sb.Append($"        string? {Local(m)}Spelling = null;\n");
        }
        else if (t.Table.SharedPool is not null && m.Kind == MemberKind.Deferred)
        {
            sb.Append($"        int {Local(m)}Hash = 0;\n");
        }
    }

    private static void AppendStoredCase(StringBuilder sb, StoredShape t, ModelMember m)
    {
        string json = ServiceGenerator.Literal(m.Json);
        int weight = t.Weight(m);
        string hashed = weight > 0 ? $" kindHash += h * {weight};" : string.Empty;
        if (m.Kind == MemberKind.Parsed)
        {
            sb.Append($"                case {json}:\n                    // The last member counts: a value that is not one clears an earlier one, and is kept as it came.\n");
            sb.Append($"                    {StoredLocal(m)} = s.PooledString(ref r, name, ref x, out h);\n                    kindHash += h * {weight};\n");
            sb.Append($"                    {Local(m)} = default;\n                    if ({StoredLocal(m)} is not null && !{m.Type}.TryParse({StoredLocal(m)}, out {Local(m)}))\n");
            sb.Append($"                    {{\n                        x.Add(name, JsonElementFactory.String({StoredLocal(m)}));\n                    }}\n\n                    break;\n");
            return;
        }

        string call = m.Kind switch
        {
            MemberKind.Deferred when t.Table.SharedPool is not null => $"s.PooledOrUniqueString(ref r, name, ref x, out {Local(m)}Hash)",
            MemberKind.Deferred => "s.PooledOrUniqueString(ref r, name, ref x)",
            MemberKind.Unique => "s.UniqueString(ref r, name, ref x)",
            MemberKind.Raw when m.Storage == MemberStorage.Texts => "s.RawRange(ref r)",
            MemberKind.Value or MemberKind.Pooled when weight > 0 => "s.PooledString(ref r, name, ref x, out h)",
            MemberKind.Model when weight > 0 => $"s.Object<{m.Type}>(ref r, name, ref x, out h)",
            _ => ReadCall(m, hashed: false),
        };
        sb.Append($"                case {json}: {StoredLocal(m)} = {call};{hashed} break;\n");
    }

    // An object made only of pooled strings (its own texts repeated and none of its rare members) is shared whole.
    private static void AppendSharedWhole(StringBuilder sb, StoredShape t, string own)
    {
        string type = t.Table.Type;
        string repeated = string.Join(" && ", t.Own.Select(m => $"{Local(m)}.TryGetString(out string? {Local(m)}Repeated)"));
        string hash = string.Join(" + ", t.Own.Select(m => $"({Local(m)}Hash * {t.OwnWeight(m)})").Prepend("kindHash"));
        IEnumerable<string> parts = t.Own.Select(m => Local(m) + "Repeated").Concat(t.Kind.Select(StoredLocal));
        sb.Append($"        if ({own} && {repeated})\n        {{\n");
        sb.Append("            // Made of pooled strings only: the same ones give an equal object, so one instance serves them all; its kind is\n");
        sb.Append("            // looked up only when the object itself is new.\n");
        sb.Append($"            var key = new ValuesKey({hash}, {string.Join(", ", parts.Concat(Enumerable.Repeat("null", 5 - t.Own.Length - t.Kind.Length)))});\n");
        sb.Append($"            return s.{t.Table.SharedPool}.Find(key, out int slot)\n                ?? s.{t.Table.SharedPool}.Add(slot, key, new {type} {{ ");
        sb.Append(string.Join(", ", t.Own.Select(m => $"{Field(m)} = {Local(m)}").Append($"_kind = SharedKind({t.KindArguments})")));
        sb.Append(" });\n        }\n\n");
    }

    private static void AppendConstructed(StringBuilder sb, StoredShape t)
    {
        // Own members through their properties, but texts and times, whose fields are set as read (a time's offset and
        // spelling are with the rare members).
        string local = Local(new ModelMember(string.Empty, t.Table.Type, t.Table.Type, MemberKind.Model, string.Empty));
        sb.Append($"        var {local} = new {t.Table.Type}\n        {{\n");
        foreach (ModelMember m in t.Own)
        {
            sb.Append(IsText(m) ? $"            {Field(m)} = {Local(m)},\n"
                : m.Kind == MemberKind.Time ? $"            {Field(m)} = CompactTime.Pack({Local(m)}),\n"
                : $"            {m.Name} = {Local(m)},\n");
        }

        if (t.Texts.Length > 0)
        {
            sb.Append($"            _texts = RecordTexts.Create(texts, {string.Join(", ", t.TextArguments(raw: false))}),\n");
        }

        if (t.Table.Kind is not null)
        {
            sb.Append("            _kind = kind,\n");
        }

        if (!t.Table.KindHoldsRare)
        {
            sb.Append("            _rare = rare,\n");
        }

        foreach (ModelMember m in t.Own.Where(IsBool))
        {
            sb.Append($"            {Field(m)}Kind = {Local(m)}Kind,\n");
        }

        sb.Append("        };\n");
        if (t.Pending.Length > 0)
        {
            sb.Append($"        if ({string.Join(" || ", t.Pending.Select(m => $"{Local(m)}.IsPending"))})\n        {{\n            s.AddPendingOwner({local});\n        }}\n\n");
        }

        sb.Append($"        return {local};\n    }}\n\n");
    }

    private static void AppendSharedKind(StringBuilder sb, StoredShape t)
    {
        (string kindType, string pool) = t.Table.Kind!.Value;
        string key = t.HasOwnKey ? $"{kindType}.Key" : "ValuesKey";
        sb.Append($"    // The kind of an object with none of its own: made once per combination of these members a reader meets.\n");
        sb.Append($"    private static {kindType} SharedKind(ParseState s, int kindHash, {string.Join(", ", t.KindParameters())})\n    {{\n");
        IEnumerable<string> parts = t.Kind.Select(m => IsBool(m) ? $"{Local(m)}, {Local(m)}Kind" : StoredLocal(m));
        if (!t.HasOwnKey)
        {
            parts = parts.Concat(Enumerable.Repeat("null", 5 - t.Kind.Length));
        }

        sb.Append($"        var kindKey = new {key}(kindHash, {string.Join(", ", parts)});\n");
        sb.Append($"        return s.{pool}.Find(kindKey, out int kindSlot) ?? s.{pool}.Add(kindSlot, kindKey, new {kindType}\n        {{\n");
        AppendKindValues(sb, "            ", t.Kind);
        sb.Append("        });\n    }\n\n");
    }

    private static void AppendKindValues(StringBuilder sb, string indent, IEnumerable<ModelMember> kind)
    {
        foreach (ModelMember m in kind)
        {
            string value = m.Kind == MemberKind.Value ? $"{StoredLocal(m)} is null ? default : new {m.Type}({StoredLocal(m)})" : Local(m);
            sb.Append($"{indent}{m.Name} = {value},\n");
            if (IsBool(m))
            {
                sb.Append($"{indent}{m.Name}Kind = {Local(m)}Kind,\n");
            }
        }
    }

    // The rare members and own times' spellings, as the side object (or a kind that holds them) gets them.
    private static void AppendSideValues(StringBuilder sb, string indent, IEnumerable<ModelMember> side)
    {
        foreach (ModelMember m in side)
        {
            sb.Append($"{indent}{SideName(m)} = {SideLocal(m)},\n");
            if (m.Kind == MemberKind.Time)
            {
                sb.Append($"{indent}{m.Name}Offset = CompactTime.Offset({Local(m)}),\n");
            }
            else if (IsBool(m))
            {
                sb.Append($"{indent}{m.Name}Kind = {Local(m)}Kind,\n");
            }
        }
    }

    private static void AppendResolve(StringBuilder sb, StoredShape t)
    {
        sb.Append("    void IDeferredTextOwner.ResolveDeferred(byte[] bytes)\n    {\n");
        foreach (ModelMember m in t.Pending)
        {
            sb.Append(m.Storage == MemberStorage.Own
                ? $"        {Field(m)}.Resolve(bytes);\n"
                : $"        if ({t.Side}.{m.Name}.IsPending)\n        {{\n            {t.Side}.{m.Name}.Resolve(bytes);\n        }}\n");
        }

        sb.Append("    }\n\n");
    }

    private static void AppendSideRecord(
        StringBuilder sb, StoredShape t, string name, string access, IEnumerable<ModelMember> members, bool extras, string summary, bool withKey = false)
    {
        sb.Append($"    /// <summary>{summary}</summary>\n    {access} sealed record {name}\n    {{\n        public static readonly {name} None = new();\n");
        foreach (ModelMember m in members)
        {
            if (IsText(m))
            {
                sb.Append($"\n        // A field, so decoding caches in place.\n        public Utf8Text {m.Name};\n");
            }
            else if (m.Kind == MemberKind.Time)
            {
                sb.Append($"\n        // {m.Json} as it came, when CloudTrail's own spelling of the time differs from it.\n        public string? {m.Name}Spelling {{ get; init; }}\n");
                sb.Append($"\n        // {m.Json}'s offset from UTC in minutes (CloudTrail writes UTC: 0).\n        public short {m.Name}Offset {{ get; init; }}\n");
            }
            else
            {
                string valueType = m.Kind is MemberKind.Value or MemberKind.Parsed && m.Storage == MemberStorage.Kind ? m.Type : IsBool(m) ? "bool?" : m.Type + "?";
                sb.Append($"\n        public {valueType} {m.Name} {{ get; init; }}\n");
                if (IsBool(m))
                {
                    sb.Append($"\n        // How {m.Json} was written (a JSON boolean or a string), so it is written back the same way.\n        public JsonBoolKind {m.Name}Kind {{ get; init; }}\n");
                }
            }
        }

        if (extras)
        {
            sb.Append("\n        public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;\n");
        }

        if (withKey)
        {
            AppendKey(sb, t);
        }

        sb.Append("    }\n\n");
    }

    // A kind with booleans or more than five members: a key of its own, its strings compared by reference, its booleans
    // (with how they were written) as one number.
    private static void AppendKey(StringBuilder sb, StoredShape t)
    {
        ModelMember[] values = t.Kind.Where(m => !IsBool(m)).ToArray();
        ModelMember[] bools = t.Kind.Where(IsBool).ToArray();
        if (bools.Length > 8)
        {
            throw new InvalidDataException($"{t.Table.Type}: a kind holds at most eight booleans.");
        }

        sb.Append("\n        /// <summary>A kind as read: its values as the reader pooled them (equal values are one instance, compared by reference), and its booleans with how they were written.</summary>\n");
        sb.Append($"        internal readonly struct Key(int hash, {string.Join(", ", t.KindParameters(parsedValues: false))}) : IPoolKey<Key>\n        {{\n");
        sb.Append("            private readonly int _hash = hash;\n");
        foreach (ModelMember m in values)
        {
            sb.Append($"            private readonly object? _{StoredLocal(m)} = {StoredLocal(m)};\n");
        }

        string flags = string.Join(" | ", bools.Select((m, i) => $"(Code({Local(m)}) << {i * 4}) | ((int){Local(m)}Kind << {(i * 4) + 2})"));
        sb.Append($"            private readonly int _flags = {flags};\n\n");
        sb.Append("            public int Hash() => (_hash * 31) + _flags;\n\n");
        string same = string.Join(" && ", values.Select(m => $"ReferenceEquals(_{StoredLocal(m)}, other._{StoredLocal(m)})").Append("_flags == other._flags"));
        sb.Append($"            public bool Same(in Key other) => {same};\n\n");
        sb.Append("            private static int Code(bool? value) => value is null ? 0 : value.Value ? 1 : 2;\n        }\n");
    }

    // A value or parsed value stored in the kind is read as its pooled text (the key compares texts), and made when the kind is new.
    private static string StoredLocalType(ModelMember m) => m.Kind switch
    {
        MemberKind.Deferred or MemberKind.Unique => "Utf8Text",
        MemberKind.Value or MemberKind.Parsed when m.Storage == MemberStorage.Kind => "string?",
        _ => LocalType(m),
    };

    private static string StoredLocal(ModelMember m) =>
        m.Kind is MemberKind.Value or MemberKind.Parsed && m.Storage == MemberStorage.Kind ? Local(m) + "Text" : Local(m);

    // An own time gives the side object its spelling; a rare member itself.
    private static string SideName(ModelMember m) => m.Kind == MemberKind.Time ? m.Name + "Spelling" : m.Name;

    private static string SideLocal(ModelMember m) => m.Kind == MemberKind.Time ? Local(m) + "Spelling" : StoredLocal(m);
}
