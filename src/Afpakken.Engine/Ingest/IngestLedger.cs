using System.Text.Json;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Ingest;

/// <summary>One ingested file as the ledger remembers it.</summary>
public sealed record LedgerEntry(
    string ContentHash, string FileName, long SizeBytes, DateTime IngestedAt, long RowsLoaded, long RowsRejected,
    long RowsDuplicate, IReadOnlyDictionary<string, long> RejectedByReason);

/// <summary>
/// The ledger of ingested files, keyed by content hash, in the relational store: a file whose content is
/// already there is skipped, whatever its name, so re-running an ingest is a no-op.
/// </summary>
public sealed class IngestLedger
{
    private readonly SqliteStore _store;

    public IngestLedger(SqliteStore store) => _store = store;

    public async Task<LedgerEntry?> FindAsync(string contentHash, CancellationToken cancellationToken)
    {
        var all = await ListAsync(contentHash, cancellationToken);
        return all.Count == 0 ? null : all[0];
    }

    public Task<IReadOnlyList<LedgerEntry>> ListAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    private async Task<IReadOnlyList<LedgerEntry>> ListAsync(string? contentHash, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT content_hash, file_name, size_bytes, ingested_at, rows_loaded, rows_rejected, rows_duplicate, parts
            FROM ingested_files WHERE $hash IS NULL OR content_hash = $hash ORDER BY ingested_at, file_name
            """;
        command.Parameters.AddWithValue("$hash", (object?)contentHash ?? DBNull.Value);
        var entries = new List<LedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new LedgerEntry(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), SqliteStore.ParseInstant(reader.GetString(3)),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
                JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(7)) ?? []));
        }

        return entries;
    }

    /// <summary>Records a file; recording the same content twice keeps the first record.</summary>
    public async Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO ingested_files
                (content_hash, file_name, size_bytes, ingested_at, rows_loaded, rows_rejected, rows_duplicate, parts)
            VALUES ($hash, $name, $size, $at, $loaded, $rejected, $duplicate, $reasons)
            """;
        command.Parameters.AddWithValue("$hash", entry.ContentHash);
        command.Parameters.AddWithValue("$name", entry.FileName);
        command.Parameters.AddWithValue("$size", entry.SizeBytes);
        command.Parameters.AddWithValue("$at", SqliteStore.FormatInstant(entry.IngestedAt));
        command.Parameters.AddWithValue("$loaded", entry.RowsLoaded);
        command.Parameters.AddWithValue("$rejected", entry.RowsRejected);
        command.Parameters.AddWithValue("$duplicate", entry.RowsDuplicate);
        command.Parameters.AddWithValue("$reasons", JsonSerializer.Serialize(entry.RejectedByReason));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

}
