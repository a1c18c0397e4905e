using System.Diagnostics;

namespace Afpakken.Bench;

/// <summary>
/// Wall time of one step, the processor time and garbage-collection pauses it cost (the machine is shared, so wall
/// time alone misleads under load), and the process's peak working set after it.
/// </summary>
internal sealed record Measurement(string Step, TimeSpan Elapsed, long Rows, long PeakBytes, TimeSpan Cpu, TimeSpan GcPause)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

    public static async Task<Measurement> TimeAsync(string step, Func<Task<long>> body)
    {
        // Give back what an earlier step left, then start the peak afresh: each step's peak is its own.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ResetPeak();
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var rows = await body();
        clock.Stop();
        self.Refresh();
        return new Measurement(step, clock.Elapsed, rows, self.PeakWorkingSet64, self.TotalProcessorTime - cpu, GC.GetTotalPauseDuration() - pause);
    }

    /// <summary>
    /// On Linux, starts the peak working set (VmHWM) afresh, so that each step's peak is its own and not that of a
    /// step before it in the same process.
    /// </summary>
    private static void ResetPeak()
    {
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
    }

    public override string ToString() =>
        $"{Step,-34} {Elapsed.TotalSeconds,8:0.00} s {Rows,12:N0} rows {RowsPerSecond,12:N0} rows/s  peak {PeakBytes / (1024.0 * 1024):N0} MiB  cpu {Cpu.TotalSeconds:0.0} s  gc pause {GcPause.TotalSeconds:0.0} s";
}

internal static class Args
{
    public static string? Get(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
