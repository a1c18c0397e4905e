using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
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

    /// <summary>A column mapping for every file in the drop folder, when the source is not in the canonical layout.</summary>
    public const string DropMappingFile = "mapping.json";

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

        var layout = new DataLayout(dataDirectory);
        var fromDrop = string.Equals(Path.GetDirectoryName(Path.GetFullPath(file)), layout.Drop, StringComparison.Ordinal);
        var mappingFile = Path.Combine(layout.Drop, DropMappingFile);
        var mapping = fromDrop && File.Exists(mappingFile) ? ColumnMappingFile.Load(mappingFile) : ColumnMapping.Canonical;
        IngestSummary summary;
        try
        {
            summary = await _pipeline.IngestAsync(file, layout, mapping, progress: null, cancellationToken);
        }
        catch (InvalidInputException ex) when (fromDrop)
        {
            // Set the bad file aside with its reason, so that the next night does not stumble over it again.
            var rejected = Path.Combine(layout.Drop, "rejected");
            Directory.CreateDirectory(rejected);
            var target = Path.Combine(rejected, Path.GetFileName(file));
            File.Move(file, target, overwrite: true);
            await File.WriteAllTextAsync(target + ".reason.txt", ex.Message + Environment.NewLine, cancellationToken);
            _logger.Error("Ingest job: rejected {File} whole and moved it to {Rejected}: {Problem}", file, rejected, ex.Problem);
            throw;
        }

        _logger.Information(
            "Ingest job: {File} loaded {Loaded}, rejected {Rejected}, duplicates {Duplicates}, skipped {Skipped}",
            summary.File, summary.Loaded, summary.Rejected, summary.Duplicates, summary.Skipped);
    }
}
