using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Microsoft.Data.Sqlite;

namespace Afpakken.Engine.Storage;

/// <summary>A booked transaction as the confiscation side needs it: who paid whom, when, how much, by which channel.</summary>
public sealed record FlowTransaction(string TxId, DateTime BookedAt, string FromAccount, string ToAccount, decimal Amount, string Channel);

/// <summary>Outgoing card and direct-debit (ach) payments of an account in one month: living costs paid through the bank.</summary>
public sealed record MonthlySpending(string Account, int Year, int Month, decimal Amount, int Count);

/// <summary>
/// The facts of a detection run that the confiscation side reads per subject, kept in the relational store so that
/// an asset overview never has to scan the curated dataset: the transactions of every alert, every cash deposit and
/// withdrawal, living costs paid through the bank per account and month, the transactions that paid for registered
/// assets (directorships are the entity store's, <see cref="EntityStore"/>). Written in one transaction after each detection run,
/// replacing the previous run's facts (a re-run is safe).
/// </summary>
public sealed class FlowFacts
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS alert_transactions (
            alert_id TEXT NOT NULL, tx_id TEXT NOT NULL, booked_at TEXT NOT NULL, from_account TEXT NOT NULL,
            to_account TEXT NOT NULL, amount TEXT NOT NULL, channel TEXT NOT NULL, PRIMARY KEY (alert_id, tx_id));
        CREATE TABLE IF NOT EXISTS alert_accounts (account TEXT NOT NULL, alert_id TEXT NOT NULL, PRIMARY KEY (account, alert_id));
        CREATE TABLE IF NOT EXISTS cash_transactions (
            account TEXT NOT NULL, tx_id TEXT NOT NULL, booked_ticks INTEGER NOT NULL, deposit INTEGER NOT NULL, cents INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS cash_by_account ON cash_transactions (account, booked_ticks);
        CREATE TABLE IF NOT EXISTS bank_spending (account TEXT PRIMARY KEY, months TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS asset_payments (
            asset_id TEXT NOT NULL, tx_id TEXT NOT NULL, booked_at TEXT NOT NULL, from_account TEXT NOT NULL,
            to_account TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (asset_id, tx_id));
        CREATE INDEX IF NOT EXISTS asset_payments_by_payer ON asset_payments (from_account);
        CREATE TABLE IF NOT EXISTS flow_facts_run (run_id TEXT NOT NULL, window_from TEXT NOT NULL, window_to TEXT NOT NULL, written_at TEXT NOT NULL);
        """;

    private readonly SqliteStore _store;
    private bool _schemaChecked;

    public FlowFacts(SqliteStore store) => _store = store;

    /// <summary>Creates the tables when missing; refuses facts written in an older layout (run detect again).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => EnsureSchemaAsync(checkLayout: true, cancellationToken);

    private async Task EnsureSchemaAsync(bool checkLayout, CancellationToken cancellationToken)
    {
        // Once per instance: an overview or a ranking asks dozens of queries per subject.
        if (checkLayout && _schemaChecked)
        {
            return;
        }

        await new EntityStore(_store).EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('cash_transactions') WHERE name = 'booked_ticks'";
        if (checkLayout && (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L) == 0)
        {
            throw new InvalidInputException(_store.DatabasePath, "the facts of the last detection run were written by an older version: run afpakken detect again");
        }

        _schemaChecked = checkLayout;
    }

    /// <summary>Replaces the facts with those of one detection run over <paramref name="graph"/>.</summary>
    public async Task<FlowFactCounts> ReplaceAsync(
        string runId, DateTime windowFrom, DateTime windowTo, FlowGraph graph, IReadOnlyList<Alert> alerts, TimeProvider time, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(checkLayout: false, cancellationToken);
        var paidFrom = await PaidFromAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // Derived tables: dropped and made again, so that a run never mixes with the previous one and their layout
        // can change between versions without a migration.
        foreach (var table in (string[])["alert_transactions", "alert_accounts", "cash_transactions", "bank_spending", "asset_payments", "flow_facts_run"])
        {
            await ExecuteAsync(connection, transaction, $"DROP TABLE IF EXISTS {table}", cancellationToken);
        }

        await ExecuteAsync(connection, transaction, Schema, cancellationToken);

        var edgeOf = AlertEdges(graph, alerts, paidFrom, out var assetEdges);
        var alertTx = 0L;
        await using (var insert = Prepare(connection, transaction,
            "INSERT OR IGNORE INTO alert_transactions VALUES ($1, $2, $3, $4, $5, $6, $7)", 7))
        await using (var insertAccount = Prepare(connection, transaction, "INSERT OR IGNORE INTO alert_accounts VALUES ($1, $2)", 2))
        {
            foreach (var alert in alerts)
            {
                foreach (var txId in alert.TxIds)
                {
                    if (edgeOf.TryGetValue(txId, out var e))
                    {
                        await RunAsync(insert, cancellationToken, alert.AlertId, txId, Instant(graph.Ticks[e]), graph.Accounts[graph.Source[e]],
                            graph.Accounts[graph.Target[e]], Money(graph.Cents[e]), graph.ChannelNames[graph.Channel[e]]);
                        alertTx++;
                    }
                }

                foreach (var account in alert.Accounts)
                {
                    await RunAsync(insertAccount, cancellationToken, account, alert.AlertId);
                }
            }
        }

        var cash = 0L;
        var deposit = Array.IndexOf(graph.ChannelNames, Channels.CashDeposit);
        var withdrawal = Array.IndexOf(graph.ChannelNames, Channels.CashWithdrawal);
        var card = Array.IndexOf(graph.ChannelNames, Channels.Card);
        var ach = Array.IndexOf(graph.ChannelNames, Channels.Ach);
        var spending = new Dictionary<(int Account, int Month), (long Cents, int Count)>();
        // A million rows or so: typed columns, synchronous steps, and the index built once after the inserts.
        await ExecuteAsync(connection, transaction, "DROP INDEX IF EXISTS cash_by_account", cancellationToken);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO cash_transactions VALUES ($a, $t, $at, $d, $c)";
            var pAccount = insert.Parameters.Add("$a", SqliteType.Text);
            var pTx = insert.Parameters.Add("$t", SqliteType.Text);
            var pAt = insert.Parameters.Add("$at", SqliteType.Integer);
            var pDeposit = insert.Parameters.Add("$d", SqliteType.Integer);
            var pCents = insert.Parameters.Add("$c", SqliteType.Integer);
            insert.Prepare();
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                var channel = graph.Channel[e];
                var isDeposit = channel == deposit || (graph.CashAccount >= 0 && graph.Source[e] == graph.CashAccount);
                var isWithdrawal = !isDeposit && (channel == withdrawal || (graph.CashAccount >= 0 && graph.Target[e] == graph.CashAccount));
                if (isDeposit || isWithdrawal)
                {
                    pAccount.Value = graph.Accounts[isDeposit ? graph.Target[e] : graph.Source[e]];
                    pTx.Value = graph.TxIds[e];
                    pAt.Value = graph.Ticks[e];
                    pDeposit.Value = isDeposit ? 1 : 0;
                    pCents.Value = graph.Cents[e];
                    insert.ExecuteNonQuery();
                    cash++;
                }
                else if (channel == card || channel == ach)
                {
                    var at = new DateTime(graph.Ticks[e], DateTimeKind.Utc);
                    var key = (graph.Source[e], (at.Year * 12) + at.Month - 1);
                    var (cents, count) = spending.GetValueOrDefault(key);
                    spending[key] = (cents + graph.Cents[e], count + 1);
                }

                if ((e & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        await ExecuteAsync(connection, transaction, "CREATE INDEX cash_by_account ON cash_transactions (account, booked_ticks)", cancellationToken);

        // One row per account, its months packed as "yyyy-MM:amount:count;…" — a million rows rather than twelve.
        using (var insert = Prepare(connection, transaction, "INSERT INTO bank_spending VALUES ($1, $2)", 2))
        {
            insert.Prepare();
            var months = new System.Text.StringBuilder();
            foreach (var account in spending.GroupBy(kv => kv.Key.Account))
            {
                months.Clear();
                foreach (var kv in account.OrderBy(kv => kv.Key.Month))
                {
                    months.Append(months.Length == 0 ? "" : ";").Append(CultureInfo.InvariantCulture,
                        $"{kv.Key.Month / 12:D4}-{(kv.Key.Month % 12) + 1:D2}:{Money(kv.Value.Cents)}:{kv.Value.Count}");
                }

                insert.Parameters[0].Value = graph.Accounts[account.Key];
                insert.Parameters[1].Value = months.ToString();
                insert.ExecuteNonQuery();
            }
        }

        await using (var insert = Prepare(connection, transaction, "INSERT OR IGNORE INTO asset_payments VALUES ($1, $2, $3, $4, $5, $6)", 6))
        {
            foreach (var (assetId, e) in assetEdges)
            {
                await RunAsync(insert, cancellationToken, assetId, graph.TxIds[e], Instant(graph.Ticks[e]), graph.Accounts[graph.Source[e]],
                    graph.Accounts[graph.Target[e]], Money(graph.Cents[e]));
            }
        }

        await using (var insert = Prepare(connection, transaction, "INSERT INTO flow_facts_run VALUES ($1, $2, $3, $4)", 4))
        {
            await RunAsync(insert, cancellationToken, runId, Instant(windowFrom.Ticks), Instant(windowTo.Ticks), SqliteStore.FormatInstant(time.GetUtcNow().UtcDateTime));
        }

        await transaction.CommitAsync(cancellationToken);
        return new FlowFactCounts(alertTx, cash, spending.Count, assetEdges.Count);
    }

    /// <summary>The window of the detection run the facts come from, or null before the first run.</summary>
    public async Task<(string RunId, DateTime From, DateTime To)?> RunAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, window_from, window_to FROM flow_facts_run LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), SqliteStore.ParseInstant(reader.GetString(1)), SqliteStore.ParseInstant(reader.GetString(2)))
            : null;
    }

    /// <summary>Alerts that name any of the accounts, with their transactions.</summary>
    public async Task<IReadOnlyList<(Alert Alert, IReadOnlyList<FlowTransaction> Transactions)>> AlertsTouchingAsync(
        IReadOnlyCollection<string> accounts, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT alert_id FROM alert_accounts WHERE account = $a";
            var p = command.Parameters.Add("$a", SqliteType.Text);
            foreach (var account in accounts)
            {
                p.Value = account;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
            }
        }

        return await AlertsAsync(connection, ids, cancellationToken);
    }

    /// <summary>Every alert of the run with its transactions (for ranking all subjects): two scans, not two queries per alert.</summary>
    public async Task<IReadOnlyList<(Alert Alert, IReadOnlyList<FlowTransaction> Transactions)>> AllAlertsAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        var alerts = new SortedDictionary<string, Alert>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {SqliteStore.AlertColumns} FROM alerts";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var alert = SqliteStore.ReadAlert(reader);
                alerts[alert.AlertId] = alert;
            }
        }

        var transactions = new Dictionary<string, List<FlowTransaction>>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT alert_id, {TransactionColumns} FROM alert_transactions ORDER BY alert_id, booked_at, tx_id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                if (!transactions.TryGetValue(id, out var list))
                {
                    transactions[id] = list = [];
                }

                list.Add(ReadTransaction(reader, 1));
            }
        }

        return [.. alerts.Values.Select(a => (a, (IReadOnlyList<FlowTransaction>)(transactions.TryGetValue(a.AlertId, out var txs) ? txs : [])))];
    }

    private const string TransactionColumns = "tx_id, booked_at, from_account, to_account, amount, channel";

    private static FlowTransaction ReadTransaction(SqliteDataReader reader, int first) =>
        new(reader.GetString(first), SqliteStore.ParseInstant(reader.GetString(first + 1)), reader.GetString(first + 2),
            reader.GetString(first + 3), ParseMoney(reader.GetString(first + 4)), reader.GetString(first + 5));

    private static async Task<IReadOnlyList<(Alert, IReadOnlyList<FlowTransaction>)>> AlertsAsync(
        SqliteConnection connection, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var result = new List<(Alert, IReadOnlyList<FlowTransaction>)>();
        await using var alertCommand = connection.CreateCommand();
        alertCommand.CommandText = $"SELECT {SqliteStore.AlertColumns} FROM alerts WHERE alert_id = $id";
        var alertId = alertCommand.Parameters.Add("$id", SqliteType.Text);
        await using var txCommand = connection.CreateCommand();
        txCommand.CommandText = $"SELECT {TransactionColumns} FROM alert_transactions WHERE alert_id = $id ORDER BY booked_at, tx_id";
        var txAlertId = txCommand.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in ids)
        {
            alertId.Value = id;
            Alert? alert = null;
            await using (var reader = await alertCommand.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    alert = SqliteStore.ReadAlert(reader);
                }
            }

            if (alert is null)
            {
                continue;
            }

            txAlertId.Value = id;
            var txs = new List<FlowTransaction>();
            await using (var reader = await txCommand.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    txs.Add(ReadTransaction(reader, 0));
                }
            }

            result.Add((alert, txs));
        }

        return result;
    }

    /// <summary>Cash deposits into and withdrawals from the accounts, booked in [from, to).</summary>
    public async Task<IReadOnlyList<FlowTransaction>> CashOfAsync(IEnumerable<string> accounts, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tx_id, booked_ticks, deposit, cents FROM cash_transactions WHERE account = $a AND booked_ticks >= $from AND booked_ticks < $to ORDER BY booked_ticks, tx_id";
        var a = command.Parameters.Add("$a", SqliteType.Text);
        command.Parameters.AddWithValue("$from", from.Ticks);
        command.Parameters.AddWithValue("$to", to.Ticks);
        var rows = new List<FlowTransaction>();
        foreach (var account in accounts)
        {
            a.Value = account;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var deposit = reader.GetInt64(2) == 1;
                rows.Add(new FlowTransaction(reader.GetString(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc),
                    deposit ? CashAccount.Id : account, deposit ? account : CashAccount.Id, reader.GetInt64(3) / 100m,
                    deposit ? Channels.CashDeposit : Channels.CashWithdrawal));
            }
        }

        return rows;
    }

    /// <summary>Card and direct-debit payments of the accounts per month.</summary>
    public async Task<IReadOnlyList<MonthlySpending>> SpendingOfAsync(IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT months FROM bank_spending WHERE account = $a";
        var a = command.Parameters.Add("$a", SqliteType.Text);
        var rows = new List<MonthlySpending>();
        foreach (var account in accounts)
        {
            a.Value = account;
            if (await command.ExecuteScalarAsync(cancellationToken) is not string packed)
            {
                continue;
            }

            foreach (var month in packed.Split(';'))
            {
                var parts = month.Split(':');
                rows.Add(new MonthlySpending(account, int.Parse(parts[0][..4], CultureInfo.InvariantCulture), int.Parse(parts[0][5..], CultureInfo.InvariantCulture),
                    ParseMoney(parts[1]), int.Parse(parts[2], CultureInfo.InvariantCulture)));
            }
        }

        return rows;
    }

    /// <summary>Payments for registered assets made from any of the accounts: whose assets the holders of these accounts paid for.</summary>
    public async Task<IReadOnlyList<(string AssetId, FlowTransaction Payment)>> AssetPaymentsFromAsync(IEnumerable<string> accounts, CancellationToken cancellationToken) =>
        await AssetPaymentsAsync("from_account = $k", accounts, cancellationToken);

    /// <summary>The payments recorded for the given assets.</summary>
    public async Task<IReadOnlyList<(string AssetId, FlowTransaction Payment)>> AssetPaymentsOfAsync(IEnumerable<string> assetIds, CancellationToken cancellationToken) =>
        await AssetPaymentsAsync("asset_id = $k", assetIds, cancellationToken);

    private async Task<IReadOnlyList<(string, FlowTransaction)>> AssetPaymentsAsync(string where, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT asset_id, tx_id, booked_at, from_account, to_account, amount FROM asset_payments WHERE {where} ORDER BY booked_at, tx_id";
        var k = command.Parameters.Add("$k", SqliteType.Text);
        var rows = new List<(string, FlowTransaction)>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            k.Value = key;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), new FlowTransaction(reader.GetString(1), SqliteStore.ParseInstant(reader.GetString(2)), reader.GetString(3),
                    reader.GetString(4), ParseMoney(reader.GetString(5)), Channels.Wire)));
            }
        }

        return rows;
    }

    /// <summary>Every transaction recorded as paying for a registered asset.</summary>
    public async Task<IReadOnlySet<string>> AssetPaymentTxIdsAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT tx_id FROM asset_payments";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Companies a party directs or is UBO of.</summary>
    public Task<IReadOnlyList<string>> CompaniesDirectedByAsync(string partyId, CancellationToken cancellationToken) =>
        ColumnAsync("SELECT company FROM directorships WHERE director = $k ORDER BY company", partyId, cancellationToken);

    /// <summary>Directors / UBOs of a company.</summary>
    public Task<IReadOnlyList<string>> DirectorsOfAsync(string companyId, CancellationToken cancellationToken) =>
        ColumnAsync("SELECT director FROM directorships WHERE company = $k ORDER BY director", companyId, cancellationToken);

    private async Task<IReadOnlyList<string>> ColumnAsync(string sql, string key, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$k", key);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<Dictionary<string, List<string>>> PaidFromAsync(CancellationToken cancellationToken)
    {
        var byTx = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var asset in await new EntityStore(_store).PaidAssetsAsync(cancellationToken))
        {
            foreach (var tx in asset.PaidFrom)
            {
                if (!byTx.TryGetValue(tx, out var assets))
                {
                    byTx[tx] = assets = [];
                }

                assets.Add(asset.AssetId);
            }
        }

        return byTx;
    }

    /// <summary>Edge index of every transaction named by an alert or paying for an asset (no string per edge).</summary>
    private static Dictionary<string, int> AlertEdges(
        FlowGraph graph, IReadOnlyList<Alert> alerts, Dictionary<string, List<string>> paidFrom, out List<(string AssetId, int Edge)> assetEdges)
    {
        var wanted = new HashSet<string>(alerts.SelectMany(a => a.TxIds), StringComparer.Ordinal);
        var edgeOf = new Dictionary<string, int>(wanted.Count, StringComparer.Ordinal);
        assetEdges = [];
        if (wanted.Count == 0 && paidFrom.Count == 0)
        {
            return edgeOf;
        }

        graph.TxIds.Find(wanted, (e, id) => edgeOf[id] = e);
        var paid = assetEdges;
        graph.TxIds.Find(paidFrom, (e, assets) => paid.AddRange(assets.Select(asset => (asset, e))));
        return edgeOf;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add("$" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text);
        }

        return command;
    }

    private static async Task RunAsync(SqliteCommand command, CancellationToken cancellationToken, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Instant(long ticks) => SqliteStore.FormatInstant(new DateTime(ticks, DateTimeKind.Utc));

    private static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static decimal ParseMoney(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}

/// <summary>How many facts a detection run left for the confiscation side.</summary>
public sealed record FlowFactCounts(long AlertTransactions, long CashTransactions, int SpendingMonths, int AssetPayments);
