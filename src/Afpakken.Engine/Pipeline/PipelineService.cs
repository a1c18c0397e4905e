using Afpakken.Engine.Storage;
using Serilog;

namespace Afpakken.Engine.Pipeline;

/// <summary>Counts of one ingested file.</summary>
/// <param name="Skipped">True when the ledger already had this content: a re-run is a no-op.</param>
public sealed record IngestSummary(string File, string ContentHash, long Loaded, long Rejected, long Duplicates, bool Skipped);

/// <summary>What a detection run over the curated store produced.</summary>
public sealed record DetectionSummary(string RunId, long Transactions, int Accounts, int Alerts, int FlaggedAccounts, long FlaggedTransactions);

public sealed record PipelineResult(IReadOnlyList<IngestSummary> Ingested, DetectionSummary Detection);

/// <summary>
/// The thin path through every layer: ingest files into the curated store, detect over the store,
/// write alerts to the relational store and score files to an output directory.
/// Hosts (CLI, Hangfire jobs) call this; it knows nothing of them.
/// </summary>
public sealed class PipelineService
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public PipelineService(ILogger logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
    }

    /// <summary>Ingests one file; a file already in the ledger is skipped. Invalid files throw InvalidInputException and load nothing.</summary>
    public Task<IngestSummary> IngestAsync(string file, DataLayout data, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Runs detection over the curated store; writes alerts to the store and, if given, score CSVs to <paramref name="outputDirectory"/>.</summary>
    public Task<DetectionSummary> DetectAsync(DataLayout data, string? outputDirectory, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Validates every input first, then ingests each, then detects once.</summary>
    public Task<PipelineResult> RunAsync(IReadOnlyList<string> files, DataLayout data, string? outputDirectory, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
