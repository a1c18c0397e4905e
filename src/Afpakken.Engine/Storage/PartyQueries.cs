using System.Globalization;
using Afpakken.Engine.Contract;
using Microsoft.Data.Sqlite;

namespace Afpakken.Engine.Storage;

/// <summary>
/// Reads parties, their accounts, assets and income back from the relational store (see <see cref="EntityStore"/>); links
/// by directorship use the directorships table that <see cref="EntityStore"/> keeps in step with the parties.
/// </summary>
public sealed class PartyQueries
{
    private readonly SqliteStore _store;
    private bool _schemaChecked;

    public PartyQueries(SqliteStore store) => _store = store;

    public async Task<Party?> PartyAsync(string partyId, CancellationToken cancellationToken) =>
        (await PartiesAsync("WHERE party_id = $p1", [partyId], cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Parties that share a non-empty address, phone or e-mail with <paramref name="party"/>, that name it among their
    /// directors / UBOs, or that it names among its own.
    /// </summary>
    public Task<IReadOnlyList<Party>> LinkedAsync(Party party, CancellationToken cancellationToken) =>
        PartiesAsync(
            "WHERE party_id <> $p1 AND party_id IN (" +
            "SELECT party_id FROM parties WHERE $p2 <> '' AND address = $p2 UNION " +
            "SELECT party_id FROM parties WHERE $p3 <> '' AND phone = $p3 UNION " +
            "SELECT party_id FROM parties WHERE $p4 <> '' AND email = $p4 UNION " +
            "SELECT company FROM directorships WHERE director = $p1 UNION " +
            "SELECT director FROM directorships WHERE company = $p1)",
            [party.PartyId, party.Address ?? "", party.Phone ?? "", party.Email ?? ""],
            cancellationToken);

    /// <summary>The accounts a party holds.</summary>
    public async Task<IReadOnlyList<string>> AccountsOfAsync(string partyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id FROM accounts WHERE holder = $holder ORDER BY account_id";
        command.Parameters.AddWithValue("$holder", partyId);
        var accounts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(reader.GetString(0));
        }

        return accounts;
    }

    /// <summary>The parties with these ids that exist in the store.</summary>
    public async Task<IReadOnlyList<Party>> PartiesAsync(IEnumerable<string> partyIds, CancellationToken cancellationToken)
    {
        var found = new List<Party>();
        foreach (var id in partyIds.Distinct(StringComparer.Ordinal))
        {
            if (await PartyAsync(id, cancellationToken) is { } party)
            {
                found.Add(party);
            }
        }

        return found;
    }

    /// <summary>Holder of each of the accounts that the store knows.</summary>
    public async Task<IReadOnlyDictionary<string, string>> HoldersAsync(IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT holder FROM accounts WHERE account_id = $a";
        var a = command.Parameters.Add("$a", SqliteType.Text);
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in accounts.Distinct(StringComparer.Ordinal))
        {
            a.Value = account;
            if (await command.ExecuteScalarAsync(cancellationToken) is string holder)
            {
                holders[account] = holder;
            }
        }

        return holders;
    }

    /// <summary>Accounts held by parties with any of the role hints (e.g. cash_intensive_business).</summary>
    public async Task<IReadOnlySet<string>> AccountsOfRoleHintsAsync(IReadOnlyList<string> roleHints, CancellationToken cancellationToken)
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id FROM accounts WHERE holder IN (SELECT party_id FROM parties WHERE role_hint = $hint)";
        var hint = command.Parameters.Add("$hint", SqliteType.Text);
        foreach (var roleHint in roleHints)
        {
            hint.Value = roleHint;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accounts.Add(reader.GetString(0));
            }
        }

        return accounts;
    }

    /// <summary>The assets with these ids.</summary>
    public async Task<IReadOnlyList<Asset>> AssetsAsync(IEnumerable<string> assetIds, CancellationToken cancellationToken)
    {
        var assets = new List<Asset>();
        foreach (var id in assetIds.Distinct(StringComparer.Ordinal))
        {
            assets.AddRange(await AssetsWhereAsync("asset_id = $k", id, cancellationToken));
        }

        return assets;
    }

    /// <summary>Legal income records of a party, by year and source.</summary>
    public async Task<IReadOnlyList<LegalIncome>> IncomeOfAsync(string partyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT party_id, year, amount, source FROM legal_income WHERE party_id = $p ORDER BY year, source";
        command.Parameters.AddWithValue("$p", partyId);
        var rows = new List<LegalIncome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LegalIncome(reader.GetString(0), reader.GetInt32(1), Money(reader.GetString(2)), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Every asset owned by the party.</summary>
    public Task<IReadOnlyList<Asset>> AssetsOfAsync(string owner, CancellationToken cancellationToken) =>
        AssetsWhereAsync("owner = $k", owner, cancellationToken);

    private async Task<IReadOnlyList<Asset>> AssetsWhereAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT asset_id, kind, owner, acquired_at, acquisition_price, current_value, valuation_basis, valuation_date, " +
            $"liabilities, liability_kind, paid_from_tx_ids, seizure_status, description FROM assets WHERE {where} ORDER BY acquired_at, asset_id";
        command.Parameters.AddWithValue("$k", key);
        var assets = new List<Asset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            assets.Add(new Asset(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), Day(reader.GetString(3)), Money(reader.GetString(4)),
                Money(reader.GetString(5)), reader.GetString(6), Day(reader.GetString(7)), Money(reader.GetString(8)), Text(reader, 9),
                Text(reader, 10), reader.GetString(11), Text(reader, 12)));
        }

        return assets;
    }

    private async Task<IReadOnlyList<Party>> PartiesAsync(string where, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT party_id, kind, name, birth_date, registration_number, address, phone, email, sector_code, role_hint, directors FROM parties " + where +
            " ORDER BY party_id";
        for (var i = 0; i < args.Count; i++)
        {
            command.Parameters.AddWithValue("$p" + (i + 1).ToString(CultureInfo.InvariantCulture), args[i]);
        }

        var parties = new List<Party>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            parties.Add(new Party(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3) is { } birth ? Day(birth) : null,
                Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10)));
        }

        return parties;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaChecked)
        {
            await new FlowFacts(_store).EnsureSchemaAsync(cancellationToken);
            _schemaChecked = true;
        }

        return await _store.OpenConnectionAsync(cancellationToken);
    }

    private static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Money(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
