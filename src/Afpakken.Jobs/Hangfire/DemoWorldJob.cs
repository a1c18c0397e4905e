using Afpakken.Engine.Contract;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Hangfire;
using Serilog;

namespace Afpakken.Jobs.Hangfire;

/// <summary>
/// Gives a fresh installation something to look at: generates a small seeded world and runs the pipeline on it.
/// Idempotent: does nothing once the store has alerts; reuses a complete demo world that is already there.
/// </summary>
[AutomaticRetry(Attempts = 1)]
[DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
public sealed class DemoWorldJob
{
    public const long DemoTransactions = 50_000;
    public const int DemoSeed = 20_260_101;

    private readonly PipelineService _pipeline;
    private readonly ILogger _logger;

    public DemoWorldJob(PipelineService pipeline, ILogger logger)
    {
        _pipeline = pipeline;
        _logger = logger.ForContext<DemoWorldJob>();
    }

    public async Task RunAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var layout = new DataLayout(dataDirectory);
        var store = await SqliteStore.OpenAsync(layout, cancellationToken);
        if (await store.CountAlertsAsync(cancellationToken) > 0)
        {
            _logger.Information("Demo world job: the store already has alerts; nothing to do");
            return;
        }

        var transactions = Path.Combine(layout.DemoWorld, "transactions.parquet");
        if (!File.Exists(transactions))
        {
            // Generate beside the target and move it in whole, so a crash never leaves a half world that looks complete.
            var staging = layout.DemoWorld + ".staging";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            if (Directory.Exists(layout.DemoWorld))
            {
                Directory.Delete(layout.DemoWorld, recursive: true);
            }

            var generated = await WorldGenerator.WriteAsync(
                new GenerationOptions(staging, DemoTransactions, DemoSeed, FileFormat.Parquet), cancellationToken);
            Directory.Move(staging, layout.DemoWorld);
            _logger.Information("Demo world job: generated {Transactions} transactions into {Directory}", generated.Transactions, layout.DemoWorld);
        }

        // Entity files first: account kinds and assets sharpen detection (gatekeepers, straw men).
        foreach (var kind in new[] { ContractKind.Accounts, ContractKind.Parties, ContractKind.Assets, ContractKind.Income })
        {
            var file = Path.Combine(layout.DemoWorld, kind.ToString().ToLowerInvariant() + ".parquet");
            if (File.Exists(file))
            {
                await _pipeline.IngestEntitiesAsync(file, kind, layout, cancellationToken);
            }
        }

        var result = await _pipeline.RunAsync([transactions], layout, outputDirectory: null, cancellationToken);
        _logger.Information("Demo world job: detection run {RunId} produced {Alerts} alerts", result.Detection.RunId, result.Detection.Alerts);
    }
}
