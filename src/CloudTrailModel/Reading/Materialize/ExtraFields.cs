using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CloudTrailModel.Internal;

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
