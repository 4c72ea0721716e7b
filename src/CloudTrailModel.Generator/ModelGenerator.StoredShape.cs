namespace CloudTrailModel.Generator;

// What ModelGenerator.Stored writes from: a table's members by where they live, checked against what it can write.
public static partial class ModelGenerator
{
    /// <summary>A stored record's members by where they live, checked against what the generator can write.</summary>
    private sealed class StoredShape
    {
        public StoredShape(ModelTable table, IReadOnlySet<string> hashedTypes)
        {
            Table = table;
            Kind = table.Members.Where(m => m.Storage == MemberStorage.Kind).ToArray();
            Rare = table.Members.Where(m => m.Storage == MemberStorage.Rare).ToArray();
            Own = table.Members.Where(m => m.Storage == MemberStorage.Own).ToArray();
            Texts = table.Members.Where(m => m.Storage == MemberStorage.Texts).ToArray();
            SideMembers = Rare.Concat(Own.Where(m => m.Kind == MemberKind.Time)).ToArray();
            Pending = Own.Concat(Rare).Where(IsText).ToArray();
            HasOwnKey = Kind.Length > 5 || Kind.Any(IsBool);
            _hashed = Kind.Where(m => m.Kind is MemberKind.Pooled or MemberKind.Value or MemberKind.Parsed || (m.Kind == MemberKind.Model && hashedTypes.Contains(m.Type)))
                .ToArray();
            Check();
        }

        public ModelTable Table { get; }

        public ModelMember[] Kind { get; }

        public ModelMember[] Rare { get; }

        public ModelMember[] Own { get; }

        public ModelMember[] Texts { get; }

        // What the side object holds: the rare members and the spellings of own times.
        public ModelMember[] SideMembers { get; }

        // Members kept as UTF-8 that the record's end resolves (not those in the record's texts).
        public ModelMember[] Pending { get; }

        public bool HasOwnKey { get; }

        // Where rare members, spellings and extra fields live.
        public string Side => Table.KindHoldsRare ? "_kind" : "_rare";

        public IEnumerable<ModelMember> KindRecordMembers => Table.KindHoldsRare ? Kind.Concat(SideMembers) : Kind;

        public string KindArguments => string.Join(", ", Kind.SelectMany(KindArgumentsOf).Prepend("kindHash").Prepend("s"));

        private readonly ModelMember[] _hashed;

        // The object that holds a member stored away from the object itself.
        public string At(ModelMember m) => m.Storage == MemberStorage.Kind ? "_kind" : Side;

        // Where a boolean's JSON kind, a time's spelling or a free-form value's JSON null is kept, for the writer.
        public string Written(ModelMember m) =>
            m.Kind == MemberKind.Raw ? $"_texts.IsNull({TextSlot(m)})"
            : m.Kind == MemberKind.Time ? $"{Side}.{m.Name}Spelling"
            : m.Storage == MemberStorage.Own ? $"{Field(m)}Kind"
            : $"{At(m)}.{m.Name}Kind";

        public int Weight(ModelMember m) => Array.IndexOf(_hashed, m) is int i and >= 0 ? HashWeights[i] : 0;

        // After the kind's weights, so an own text and a kind member do not weigh alike.
        public int OwnWeight(ModelMember m) => HashWeights[_hashed.Length + Array.IndexOf(Own, m)];

        public int TextSlot(ModelMember m) => m.Kind == MemberKind.Raw
            ? 4 + Array.IndexOf(Texts.Where(x => x.Kind == MemberKind.Raw).ToArray(), m)
            : Array.IndexOf(Texts.Where(x => x.Kind != MemberKind.Raw).ToArray(), m);

        // The four strings or the four raw values of RecordTexts, default where a slot is not used.
        public IEnumerable<string> TextArguments(bool raw) =>
            Texts.Where(m => (m.Kind == MemberKind.Raw) == raw).Select(Local).Concat(Enumerable.Repeat("default", 4)).Take(4);

        public IEnumerable<string> KindParameters(bool parsedValues = true) => Kind.SelectMany(m => m.Kind switch
        {
            MemberKind.Parsed when parsedValues => [$"string? {StoredLocal(m)}", $"{m.Type} {Local(m)}"],
            MemberKind.Bool or MemberKind.BoolText => [$"bool? {Local(m)}", $"JsonBoolKind {Local(m)}Kind"],
            MemberKind.Model => [$"{m.Type}? {Local(m)}"],
            _ => new[] { $"string? {StoredLocal(m)}" },
        });

        private static IEnumerable<string> KindArgumentsOf(ModelMember m) => m.Kind switch
        {
            MemberKind.Parsed => [StoredLocal(m), Local(m)],
            MemberKind.Bool or MemberKind.BoolText => [Local(m), Local(m) + "Kind"],
            _ => [StoredLocal(m)],
        };

        private void Check()
        {
            string type = Table.Type;
            string? problem =
                Kind.Length > 0 && Table.Kind is null ? "kind members need a 'kind' line"
                : Table.Kind is not null && Kind.Length == 0 ? "a 'kind' line needs kind members"
                : Kind.Any(m => m.Kind is not (MemberKind.Pooled or MemberKind.Value or MemberKind.Parsed or MemberKind.Bool or MemberKind.BoolText or MemberKind.Model))
                    ? "a kind holds pooled strings, values, parsed values, booleans and objects"
                : Table.Members.Any(m => m.Kind == MemberKind.Parsed && m.Storage != MemberStorage.Kind) ? "a parsed value lives in the kind"
                : SideMembers.Length == 0 && !Table.KindHoldsRare ? "extra fields need a side object (a rare member or an own time) or a kind that holds them"
                : Rare.Any(m => m.Kind is MemberKind.Time or MemberKind.List or MemberKind.Map) ? "a rare member is not a time, list or map"
                : Texts.Any(m => m.Kind is not (MemberKind.Raw or MemberKind.Deferred or MemberKind.Unique)) ? "the record's texts hold strings kept as UTF-8 and raw values"
                : Texts.Count(m => m.Kind == MemberKind.Raw) > 4 || Texts.Count(m => m.Kind != MemberKind.Raw) > 4 ? "the record's texts hold four strings and four raw values"
                : Table.Members.Any(m => m.OtherSpelling is not null) ? "second spellings are for plain records"
                : _hashed.Length + (Table.SharedPool is null ? 0 : Own.Length) > HashWeights.Length ? $"a kind hashes at most {HashWeights.Length} values"
                : Table.SharedPool is not null && (!Table.KindHoldsRare || Own.Length == 0 || Own.Any(m => m.Kind != MemberKind.Deferred) || Own.Length + Kind.Length > 5 || HasOwnKey)
                    ? "a shared stored object has deferred own members and a kind that holds its rare members, at most five values in all"
                : null;
            if (problem is not null)
            {
                throw new InvalidDataException($"{type}: {problem}.");
            }
        }
    }
}
