using Afpakken.Engine.Contract;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Hangfire;
using Serilog;

namespace Afpakken.Jobs.Hangfire;

/// <summary>
/// Ingests one file into the curated store. Idempotent: the ingest ledger skips content it has seen.
/// Invalid input is not retried — the same bytes fail the same way; the failure reason shows in the dashboard.
/// </summary>
[AutomaticRetry(Attempts = 3, ExceptOn = [typeof(InvalidInputException)])]
public sealed class IngestFileJob
{
    private readonly PipelineService _pipeline;
    private readonly ILogger _logger;

    public IngestFileJob(PipelineService pipeline, ILogger logger)
    {
        _pipeline = pipeline;
        _logger = logger.ForContext<IngestFileJob>();
    }

    public async Task RunAsync(string file, string dataDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new InvalidInputException(file, "file not found");
        }

        var summary = await _pipeline.IngestAsync(file, new DataLayout(dataDirectory), cancellationToken);
        _logger.Information(
            "Ingest job: {File} loaded {Loaded}, rejected {Rejected}, duplicates {Duplicates}, skipped {Skipped}",
            summary.File, summary.Loaded, summary.Rejected, summary.Duplicates, summary.Skipped);
    }
}
