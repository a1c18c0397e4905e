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

        var now = _time.GetUtcNow().UtcDateTime;
        var storeKeys = TxIdIndex.CountKeys(dataset.Root, dataset.Manifest);
        TransactionValidator validator;
        try
        {
            validator = await IngestPassAsync(fullPath, hash, mapping, progress, dataset, receiptPath, now, storeKeys, twoPass: false, log, cancellationToken);
        }
        catch (DuplicateIndexFullException)
        {
            // Nothing was committed (the staged parts are gone): start over, duplicates checked in two passes.
            log.Information(
                "The tx ids of {File} and the store ({StoreKeys}) exceed the in-memory duplicate index ({MaxKeys}): checking duplicates in two passes",
                fullPath, storeKeys, MaxKeysInMemory);
            validator = await IngestPassAsync(fullPath, hash, mapping, progress, dataset, receiptPath, now, storeKeys, twoPass: true, log, cancellationToken);
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

    /// <summary>
    /// Tx ids (of the file and the store) the duplicate check holds in memory, 20 bytes each; an ingest that would
    /// hold more checks duplicates in two passes over the file (<see cref="TxIdSpill"/>), so that memory does not grow
    /// with the file or the store.
    /// </summary>
    internal long MaxKeysInMemory { get; init; } = 20_000_000;

    /// <summary>Entries of a sorted run of the two-pass check (24 bytes each; see <see cref="TxIdSpill"/>).</summary>
    internal int SpillRunEntries { get; init; } = 1 << 21;

    /// <summary>
    /// Reads, validates, stages and commits the file. One pass with the in-memory duplicate index (throws
    /// <see cref="DuplicateIndexFullException"/> when it would outgrow <see cref="MaxKeysInMemory"/>, before any commit),
    /// or, <paramref name="twoPass"/>, a first pass that spills the tx id keys and a second that loads.
    /// </summary>
    private async Task<TransactionValidator> IngestPassAsync(
        string fullPath, string hash, ColumnMapping mapping, IProgress<long>? progress, CuratedDataset dataset, string receiptPath, DateTime now,
        long storeKeys, bool twoPass, ILogger log, CancellationToken cancellationToken)
    {
        TxIdIndex? committed = null;
        TxIdSpill? spill = null;
        IEnumerator<long>? duplicateRows = null;
        string? newKeys = null;
        TransactionValidator validator;
        ITransactionSource? source = null;
        try
        {
            if (!twoPass)
            {
                source = await TransactionSources.OpenAsync(fullPath, mapping, cancellationToken, log);
                if (storeKeys + source.ExpectedRows > MaxKeysInMemory)
                {
                    throw new DuplicateIndexFullException();
                }

                committed = await TxIdIndex.LoadAsync(dataset.Root, dataset.Manifest, cancellationToken);
                validator = new TransactionValidator(fullPath, now, mapping, committed, source.ExpectedRows) { MaxKeys = MaxKeysInMemory };
            }
            else
            {
                // The first pass has its own reader, closed before the second opens: one set of batch buffers at a time.
                spill = new TxIdSpill(Path.Combine(dataset.Root, "_spill-" + hash[..24]), SpillRunEntries);
                await SpillKeysAsync(fullPath, mapping, now, spill, cancellationToken);
                newKeys = TxIdIndex.StagingPath(dataset.Root, hash);
                await spill.ResolveAsync(TxIdIndex.Files(dataset.Root, dataset.Manifest), newKeys, cancellationToken);
                log.Information("Duplicate check of {File} in two passes: {Duplicates} duplicate rows, {NewKeys} new tx ids", fullPath, spill.Duplicates, spill.NewKeys);
                duplicateRows = spill.DuplicateRows().GetEnumerator();
                validator = new TransactionValidator(fullPath, now, mapping, duplicates: new TransactionValidator.DuplicateCheck { DuplicateRows = duplicateRows });
                source = await TransactionSources.OpenAsync(fullPath, mapping, cancellationToken, log);
            }

            await using var append = dataset.BeginAppend(hash, fullPath);

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
            if (newKeys is not null)
            {
                TxIdIndex.Publish(dataset.Root, hash, newKeys);
            }
            else
            {
                await TxIdIndex.WriteAsync(dataset.Root, hash, validator.LoadedKeys.Where(k => !committed!.Contains(k)), cancellationToken);
            }

            await File.WriteAllTextAsync(receiptPath, JsonSerializer.Serialize(entry), cancellationToken);
            await append.CommitAsync(cancellationToken);
            await _ledger.RecordAsync(entry, cancellationToken);
            commitClock.Dispose();
            log.Information(
                "Ingest stages of {File}: read {ReadMs} ms, validate {ValidateMs} ms, write {WriteMs} ms, commit {CommitMs} ms",
                fullPath, stages[IngestStage.Read], stages[IngestStage.Validate], stages[IngestStage.Write], stages[IngestStage.Commit]);
            return validator;
        }
        finally
        {
            if (source is not null)
            {
                await source.DisposeAsync();
            }

            duplicateRows?.Dispose();
            spill?.Dispose();
            if (newKeys is not null && File.Exists(newKeys))
            {
                File.Delete(newKeys);
            }
        }
    }

    /// <summary>The first of two passes: validates every row as the second will, and spills the keys of those that pass.</summary>
    private static async Task SpillKeysAsync(string fullPath, ColumnMapping mapping, DateTime now, TxIdSpill spill, CancellationToken cancellationToken)
    {
        await using var source = await TransactionSources.OpenAsync(fullPath, mapping, cancellationToken);
        var validator = new TransactionValidator(fullPath, now, mapping, duplicates: new TransactionValidator.DuplicateCheck { Spill = spill });
        var scratch = new CuratedRows(SliceRows);
        var batchesRead = source.DecodesInParallel ? source.ReadAsync(cancellationToken) : ReadAhead.Run(source.ReadAsync, cancellationToken);
        await foreach (var columns in batchesRead)
        {
            for (var start = 0; start < columns.Count; start += SliceRows)
            {
                validator.Validate(columns, start, Math.Min(SliceRows, columns.Count - start), scratch);
            }
        }
    }
}
