using System.Text.Json;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Serilog;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Ingests one transactions file: checks it, validates every row, writes valid rows to the curated dataset and
/// rejected ones to quarantine, commits through the manifest, then records the file in the ledger.
/// A file rejected whole leaves the store as it was; the same content ingested again is a no-op.
/// </summary>
public sealed class TransactionIngestor
{
    private readonly DataLayout _layout;
    private readonly IngestLedger _ledger;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lockTimeout;

    private const int SliceRows = 1 << 16;

    /// <param name="lockTimeout">How long to wait for another ingest of the same data directory; default 30 minutes.</param>
    public TransactionIngestor(DataLayout layout, IngestLedger ledger, ILogger logger, TimeProvider time, TimeSpan? lockTimeout = null)
    {
        _layout = layout;
        _ledger = ledger;
        _logger = logger;
        _time = time;
        _lockTimeout = lockTimeout ?? IngestLock.DefaultTimeout;
    }

    public async Task<IngestSummary> IngestAsync(string file, CancellationToken cancellationToken) =>
        await IngestAsync(file, ColumnMapping.Canonical, null, cancellationToken);

    /// <param name="progress">Told the number of source rows read so far, after each batch.</param>
    public async Task<IngestSummary> IngestAsync(string file, ColumnMapping mapping, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(file);
        if (!File.Exists(fullPath))
        {
            throw new InvalidInputException(file, "file not found");
        }

        var log = _logger.ForContext("File", fullPath);
        var hash = await ContentHash.OfFileAsync(fullPath, cancellationToken);
        log = log.ForContext("ContentHash", hash);

        // From the ledger check to the commit, one ingest per data directory: the duplicate index and the staging
        // names are only safe against ingests that ran before, not beside.
        using var ingestLock = await IngestLock.AcquireAsync(
            _layout.Root, fullPath, _lockTimeout,
            holder => log.Information("Waiting for the ingest lock of {Data}, held by {Holder}", _layout.Root, holder),
            cancellationToken);
        if (await _ledger.FindAsync(hash, cancellationToken) is { } known)
        {
            log.Information("Skipped {File}: same content already ingested as {KnownFile}", fullPath, known.FileName);
            return new IngestSummary(fullPath, hash, 0, 0, 0, Skipped: true);
        }

        var dataset = new CuratedDataset(_layout.CuratedTransactions);
        var receiptPath = Path.Combine(_layout.Quarantine, hash + ".receipt.json");
        if (dataset.Manifest.Contains(hash) && File.Exists(receiptPath))
        {
            // The previous run committed the data but stopped before the ledger: finish its bookkeeping.
            var receipt = JsonSerializer.Deserialize<LedgerEntry>(await File.ReadAllTextAsync(receiptPath, cancellationToken))!;
            await _ledger.RecordAsync(receipt, cancellationToken);
            log.Information("Completed the ledger for {File} from its committed receipt", fullPath);
            return new IngestSummary(fullPath, hash, receipt.RowsLoaded, receipt.RowsRejected, receipt.RowsDuplicate, Skipped: false);
        }

        await using var source = await TransactionSources.OpenAsync(fullPath, mapping, cancellationToken, log);
        var committed = await TxIdIndex.LoadAsync(dataset.Root, dataset.Manifest, cancellationToken);
        var validator = new TransactionValidator(fullPath, _time.GetUtcNow().UtcDateTime, mapping, committed, source.ExpectedRows);
        await using (var append = dataset.BeginAppend(hash, fullPath))
        {
            // A source batch (a whole Parquet row group, perhaps a million rows) is validated and routed in slices,
            // so that the valid rows never need a second buffer of the batch's size.
            var valid = new CuratedRows(SliceRows);
            var batches = 0;
            long rowsRead = 0;
            var stages = new IngestStageClock();

            // A source that decodes a batch on several cores itself is not read ahead: a second batch of a million
            // rows in memory would cost more than the overlap gains.
            var batchesRead = source.DecodesInParallel ? source.ReadAsync(cancellationToken) : ReadAhead.Run(source.ReadAsync, cancellationToken);
            await foreach (var columns in stages.Time(batchesRead, IngestStage.Read))
            {
                for (var start = 0; start < columns.Count; start += SliceRows)
                {
                    using (stages.Start(IngestStage.Validate))
                    {
                        validator.Validate(columns, start, Math.Min(SliceRows, columns.Count - start), valid);
                    }

                    using (stages.Start(IngestStage.Write))
                    {
                        await append.AddAsync(valid, cancellationToken);
                    }
                }

                rowsRead += columns.Count;
                progress?.Report(rowsRead);
                log.Debug("Batch {Batch} of {File}: {Rows} rows", ++batches, fullPath, columns.Count);
            }

            var entry = new LedgerEntry(
                hash, Path.GetFileName(fullPath), new FileInfo(fullPath).Length, _time.GetUtcNow().UtcDateTime,
                validator.Loaded, validator.Rejected.Count, validator.Duplicates, validator.RejectedByReason);
            if (validator.Rejected.Count > 0)
            {
                await QuarantineWriter.WriteAsync(Path.Combine(_layout.Quarantine, hash + ".parquet"), validator.Rejected, cancellationToken);
            }

            if (validator.Labels.Count > 0)
            {
                await validator.Labels.WriteAsync(Path.Combine(_layout.Labels, hash + ".parquet"), cancellationToken);
            }

            using var commitClock = stages.Start(IngestStage.Commit);
            await TxIdIndex.WriteAsync(dataset.Root, hash, validator.LoadedKeys.Where(k => !committed.Contains(k)), cancellationToken);
            await File.WriteAllTextAsync(receiptPath, JsonSerializer.Serialize(entry), cancellationToken);
            await append.CommitAsync(cancellationToken);
            await _ledger.RecordAsync(entry, cancellationToken);
            commitClock.Dispose();
            log.Information(
                "Ingest stages of {File}: read {ReadMs} ms, validate {ValidateMs} ms, write {WriteMs} ms, commit {CommitMs} ms",
                fullPath, stages[IngestStage.Read], stages[IngestStage.Validate], stages[IngestStage.Write], stages[IngestStage.Commit]);
        }

        foreach (var (reason, count) in validator.RejectedByReason)
        {
            log.Warning("Rejected {Count} rows of {File}: {Reason}", count, fullPath, reason);
        }

        log.Information(
            "Ingested {File}: {Loaded} loaded, {Rejected} rejected, {Duplicates} duplicate",
            fullPath, validator.Loaded, validator.Rejected.Count, validator.Duplicates);
        return new IngestSummary(fullPath, hash, validator.Loaded, validator.Rejected.Count, validator.Duplicates, Skipped: false);
    }

}
