using Afpakken.Engine.Storage;
using Hangfire;
using Serilog;

namespace Afpakken.Jobs.Hangfire;

/// <summary>
/// Picks up the Parquet, Arrow and CSV files in the drop folder (with <c>drop/mapping.json</c> when there is one): one <see cref="IngestFileJob"/> per file, chained in name order
/// so that ingests never run side by side, then a <see cref="DetectJob"/> after the last one.
/// Re-running is harmless: files already in the ingest ledger are skipped by the ingest itself.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class NightlyJob
{
    private readonly IBackgroundJobClient _jobs;
    private readonly ILogger _logger;

    public NightlyJob(IBackgroundJobClient jobs, ILogger logger)
    {
        _jobs = jobs;
        _logger = logger.ForContext<NightlyJob>();
    }

    private static readonly string[] DataExtensions = [".parquet", ".arrow", ".arrows", ".feather", ".csv"];

    private static bool IsDataFile(string path) => DataExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Returns the id of the enqueued detect job, or null when the drop folder held no files.</summary>
    public Task<string?> RunAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var layout = new DataLayout(dataDirectory);
        var files = Directory.Exists(layout.Drop)
            ? Directory.GetFiles(layout.Drop).Where(IsDataFile).Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            _logger.Information("Nightly job: no files in {Drop}", layout.Drop);
            return Task.FromResult<string?>(null);
        }

        string? previous = null;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            previous = previous is null
                ? _jobs.Enqueue<IngestFileJob>(job => job.RunAsync(file, layout.Root, CancellationToken.None))
                : _jobs.ContinueJobWith<IngestFileJob>(previous, job => job.RunAsync(file, layout.Root, CancellationToken.None));
        }

        var detect = _jobs.ContinueJobWith<DetectJob>(previous!, job => job.RunAsync(layout.Root, null, CancellationToken.None));
        _logger.Information("Nightly job: enqueued {Files} ingest jobs and detect job {DetectJobId}", files.Count, detect);
        return Task.FromResult<string?>(detect);
    }
}
