using System.Globalization;
using Afpakken.Engine.Contract;
using Microsoft.Data.Sqlite;

namespace Afpakken.Engine.Storage;

/// <summary>
/// Accounts, parties, assets and legal income in the relational store. Loading is an upsert by natural key in one
/// transaction per file, so re-loading a corrected file replaces its rows and a failed load changes nothing.
/// Money is stored as decimal text, never as a float.
/// </summary>
public sealed class EntityStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS accounts (
            account_id TEXT PRIMARY KEY, holder TEXT NOT NULL, bank TEXT NOT NULL, opened_at TEXT NOT NULL,
            closed_at TEXT, kind TEXT NOT NULL, source_hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS accounts_by_holder ON accounts (holder);
        CREATE TABLE IF NOT EXISTS parties (
            party_id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, birth_date TEXT, registration_number TEXT,
            address TEXT, phone TEXT, email TEXT, sector_code TEXT, role_hint TEXT, directors TEXT, source_hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS assets (
            asset_id TEXT PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NOT NULL, acquired_at TEXT NOT NULL,
            acquisition_price TEXT NOT NULL, current_value TEXT NOT NULL, valuation_basis TEXT NOT NULL,
            valuation_date TEXT NOT NULL, liabilities TEXT NOT NULL, liability_kind TEXT, paid_from_tx_ids TEXT,
            seizure_status TEXT NOT NULL, description TEXT, source_hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS assets_by_owner ON assets (owner);
        CREATE TABLE IF NOT EXISTS legal_income (
            party_id TEXT NOT NULL, year INTEGER NOT NULL, source TEXT NOT NULL, amount TEXT NOT NULL,
            source_hash TEXT NOT NULL, PRIMARY KEY (party_id, year, source));
        CREATE TABLE IF NOT EXISTS directorships (director TEXT NOT NULL, company TEXT NOT NULL, PRIMARY KEY (director, company));
        CREATE INDEX IF NOT EXISTS directorships_by_company ON directorships (company);
        CREATE INDEX IF NOT EXISTS parties_by_address ON parties (address);
        CREATE INDEX IF NOT EXISTS parties_by_phone ON parties (phone);
        CREATE INDEX IF NOT EXISTS parties_by_email ON parties (email);
        CREATE INDEX IF NOT EXISTS parties_by_role_hint ON parties (role_hint);
        CREATE INDEX IF NOT EXISTS accounts_by_kind ON accounts (kind);
        """;

    // The parties' director lists (';'-separated) as (director, company) rows: remade whenever parties are loaded,
    // in the same transaction, so that the links follow a corrected parties file.
    private const string RebuildDirectorships = """
        DELETE FROM directorships;
        WITH RECURSIVE split(company, rest, director) AS (
            SELECT party_id, directors || ';', NULL FROM parties WHERE directors IS NOT NULL AND directors <> ''
            UNION ALL
            SELECT company, substr(rest, instr(rest, ';') + 1), trim(substr(rest, 1, instr(rest, ';') - 1)) FROM split WHERE rest <> '')
        INSERT OR IGNORE INTO directorships SELECT director, company FROM split WHERE director IS NOT NULL AND director <> '';
        """;

    private readonly SqliteStore _store;

    public EntityStore(SqliteStore store) => _store = store;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);

        // A store whose parties were loaded by an older version (which left directorships to each detection run).
        command.CommandText = "SELECT NOT EXISTS (SELECT 1 FROM directorships) AND EXISTS (SELECT 1 FROM parties WHERE directors <> '')";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L) == 1)
        {
            command.CommandText = RebuildDirectorships;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task<int> UpsertAccountsAsync(IEnumerable<Account> rows, string sourceHash, CancellationToken cancellationToken) =>
        UpsertAsync(
            "INSERT OR REPLACE INTO accounts VALUES ($1, $2, $3, $4, $5, $6, $7)", rows,
            a => [a.AccountId, a.Holder, a.Bank, Date(a.OpenedAt), Date(a.ClosedAt), a.Kind, sourceHash], cancellationToken);

    public Task<int> UpsertPartiesAsync(IEnumerable<Party> rows, string sourceHash, CancellationToken cancellationToken) =>
        UpsertAsync(
            "INSERT OR REPLACE INTO parties VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", rows,
            p => [p.PartyId, p.Kind, p.Name, Date(p.BirthDate), p.RegistrationNumber, p.Address, p.Phone, p.Email, p.SectorCode, p.RoleHint, p.Directors, sourceHash],
            cancellationToken, then: RebuildDirectorships);

    public Task<int> UpsertAssetsAsync(IEnumerable<Asset> rows, string sourceHash, CancellationToken cancellationToken) =>
        UpsertAsync(
            "INSERT OR REPLACE INTO assets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)", rows,
            a => [a.AssetId, a.Kind, a.Owner, Date(a.AcquiredAt), Money(a.AcquisitionPrice), Money(a.CurrentValue), a.ValuationBasis,
                  Date(a.ValuationDate), Money(a.Liabilities), a.LiabilityKind, a.PaidFromTxIds, a.SeizureStatus, a.Description, sourceHash],
            cancellationToken);

    public Task<int> UpsertIncomeAsync(IEnumerable<LegalIncome> rows, string sourceHash, CancellationToken cancellationToken) =>
        UpsertAsync(
            "INSERT OR REPLACE INTO legal_income VALUES ($1, $2, $3, $4, $5)", rows,
            i => [i.PartyId, i.Year, i.Source, Money(i.Amount), sourceHash], cancellationToken);

    /// <summary>Account kinds whose holders serve many unrelated clients by trade (domain.md §3, gatekeepers).</summary>
    public static IReadOnlyList<string> GatekeeperKinds { get; } = ["notary_third_party", "crypto_exchange", "money_transfer_office"];

    /// <summary>The ids of accounts of the given kinds; empty when no accounts file was loaded.</summary>
    public async Task<IReadOnlyList<string>> AccountsOfKindsAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT account_id FROM accounts WHERE kind IN ({string.Join(", ", kinds.Select((_, i) => "$k" + i.ToString(CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < kinds.Count; i++)
        {
            command.Parameters.AddWithValue("$k" + i.ToString(CultureInfo.InvariantCulture), kinds[i]);
        }

        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Assets with the transactions that paid for them, for the straw-man evidence.</summary>
    public async Task<IReadOnlyList<(string AssetId, string Kind, string Owner, decimal Price, IReadOnlyList<string> PaidFrom)>> PaidAssetsAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT asset_id, kind, owner, acquisition_price, paid_from_tx_ids FROM assets WHERE paid_from_tx_ids IS NOT NULL AND paid_from_tx_ids <> ''";
        var rows = new List<(string, string, string, decimal, IReadOnlyList<string>)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2),
                decimal.Parse(reader.GetString(3), NumberStyles.Number, CultureInfo.InvariantCulture),
                reader.GetString(4).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        return rows;
    }

    /// <summary>Holder (party id) of every account in the store.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AccountHoldersAsync(CancellationToken cancellationToken) =>
        await MapAsync("SELECT account_id, holder FROM accounts", cancellationToken);

    /// <summary>Kind of every account in the store and the sector code of its holder (null when the holder is no company or unknown).</summary>
    public async Task<IReadOnlyDictionary<string, (string Kind, string? Sector)>> AccountProfilesAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT a.account_id, a.kind, p.sector_code FROM accounts a LEFT JOIN parties p ON p.party_id = a.holder";
        var profiles = new Dictionary<string, (string Kind, string? Sector)>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = reader.GetString(1);
            // One string per kind, not one per row: a million accounts share five kinds.
            kind = kinds.TryGetValue(kind, out var interned) ? interned : kinds[kind] = kind;
            profiles[reader.GetString(0)] = (kind, reader.IsDBNull(2) ? null : string.Intern(reader.GetString(2)));
        }

        return profiles;
    }

    /// <summary>The highest yearly legal income of every party with income records, as text-free decimals.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> YearlyIncomeAsync(CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(string, long), decimal>();
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT party_id, year, amount FROM legal_income";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetInt64(1));
            sums[key] = sums.GetValueOrDefault(key) + decimal.Parse(reader.GetString(2), NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return sums.GroupBy(kv => kv.Key.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(kv => kv.Value), StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> MapAsync(string sql, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            map[reader.GetString(0)] = reader.GetString(1);
        }

        return map;
    }

    public async Task<long> CountAsync(ContractKind kind, CancellationToken cancellationToken)
    {
        var table = kind switch
        {
            ContractKind.Accounts => "accounts",
            ContractKind.Parties => "parties",
            ContractKind.Assets => "assets",
            ContractKind.Income => "legal_income",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "transactions live in the curated dataset"),
        };
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    /// <param name="then">SQL run after the rows, in the same transaction (tables derived from them).</param>
    private async Task<int> UpsertAsync<T>(string sql, IEnumerable<T> rows, Func<T, object?[]> values, CancellationToken cancellationToken, string? then = null)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        SqliteParameter[]? parameters = null;
        var count = 0;
        foreach (var row in rows)
        {
            var v = values(row);
            parameters ??= Enumerable.Range(1, v.Length).Select(i => command.Parameters.Add("$" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
            for (var i = 0; i < v.Length; i++)
            {
                parameters[i].Value = v[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        if (then is not null)
        {
            await using var derived = connection.CreateCommand();
            derived.Transaction = transaction;
            derived.CommandText = then;
            await derived.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
