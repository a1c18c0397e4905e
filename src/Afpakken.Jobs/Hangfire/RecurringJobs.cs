using Hangfire;

namespace Afpakken.Jobs.Hangfire;

/// <summary>Every recurring job of Afpakken, registered in this one place.</summary>
public static class RecurringJobs
{
    public const string NightlyId = "nightly-ingest-detect";

    /// <summary>Adds or updates the recurring jobs; safe to call from every process on every start.</summary>
    public static void Register(IRecurringJobManager manager, SchedulingOptions scheduling, string dataDirectory)
    {
        var root = Path.GetFullPath(dataDirectory);
        manager.AddOrUpdate<NightlyJob>(
            NightlyId,
            job => job.RunAsync(root, CancellationToken.None),
            scheduling.NightlyCron,
            new RecurringJobOptions { TimeZone = scheduling.ResolveTimeZone() });
    }
}
