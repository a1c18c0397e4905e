using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Afpakken.Engine.Storage;

/// <summary>
/// One consultation or change of personal data (domain.md §6): when, who in which role, what was done to what, the
/// justification (case number / purpose) and any recipient — chained to the entry before it by a SHA-256 hash.
/// </summary>
public sealed record AuditEntry(
    long Sequence, DateTime At, string User, string Role, string Action, string What, string? CaseNumber, string? Purpose, string? Recipient,
    string PreviousHash, string Hash);

/// <summary>
/// The append-only, hash-chained access log in the relational store. Triggers refuse UPDATE and DELETE; every entry
/// carries the hash of the one before, so removing or editing a row in the file breaks <see cref="VerifyAsync"/>.
/// </summary>
public sealed class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_log (
            seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL,
            what TEXT NOT NULL, case_number TEXT, purpose TEXT, recipient TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """;

    private readonly SqliteStore _store;
    private readonly TimeProvider _time;
    private bool _schemaCreated;

    public AuditLog(SqliteStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public async Task<AuditEntry> AppendAsync(
        string user, string role, string action, string what, string? caseNumber, string? purpose, string? recipient, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        await using var connection = await OpenAsync(cancellationToken);
        // Not deferred: the write lock is taken at BEGIN, so two writers cannot both chain onto the same last entry.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var (lastSeq, lastHash) = (0L, Genesis);
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (lastSeq, lastHash) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        var at = _time.GetUtcNow().UtcDateTime;
        var entry = new AuditEntry(lastSeq + 1, at, user, role, action, what, caseNumber, purpose, recipient, lastHash, "");
        entry = entry with { Hash = HashOf(entry) };
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO audit_log VALUES ($seq, $at, $user, $role, $action, $what, $case, $purpose, $recipient, $prev, $hash)";
            insert.Parameters.AddWithValue("$seq", entry.Sequence);
            insert.Parameters.AddWithValue("$at", SqliteStore.FormatInstant(at));
            insert.Parameters.AddWithValue("$user", user);
            insert.Parameters.AddWithValue("$role", role);
            insert.Parameters.AddWithValue("$action", action);
            insert.Parameters.AddWithValue("$what", what);
            insert.Parameters.AddWithValue("$case", (object?)caseNumber ?? DBNull.Value);
            insert.Parameters.AddWithValue("$purpose", (object?)purpose ?? DBNull.Value);
            insert.Parameters.AddWithValue("$recipient", (object?)recipient ?? DBNull.Value);
            insert.Parameters.AddWithValue("$prev", entry.PreviousHash);
            insert.Parameters.AddWithValue("$hash", entry.Hash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return entry;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, user, role, action, what, case_number, purpose, recipient, prev_hash, hash FROM audit_log ORDER BY seq";
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), SqliteStore.ParseInstant(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), Text(reader, 6), Text(reader, 7), Text(reader, 8), reader.GetString(9), reader.GetString(10)));
        }

        return entries;
    }

    /// <summary>Checks the chain: consecutive sequence numbers, each entry's previous hash, each entry's own hash.</summary>
    /// <returns>Null when intact, else the first entry (sequence number) where the chain breaks and why.</returns>
    public async Task<(long Sequence, string Problem)?> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = Genesis;
        var expected = 1L;
        foreach (var entry in await ReadAsync(cancellationToken))
        {
            if (entry.Sequence != expected)
            {
                return (expected, $"entry {expected} is missing");
            }

            if (entry.PreviousHash != previous)
            {
                return (entry.Sequence, "does not follow from the entry before it");
            }

            if (HashOf(entry) != entry.Hash)
            {
                return (entry.Sequence, "was changed after it was written");
            }

            previous = entry.Hash;
            expected++;
        }

        return null;
    }

    private static string HashOf(AuditEntry e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture), SqliteStore.FormatInstant(e.At), e.User, e.Role, e.Action, e.What,
            e.CaseNumber ?? "\u2400", e.Purpose ?? "\u2400", e.Recipient ?? "\u2400", e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _store.OpenConnectionAsync(cancellationToken);
        if (!_schemaCreated)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _schemaCreated = true;
        }

        return connection;
    }

    private static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
