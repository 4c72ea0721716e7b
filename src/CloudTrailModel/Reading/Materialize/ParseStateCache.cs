namespace CloudTrailModel.Internal;

/// <summary>
/// Keeps the parse states (string pools and shared-object tables) of finished readers for the readers that follow, so
/// a trail read as many small files learns its repeated values (accounts, regions, roles, user agents) once rather than
/// once per file, and those values stay one old object instead of becoming garbage with every reader. Held weakly: a
/// full collection frees whatever is not in use, so the cache never keeps memory the process needs. A kept pool that
/// is full, or fills up while its new reader reads, forgets the earlier readers' values, so a reader never has less
/// room for its own values than a new pool would give it, and the pool's tables are reused rather than made anew. A
/// state is used by one reader (and its helper thread) at a time; what it holds is immutable and the same whatever
/// file it was learnt from, so records read with a reused state are the same as with a new one.
/// </summary>
internal static class ParseStateCache
{
    /// <summary>How many finished readers' states are kept at most.</summary>
    internal const int Slots = 4;
    private static readonly object Gate = new();
    private static readonly WeakReference<ParseState>?[] Cached = new WeakReference<ParseState>?[Slots];

    /// <summary>A parse state no one else uses: a finished reader's if one is kept, otherwise a new one.</summary>
    public static ParseState Rent()
    {
        lock (Gate)
        {
            foreach (WeakReference<ParseState>? slot in Cached)
            {
                if (slot is not null && slot.TryGetTarget(out ParseState? state))
                {
                    slot.SetTarget(null!);
                    state.Inherit();
                    return state;
                }
            }
        }

        return new ParseState(new StringPool());
    }

    /// <summary>
    /// Hands back a state its reader is done with: no thread may use it after this call. It forgets the reader's
    /// buffer and record first, so the cache never holds a user's records or the input. A state already kept is not
    /// kept again.
    /// </summary>
    public static void Return(ParseState? state)
    {
        if (state is null || !state.Release())
        {
            return;
        }

        lock (Gate)
        {
            // Handed back twice (a reader disposed twice), a state kept in two slots would go to two readers at once.
            foreach (WeakReference<ParseState>? kept in Cached)
            {
                if (kept is not null && kept.TryGetTarget(out ParseState? held) && ReferenceEquals(held, state))
                {
                    return;
                }
            }

            for (int i = 0; i < Cached.Length; i++)
            {
                WeakReference<ParseState>? slot = Cached[i];
                if (slot is null)
                {
                    Cached[i] = new WeakReference<ParseState>(state);
                    return;
                }

                if (!slot.TryGetTarget(out _))
                {
                    slot.SetTarget(state);
                    return;
                }
            }
        }
    }
}
