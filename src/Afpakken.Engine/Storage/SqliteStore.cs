using System.Globalization;
using System.Text.Json;
using Afpakken.Engine.Detection;
using Microsoft.Data.Sqlite;

namespace Afpakken.Engine.Storage;

/// <summary>The embedded relational store: one SQLite file under the data directory.</summary>
public sealed class SqliteStore : IAlertStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS alerts (
            alert_id      TEXT PRIMARY KEY,
            run_id        TEXT NOT NULL,
            typology      TEXT NOT NULL,
            detector      TEXT NOT NULL,
            score         REAL NOT NULL,
            focus_account TEXT NOT NULL,
            accounts      TEXT NOT NULL,
            tx_ids        TEXT NOT NULL,
            total_amount  TEXT NOT NULL,
            first_at      TEXT NOT NULL,
            last_at       TEXT NOT NULL,
            explanation   TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS alerts_by_score ON alerts (score DESC, alert_id);
        CREATE TABLE IF NOT EXISTS ingested_files (
            content_hash  TEXT PRIMARY KEY,
            file_name     TEXT NOT NULL,
            size_bytes    INTEGER NOT NULL,
            ingested_at   TEXT NOT NULL,
            rows_loaded   INTEGER NOT NULL,
            rows_rejected INTEGER NOT NULL,
            rows_duplicate INTEGER NOT NULL,
            parts         TEXT NOT NULL);
        """;

    private readonly string _connectionString;

    public SqliteStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Opens the store of a data directory, creating the directory and schema when missing.</summary>
    public static async Task<SqliteStore> OpenAsync(DataLayout layout, CancellationToken cancellationToken = default)
    {
        layout.EnsureCreated();
        var store = new SqliteStore(layout.DatabasePath);
        await store.EnsureSchemaAsync(cancellationToken);
        return store;
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task ReplaceAlertsAsync(string runId, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM alerts";
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO alerts (alert_id, run_id, typology, detector, score, focus_account, accounts, tx_ids,
                                total_amount, first_at, last_at, explanation)
            VALUES ($id, $run, $typology, $detector, $score, $focus, $accounts, $txs, $amount, $first, $last, $explanation)
            """;
        var p = new[]
        {
            insert.Parameters.Add("$id", SqliteType.Text), insert.Parameters.Add("$run", SqliteType.Text),
            insert.Parameters.Add("$typology", SqliteType.Text), insert.Parameters.Add("$detector", SqliteType.Text),
            insert.Parameters.Add("$score", SqliteType.Real), insert.Parameters.Add("$focus", SqliteType.Text),
            insert.Parameters.Add("$accounts", SqliteType.Text), insert.Parameters.Add("$txs", SqliteType.Text),
            insert.Parameters.Add("$amount", SqliteType.Text), insert.Parameters.Add("$first", SqliteType.Text),
            insert.Parameters.Add("$last", SqliteType.Text), insert.Parameters.Add("$explanation", SqliteType.Text),
        };
        foreach (var alert in alerts)
        {
            p[0].Value = alert.AlertId;
            p[1].Value = runId;
            p[2].Value = alert.Typology;
            p[3].Value = alert.Detector;
            p[4].Value = alert.Score;
            p[5].Value = alert.FocusAccount;
            p[6].Value = JsonSerializer.Serialize(alert.Accounts);
            p[7].Value = JsonSerializer.Serialize(alert.TxIds);
            p[8].Value = alert.TotalAmount.ToString(CultureInfo.InvariantCulture);
            p[9].Value = FormatInstant(alert.FirstAt);
            p[10].Value = FormatInstant(alert.LastAt);
            p[11].Value = alert.Explanation;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AlertPage> ListAlertsAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 500);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var total = await CountAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AlertColumns} FROM alerts ORDER BY score DESC, alert_id LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (long)(page - 1) * pageSize);
        var items = new List<Alert>(pageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadAlert(reader));
        }

        return new AlertPage(items, page, pageSize, total);
    }

    /// <summary>The columns <see cref="ReadAlert"/> reads, in its order.</summary>
    internal const string AlertColumns = "alert_id, typology, detector, score, focus_account, accounts, tx_ids, total_amount, first_at, last_at, explanation";

    /// <summary>An alert from a row of <see cref="AlertColumns"/>.</summary>
    internal static Alert ReadAlert(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetString(4),
        JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [],
        JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
        decimal.Parse(reader.GetString(7), NumberStyles.Number, CultureInfo.InvariantCulture),
        ParseInstant(reader.GetString(8)), ParseInstant(reader.GetString(9)), reader.GetString(10));

    public async Task<long> CountAlertsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await CountAsync(connection, cancellationToken);
    }

    private static async Task<long> CountAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM alerts";
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    internal static string FormatInstant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    internal static DateTime ParseInstant(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
