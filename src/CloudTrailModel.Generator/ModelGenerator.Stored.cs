using System.Text;

namespace CloudTrailModel.Generator;

// Records whose members live in a shared kind object, a side object for rare members, or UTF-8 kept until first read.
public static partial class ModelGenerator
{
    private static bool IsStored(ModelMember m) => m.Storage != MemberStorage.Own || m.Kind is MemberKind.Deferred or MemberKind.Unique;

    private static string StoredRecord(ModelTable table)
    {
        string type = table.Type;
        IReadOnlyList<ModelMember> members = table.Members;
        ModelMember[] kind = members.Where(m => m.Storage == MemberStorage.Kind).ToArray();
        ModelMember[] rare = members.Where(m => m.Storage == MemberStorage.Rare).ToArray();
        ModelMember[] own = members.Where(m => m.Storage == MemberStorage.Own).ToArray();
        bool deferred = members.Any(m => m.Kind is MemberKind.Deferred or MemberKind.Unique);
        if ((kind.Length > 0 && table.Kind is null) || kind.Length > 5 || rare.Length == 0
            || members.Any(m => m.Kind is MemberKind.Bool or MemberKind.BoolText or MemberKind.Time || m.OtherSpelling is not null)
            || kind.Any(m => m.Kind is not (MemberKind.Pooled or MemberKind.Value)))
        {
            throw new InvalidDataException($"{type}: a record with stored members has a side object, a 'kind' line for at most five pooled strings or values, and no booleans, times or second spellings.");
        }

        StringBuilder sb = RecordStart(table);
        sb.Append($"public sealed partial record {type} : IJsonModel<{type}>{(deferred ? ", IDeferredTextOwner" : string.Empty)}\n{{\n");
        foreach (ModelMember m in own.Where(m => m.Kind is MemberKind.Deferred or MemberKind.Unique))
        {
            sb.Append($"    // Kept as UTF-8 until first read while it has not repeated.\n    private Utf8Text {Field(m)};\n\n");
        }

        if (table.Kind is { } k)
        {
            sb.Append("    // Members that take few combinations in a trail: one object shared by the objects of a reader that have the same ones.\n");
            sb.Append($"    private {k.Type} _kind = {k.Type}.None;\n\n");
            sb.Append($"    /// <summary>The object's kind: shared with the objects of its reader that have the same one (what the tests check).</summary>\n    internal {k.Type} Kind => _kind;\n\n");
        }

        sb.Append("    // Members few objects have live in a side object shared by every object that has none of them.\n");
        sb.Append("    private RareMembers _rare = RareMembers.None;\n\n");
        foreach (ModelMember m in members)
        {
            AppendStoredProperty(sb, m);
        }

        sb.Append("    /// <summary>Members not modelled above, and members whose JSON type did not fit their property, exactly as they appeared.</summary>\n");
        sb.Append("    public IReadOnlyDictionary<string, JsonElement> AdditionalFields\n    {\n        get => _rare.AdditionalFields;\n        init => _rare = _rare with { AdditionalFields = value };\n    }\n\n");
        AppendStoredRead(sb, table, kind, rare, own);
        if (deferred)
        {
            AppendResolve(sb, members);
        }

        if (table.Kind is { } kindType)
        {
            AppendSideRecord(sb, kindType.Type, "internal", kind, extras: false,
                $"The members of {type} that take few combinations in a trail, made once per combination a reader meets (<see cref=\"ParseState.{kindType.Pool}\"/>). An object made in code starts with <see cref=\"None\"/>, and setting one of these members through a property copies it, so objects never share a changed one. Value equality, so an object compares the same whichever way its members were set.");
        }

        AppendSideRecord(sb, "RareMembers", "private", rare, extras: true,
            $"The members few {type} objects have. One with none of them uses <see cref=\"None\"/>; setting one through a property copies the side object, so objects made with <c>with</c> never share a changed one.");
        AppendWrite(sb, table);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void AppendStoredProperty(StringBuilder sb, ModelMember m)
    {
        AppendSummary(sb, "    ", [m.Summary]);
        string at = m.Storage == MemberStorage.Kind ? "_kind" : "_rare";
        bool text = m.Kind is MemberKind.Deferred or MemberKind.Unique;
        if (m.Storage == MemberStorage.Own)
        {
            sb.Append(text
                ? $"    public string? {m.Name} {{ get => {Field(m)}.Get(); init => {Field(m)} = new Utf8Text(value); }}\n\n"
                : $"    public {m.Type}? {m.Name} {{ get; init; }}\n\n");
        }
        else if (m.Kind == MemberKind.Value && m.Storage == MemberStorage.Kind)
        {
            // Without Nullable<T>'s extra word: the value's own empty state says it was absent.
            sb.Append($"    public {m.Type}? {m.Name}\n    {{\n        get => {at}.{m.Name}.IsEmpty ? default({m.Type}?) : {at}.{m.Name};\n");
            sb.Append($"        init => {at} = {at} with {{ {m.Name} = value.GetValueOrDefault() }};\n    }}\n\n");
        }
        else
        {
            sb.Append(text
                ? $"    public string? {m.Name} {{ get => {at}.{m.Name}.Get(); init => {at} = {at} with {{ {m.Name} = new Utf8Text(value) }}; }}\n\n"
                : $"    public {m.Type}? {m.Name} {{ get => {at}.{m.Name}; init => {at} = {at} with {{ {m.Name} = value }}; }}\n\n");
        }
    }

    private static void AppendStoredRead(StringBuilder sb, ModelTable table, ModelMember[] kind, ModelMember[] rare, ModelMember[] own)
    {
        string type = table.Type;
        sb.Append($"    static {type} IJsonModel<{type}>.Read(ref Utf8JsonReader r, ParseState s)\n    {{\n");
        foreach (ModelMember m in table.Members)
        {
            sb.Append($"        {StoredLocalType(m)} {StoredLocal(m)} = {(m.Kind is MemberKind.Deferred or MemberKind.Unique ? "default" : "null")};\n");
        }

        // The kind's strings' hashes as the pool computed them (see ValuesKey).
        sb.Append("        int kindHash = 0, h;\n        ExtraFields x = default;\n");
        sb.Append("        while (ParseState.NextMember(ref r))\n        {\n            string name = s.PropertyName(ref r);\n            switch (name)\n            {\n");
        foreach (ModelMember m in table.Members)
        {
            int weight = Array.IndexOf(kind, m);
            string call = m.Kind switch
            {
                MemberKind.Deferred => "s.PooledOrUniqueString(ref r, name, ref x)",
                MemberKind.Unique => "s.UniqueString(ref r, name, ref x)",
                MemberKind.Value when weight >= 0 => "s.PooledString(ref r, name, ref x, out h)",
                MemberKind.Pooled when weight >= 0 => "s.PooledString(ref r, name, ref x, out h)",
                _ => ReadCall(m, hashed: false),
            };
            string hashed = weight >= 0 ? $" kindHash += h * {HashWeights[weight]};" : string.Empty;
            sb.Append($"                case {ServiceGenerator.Literal(m.Json)}: {StoredLocal(m)} = {call};{hashed} break;\n");
        }

        sb.Append("                default: s.Unknown(ref r, name, ref x); break;\n            }\n        }\n\n");
        sb.Append("        IReadOnlyDictionary<string, JsonElement> extras = x.Build();\n");
        IEnumerable<string> absent = rare.Select(m => m.Kind is MemberKind.Deferred or MemberKind.Unique ? $"{StoredLocal(m)}.IsEmpty" : $"{StoredLocal(m)} is null");
        sb.Append($"        RareMembers rare = {string.Join(" && ", absent)} && ReferenceEquals(extras, EmptyFields.Instance)\n");
        sb.Append("            ? RareMembers.None\n            : new RareMembers\n            {\n");
        foreach (ModelMember m in rare)
        {
            sb.Append($"                {m.Name} = {StoredLocal(m)},\n");
        }

        sb.Append("                AdditionalFields = extras,\n            };\n");
        if (table.Kind is { } k)
        {
            string keyParts = string.Join(", ", kind.Select(StoredLocal).Concat(Enumerable.Repeat("null", 5 - kind.Length)));
            sb.Append($"        var kindKey = new ValuesKey(kindHash, {keyParts});\n");
            sb.Append($"        {k.Type} kind = s.{k.Pool}.Find(kindKey, out int kindSlot) ?? s.{k.Pool}.Add(kindSlot, kindKey, new {k.Type}\n        {{\n");
            foreach (ModelMember m in kind)
            {
                string value = m.Kind == MemberKind.Value ? $"{StoredLocal(m)} is null ? default : new {m.Type}({StoredLocal(m)})" : StoredLocal(m);
                sb.Append($"            {m.Name} = {value},\n");
            }

            sb.Append("        });\n");
        }

        string local = Local(new ModelMember(string.Empty, type, type, MemberKind.Model, string.Empty));
        sb.Append($"        var {local} = new {type}\n        {{\n");
        if (table.Kind is not null)
        {
            sb.Append("            _kind = kind,\n");
        }

        foreach (ModelMember m in own)
        {
            sb.Append(m.Kind is MemberKind.Deferred or MemberKind.Unique
                ? $"            {Field(m)} = {StoredLocal(m)},\n"
                : $"            {m.Name} = {StoredLocal(m)},\n");
        }

        sb.Append("            _rare = rare,\n        };\n");
        ModelMember[] texts = table.Members.Where(m => m.Kind is MemberKind.Deferred or MemberKind.Unique).ToArray();
        if (texts.Length > 0)
        {
            sb.Append($"        if ({string.Join(" || ", texts.Select(m => $"{StoredLocal(m)}.IsPending"))})\n        {{\n            s.AddPendingOwner({local});\n        }}\n\n");
        }

        sb.Append($"        return {local};\n    }}\n\n");
    }

    private static void AppendResolve(StringBuilder sb, IReadOnlyList<ModelMember> members)
    {
        sb.Append("    void IDeferredTextOwner.ResolveDeferred(byte[] bytes)\n    {\n");
        foreach (ModelMember m in members.Where(m => m.Kind is MemberKind.Deferred or MemberKind.Unique))
        {
            sb.Append(m.Storage == MemberStorage.Own
                ? $"        {Field(m)}.Resolve(bytes);\n"
                : $"        if (_rare.{m.Name}.IsPending)\n        {{\n            _rare.{m.Name}.Resolve(bytes);\n        }}\n");
        }

        sb.Append("    }\n\n");
    }

    private static void AppendSideRecord(StringBuilder sb, string name, string access, ModelMember[] members, bool extras, string summary)
    {
        sb.Append($"    /// <summary>{summary}</summary>\n    {access} sealed record {name}\n    {{\n        public static readonly {name} None = new();\n");
        foreach (ModelMember m in members)
        {
            if (m.Kind is MemberKind.Deferred or MemberKind.Unique)
            {
                sb.Append($"\n        // A field, so decoding caches in place.\n        public Utf8Text {m.Name};\n");
            }
            else
            {
                string valueType = m.Kind == MemberKind.Value && m.Storage == MemberStorage.Kind ? m.Type : m.Type + "?";
                sb.Append($"\n        public {valueType} {m.Name} {{ get; init; }}\n");
            }
        }

        if (extras)
        {
            sb.Append("\n        public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init => field = ValueMap<JsonElement>.From(value) ?? EmptyFields.Instance; } = EmptyFields.Instance;\n");
        }

        sb.Append("    }\n\n");
    }

    // A value stored in the kind is read as its pooled text (the key compares texts), and made when the kind is new.
    private static string StoredLocalType(ModelMember m) => m.Kind switch
    {
        MemberKind.Deferred or MemberKind.Unique => "Utf8Text",
        MemberKind.Value when m.Storage == MemberStorage.Kind => "string?",
        _ => LocalType(m),
    };

    private static string StoredLocal(ModelMember m) => m.Kind == MemberKind.Value && m.Storage == MemberStorage.Kind ? Local(m) + "Text" : Local(m);
}
