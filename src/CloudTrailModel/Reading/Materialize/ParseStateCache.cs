namespace CloudTrailModel.Internal;

/// <summary>
/// Keeps the parse states (string pools and shared-object tables) of finished readers for the readers that follow, so
/// a trail read as many small files learns its repeated values (accounts, regions, roles, user agents) once rather than
/// once per file, and those values stay one old object instead of becoming garbage with every reader. A kept pool that
/// is full, or fills up while its new reader reads, forgets the earlier readers' values, so a reader never has less
/// room for its own values than a new pool would give it, and the pool's tables are reused rather than made anew. A
/// state is used by one reader (and its helper thread) at a time, and goes back to the thread that handed it back where
/// it can (threads reading files in turn each keep their own); what it holds is immutable and the same whatever file it
/// was learnt from, so records read with a reused state are the same as with a new one. Records parsed one at a time
/// use the kept states too (<see cref="RentForOneRecord"/>).
/// </summary>
/// <remarks>
/// States are held strongly and let go after full collections, as <c>ArrayPool&lt;T&gt;.Shared</c> trims: a state
/// unused for <see cref="KeepUnused"/>, or every state when the collector reports high memory load. Held weakly, every
/// full collection took them, so a service reading a file now and then had each reader learn its values again.
/// </remarks>
internal static class ParseStateCache
{
    /// <summary>How many finished readers' states are kept at most.</summary>
    internal const int Slots = 4;

    /// <summary>How long a kept state may go unused before a full collection lets it go.</summary>
    internal static readonly TimeSpan KeepUnused = TimeSpan.FromMinutes(1);

    private static readonly object Gate = new();
    private static readonly ParseState?[] Kept = new ParseState?[Slots];
    private static readonly long[] KeptAt = new long[Slots];

    // The thread that handed each kept state back (for a reader, the thread that read with it).
    private static readonly int[] KeptBy = new int[Slots];

    // States that parses of one record hold now: such a parse makes a new state only while fewer than Slots do, so many
    // threads parsing records at once neither make a state each nor drop them again for want of a slot.
    private static int OneRecordHolders;

    static ParseStateCache() => FullCollectionCallback.Register(AfterFullCollection);

    /// <summary>
    /// A state for the parse of one record (<see cref="CloudTrailRecord.Parse(ReadOnlySpan{byte})"/>): a kept one, or a
    /// new one while fewer than <see cref="Slots"/> parses of one record hold states, otherwise one without tables
    /// (<see cref="ParseState.WithoutTables"/>). Handed back with <see cref="ReturnForOneRecord"/>.
    /// </summary>
    public static ParseState RentForOneRecord()
    {
        ParseState? state = TakeKept();
        if (state is null && Volatile.Read(ref OneRecordHolders) >= Slots)
        {
            return ParseState.WithoutTables();
        }

        Interlocked.Increment(ref OneRecordHolders);
        return state ?? new ParseState(new StringPool());
    }

    /// <summary>Hands back a state of <see cref="RentForOneRecord"/>.</summary>
    public static void ReturnForOneRecord(ParseState state)
    {
        if (state.HasTables)
        {
            Interlocked.Decrement(ref OneRecordHolders);
            Return(state);
        }
    }

    /// <summary>
    /// A parse state no one else uses: the one this thread handed back last if it is kept, else another finished
    /// reader's, otherwise a new one.
    /// </summary>
    public static ParseState Rent() => TakeKept() ?? new ParseState(new StringPool());

    // The kept state this thread handed back last, else the first kept one, else null.
    private static ParseState? TakeKept()
    {
        int thread = Environment.CurrentManagedThreadId;
        lock (Gate)
        {
            // A thread's own state has its tables in that core's cache; another's is fetched from the core that used it,
            // line by line, as it is read (SmallGzipFilesBenchmarks, two files at a time).
            int slot = -1;
            for (int i = 0; i < Kept.Length; i++)
            {
                if (Kept[i] is null)
                {
                    continue;
                }

                if (KeptBy[i] == thread)
                {
                    slot = i;
                    break;
                }

                slot = slot < 0 ? i : slot;
            }

            if (slot >= 0)
            {
                ParseState state = Kept[slot]!;
                Kept[slot] = null;
                state.Inherit();
                return state;
            }
        }

        return null;
    }

    /// <summary>
    /// Hands back a state its reader is done with: no thread may use it after this call. It forgets the reader's
    /// buffer and record first, so the cache never holds a user's records or the input. A state already kept is not
    /// kept again; with every slot taken, it is left to the collector.
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
            if (Array.IndexOf(Kept, state) >= 0)
            {
                return;
            }

            int free = Array.IndexOf(Kept, null);
            if (free >= 0)
            {
                Kept[free] = state;
                KeptBy[free] = Environment.CurrentManagedThreadId;
                KeptAt[free] = Environment.TickCount64;
            }
        }
    }

    /// <summary>
    /// Lets go of the states kept since before <paramref name="now"/> minus <see cref="KeepUnused"/>, or of every state
    /// when <paramref name="memoryLoadHigh"/>.
    /// </summary>
    /// <param name="now">The time, in <see cref="Environment.TickCount64"/>'s milliseconds.</param>
    /// <param name="memoryLoadHigh">Whether the process or machine is short of memory.</param>
    internal static void Trim(long now, bool memoryLoadHigh)
    {
        lock (Gate)
        {
            for (int i = 0; i < Kept.Length; i++)
            {
                if (memoryLoadHigh || now - KeptAt[i] > (long)KeepUnused.TotalMilliseconds)
                {
                    Kept[i] = null;
                }
            }
        }
    }

    private static bool AfterFullCollection()
    {
        // The threshold ArrayPool<T>.Shared counts as high pressure.
        GCMemoryInfo memory = GC.GetGCMemoryInfo();
        Trim(Environment.TickCount64, memory.MemoryLoadBytes >= memory.HighMemoryLoadThresholdBytes * 0.9);
        return true;
    }
}
