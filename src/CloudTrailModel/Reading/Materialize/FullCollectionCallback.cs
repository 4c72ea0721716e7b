namespace CloudTrailModel.Internal;

/// <summary>
/// Calls a method on the finalizer thread after full garbage collections, as the runtime's own array pools learn when
/// to trim: an object nothing references re-registers its finalizer each time it runs, so once it has reached
/// generation 2 (after its first few collections) it runs after each collection of that generation.
/// </summary>
internal sealed class FullCollectionCallback
{
    private readonly Func<bool> _callback;

    private FullCollectionCallback(Func<bool> callback) => _callback = callback;

    /// <summary>Calls <paramref name="callback"/> after each full collection for as long as it returns true.</summary>
    public static void Register(Func<bool> callback) => _ = new FullCollectionCallback(callback);

    ~FullCollectionCallback()
    {
        bool again;
        try
        {
            again = _callback();
        }
        catch
        {
            // A finalizer that throws ends the process; a callback that failed once is tried at the next collection.
            again = true;
        }

        if (again)
        {
            GC.ReRegisterForFinalize(this);
        }
    }
}
