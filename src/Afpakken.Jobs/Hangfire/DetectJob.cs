using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Hangfire;
using Serilog;

namespace Afpakken.Jobs.Hangfire;

/// <summary>Runs detection over the curated store. Idempotent: a run replaces the alert set in one transaction.</summary>
[AutomaticRetry(Attempts = 2)]
[DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
public sealed class DetectJob
{
    private readonly PipelineService _pipeline;
    private readonly ILogger _logger;

    public DetectJob(PipelineService pipeline, ILogger logger)
    {
        _pipeline = pipeline;
        _logger = logger.ForContext<DetectJob>();
    }

    public async Task RunAsync(string dataDirectory, string? outputDirectory, CancellationToken cancellationToken)
    {
        var summary = await _pipeline.DetectAsync(new DataLayout(dataDirectory), outputDirectory, cancellationToken);
        _logger.Information(
            "Detect job: run {RunId} over {Transactions} transactions produced {Alerts} alerts",
            summary.RunId, summary.Transactions, summary.Alerts);
    }
}
