using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Serilog;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Loads an accounts, parties, assets or income file (Parquet, Arrow or CSV in the contract layout) into the
/// relational store: rows that break the contract go to quarantine with their row and reason, the rest are upserted
/// in one transaction, and the file is recorded in the ledger so that loading the same content again is a no-op.
/// </summary>
public sealed class EntityIngestor
{
    private readonly DataLayout _layout;
    private readonly SqliteStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public EntityIngestor(DataLayout layout, SqliteStore store, ILogger logger, TimeProvider time)
    {
        _layout = layout;
        _store = store;
        _logger = logger;
        _time = time;
    }

    public async Task<IngestSummary> IngestAsync(string file, ContractKind kind, CancellationToken cancellationToken)
    {
        if (kind == ContractKind.Transactions)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "transactions go through TransactionIngestor");
        }

        var fullPath = Path.GetFullPath(file);
        if (!File.Exists(fullPath))
        {
            throw new InvalidInputException(file, "file not found");
        }

        var ledger = new IngestLedger(_store);
        var hash = await ContentHash.OfFileAsync(fullPath, cancellationToken);
        var log = _logger.ForContext("File", fullPath).ForContext("ContentHash", hash).ForContext("Kind", kind);
        using var ingestLock = await IngestLock.AcquireAsync(
            _layout.Root, fullPath, IngestLock.DefaultTimeout,
            holder => log.Information("Waiting for the ingest lock of {Data}, held by {Holder}", _layout.Root, holder),
            cancellationToken);
        if (await ledger.FindAsync(hash, cancellationToken) is { } known)
        {
            log.Information("Skipped {File}: same content already ingested as {KnownFile}", fullPath, known.FileName);
            return new IngestSummary(fullPath, hash, 0, 0, 0, Skipped: true);
        }

        var rejected = new List<RejectedRow>();
        var entities = new EntityStore(_store);
        int loaded;
        try
        {
            loaded = kind switch
            {
                ContractKind.Accounts => await entities.UpsertAccountsAsync(
                    Valid(fullPath, await EntityFiles.ReadAccountsAsync(fullPath, cancellationToken), rejected,
                        (a, reject) => Id(a.AccountId, AccountSchema.Account, reject) && Id(a.Holder, AccountSchema.Holder, reject)),
                    hash, cancellationToken),
                ContractKind.Parties => await entities.UpsertPartiesAsync(
                    Valid(fullPath, await EntityFiles.ReadPartiesAsync(fullPath, cancellationToken), rejected,
                        (p, reject) => Id(p.PartyId, PartySchema.PartyId, reject) && Id(p.Name, PartySchema.Name, reject)),
                    hash, cancellationToken),
                ContractKind.Assets => await entities.UpsertAssetsAsync(
                    Valid(fullPath, await EntityFiles.ReadAssetsAsync(fullPath, cancellationToken), rejected,
                        (a, reject) => Id(a.AssetId, AssetSchema.AssetId, reject) && Id(a.Owner, AssetSchema.Owner, reject) &&
                                       NotNegative(a.AcquisitionPrice, AssetSchema.AcquisitionPrice, reject) &&
                                       NotNegative(a.CurrentValue, AssetSchema.CurrentValue, reject) &&
                                       NotNegative(a.Liabilities, AssetSchema.Liabilities, reject)),
                    hash, cancellationToken),
                _ => await entities.UpsertIncomeAsync(
                    Valid(fullPath, await EntityFiles.ReadIncomeAsync(fullPath, cancellationToken), rejected,
                        (i, reject) => Id(i.PartyId, IncomeSchema.PartyId, reject) && NotNegative(i.Amount, IncomeSchema.Amount, reject)),
                    hash, cancellationToken),
            };
        }
        catch (Exception ex) when (ex is not (InvalidInputException or OperationCanceledException))
        {
            // Nothing was written: the upsert is one transaction and it runs after the whole file was read.
            throw new InvalidInputException(fullPath, $"cannot be read as a {kind.ToString().ToLowerInvariant()} file ({ex.Message})", ex);
        }

        if (rejected.Count > 0)
        {
            await QuarantineWriter.WriteAsync(Path.Combine(_layout.Quarantine, hash + ".parquet"), rejected, cancellationToken);
        }

        var reasons = rejected.GroupBy(r => $"{r.Field}: {r.Reason}").ToDictionary(g => g.Key, g => (long)g.Count());
        await ledger.RecordAsync(
            new LedgerEntry(hash, Path.GetFileName(fullPath), new FileInfo(fullPath).Length, _time.GetUtcNow().UtcDateTime, loaded, rejected.Count, 0, reasons),
            cancellationToken);
        log.Information("Ingested {Kind} file {File}: {Loaded} loaded, {Rejected} rejected", kind, fullPath, loaded, rejected.Count);
        return new IngestSummary(fullPath, hash, loaded, rejected.Count, 0, Skipped: false);
    }

    private static List<T> Valid<T>(string file, IReadOnlyList<T> rows, List<RejectedRow> rejected, Func<T, Action<string, string, string?>, bool> check)
    {
        var valid = new List<T>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 1;
            if (check(rows[i], (field, reason, value) => rejected.Add(new RejectedRow(file, row, field, reason, value))))
            {
                valid.Add(rows[i]);
            }
        }

        return valid;
    }

    private static bool Id(string? value, string field, Action<string, string, string?> reject)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            reject(field, "missing value", value);
            return false;
        }

        if (value.Length > TransactionSchema.MaxIdLength || value.Contains('\uFFFD', StringComparison.Ordinal))
        {
            reject(field, "too long or not valid UTF-8", value[..Math.Min(32, value.Length)]);
            return false;
        }

        return true;
    }

    private static bool NotNegative(decimal value, string field, Action<string, string, string?> reject)
    {
        if (value < 0)
        {
            reject(field, "must not be negative", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return false;
        }

        return true;
    }

}
