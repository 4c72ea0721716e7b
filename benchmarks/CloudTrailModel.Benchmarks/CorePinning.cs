using System.Runtime.InteropServices;

namespace CloudTrailModel.Benchmarks;

/// <summary>
/// Keeps a benchmark process on its first N cores, so "one core" means one core even for a reader that decompresses on
/// a background thread. Linux only: every existing thread is pinned (Process.ProcessorAffinity sets only the main
/// thread's there) and threads created later inherit their creator's mask.
/// </summary>
internal static class CorePinning
{
    /// <summary>Pins the process to cores 0..n-1; false when not on Linux or when n covers every core (nothing to do).</summary>
    public static bool PinTo(int n)
    {
        if (!OperatingSystem.IsLinux() || n >= Environment.ProcessorCount || n < 1)
        {
            return false;
        }

        ulong mask = (1UL << n) - 1;
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), out int tid) && SchedSetAffinity(tid, sizeof(ulong), ref mask) != 0)
            {
                throw new InvalidOperationException($"sched_setaffinity failed for thread {tid}: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        return true;
    }

    // DllImport rather than LibraryImport: the generated marshaller would need unsafe code for a blittable call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nint cpusetsize, ref ulong mask);
#pragma warning restore SYSLIB1054
}
