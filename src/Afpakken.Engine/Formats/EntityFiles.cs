using Afpakken.Engine.Contract;
using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>Writes and reads the entity files (accounts, parties, assets, income) as records, in any contract format.</summary>
public static class EntityFiles
{
    public static Task WriteAccountsAsync(IReadOnlyList<Account> rows, string path, FileFormat format, CancellationToken ct = default) =>
        WriteAsync(format, AccountSchema.Parquet, path, [AccountSchema.Bank, AccountSchema.Kind], ct,
        [
            rows.Select(r => r.AccountId).ToArray(),
            rows.Select(r => r.Holder).ToArray(),
            rows.Select(r => r.Bank).ToArray(),
            rows.Select(r => r.OpenedAt).ToArray(),
            rows.Select(r => r.ClosedAt).ToArray(),
            rows.Select(r => r.Kind).ToArray(),
        ]);

    public static async Task<IReadOnlyList<Account>> ReadAccountsAsync(string path, CancellationToken ct = default)
    {
        var t = await TableFiles.ReadAllAsync(path, AccountSchema.Parquet, ct);
        var (id, holder, bank, opened, closed, kind) = (
            t.Column<string>(AccountSchema.Account), t.Column<string>(AccountSchema.Holder), t.Column<string>(AccountSchema.Bank),
            t.Column<DateOnly>(AccountSchema.OpenedAt), t.Column<DateOnly?>(AccountSchema.ClosedAt), t.Column<string>(AccountSchema.Kind));
        return Enumerable.Range(0, t.RowCount).Select(i => new Account(id[i], holder[i], bank[i], opened[i], closed[i], kind[i])).ToArray();
    }

    public static Task WritePartiesAsync(IReadOnlyList<Party> rows, string path, FileFormat format, CancellationToken ct = default) =>
        WriteAsync(format, PartySchema.Parquet, path, [PartySchema.Kind, PartySchema.SectorCode, PartySchema.RoleHint], ct,
        [
            rows.Select(r => r.PartyId).ToArray(),
            rows.Select(r => r.Kind).ToArray(),
            rows.Select(r => r.Name).ToArray(),
            rows.Select(r => r.BirthDate).ToArray(),
            rows.Select(r => r.RegistrationNumber).ToArray(),
            rows.Select(r => r.Address).ToArray(),
            rows.Select(r => r.Phone).ToArray(),
            rows.Select(r => r.Email).ToArray(),
            rows.Select(r => r.SectorCode).ToArray(),
            rows.Select(r => r.RoleHint).ToArray(),
            rows.Select(r => r.Directors).ToArray(),
        ]);

    public static async Task<IReadOnlyList<Party>> ReadPartiesAsync(string path, CancellationToken ct = default)
    {
        var t = await TableFiles.ReadAllAsync(path, PartySchema.Parquet, ct);
        string?[] S(string name) => t.Column<string?>(name);
        var (id, kind, name, birth, reg, address, phone, email, sector, role, directors) = (
            S(PartySchema.PartyId), S(PartySchema.Kind), S(PartySchema.Name), t.Column<DateOnly?>(PartySchema.BirthDate),
            S(PartySchema.RegistrationNumber), S(PartySchema.Address), S(PartySchema.Phone), S(PartySchema.Email),
            S(PartySchema.SectorCode), S(PartySchema.RoleHint), S(PartySchema.Directors));
        return Enumerable.Range(0, t.RowCount)
            .Select(i => new Party(id[i]!, kind[i]!, name[i]!, birth[i], reg[i], address[i], phone[i], email[i], sector[i], role[i], directors[i]))
            .ToArray();
    }

    public static Task WriteAssetsAsync(IReadOnlyList<Asset> rows, string path, FileFormat format, CancellationToken ct = default) =>
        WriteAsync(format, AssetSchema.Parquet, path, [AssetSchema.Kind, AssetSchema.ValuationBasis, AssetSchema.SeizureStatus], ct,
        [
            rows.Select(r => r.AssetId).ToArray(),
            rows.Select(r => r.Kind).ToArray(),
            rows.Select(r => r.Owner).ToArray(),
            rows.Select(r => r.AcquiredAt).ToArray(),
            rows.Select(r => r.AcquisitionPrice).ToArray(),
            rows.Select(r => r.CurrentValue).ToArray(),
            rows.Select(r => r.ValuationBasis).ToArray(),
            rows.Select(r => r.ValuationDate).ToArray(),
            rows.Select(r => r.Liabilities).ToArray(),
            rows.Select(r => r.LiabilityKind).ToArray(),
            rows.Select(r => r.PaidFromTxIds).ToArray(),
            rows.Select(r => r.SeizureStatus).ToArray(),
            rows.Select(r => r.Description).ToArray(),
        ]);

    public static async Task<IReadOnlyList<Asset>> ReadAssetsAsync(string path, CancellationToken ct = default)
    {
        var t = await TableFiles.ReadAllAsync(path, AssetSchema.Parquet, ct);
        string?[] S(string name) => t.Column<string?>(name);
        decimal[] M(string name) => t.Column<decimal>(name);
        DateOnly[] D(string name) => t.Column<DateOnly>(name);
        var (id, kind, owner, acquired, price, value, basis, valued, liabilities, liabilityKind, paid, seizure, description) = (
            S(AssetSchema.AssetId), S(AssetSchema.Kind), S(AssetSchema.Owner), D(AssetSchema.AcquiredAt), M(AssetSchema.AcquisitionPrice),
            M(AssetSchema.CurrentValue), S(AssetSchema.ValuationBasis), D(AssetSchema.ValuationDate), M(AssetSchema.Liabilities),
            S(AssetSchema.LiabilityKind), S(AssetSchema.PaidFromTxIds), S(AssetSchema.SeizureStatus), S(AssetSchema.Description));
        return Enumerable.Range(0, t.RowCount)
            .Select(i => new Asset(id[i]!, kind[i]!, owner[i]!, acquired[i], price[i], value[i], basis[i]!, valued[i], liabilities[i],
                liabilityKind[i], paid[i], seizure[i]!, description[i]))
            .ToArray();
    }

    public static Task WriteIncomeAsync(IReadOnlyList<LegalIncome> rows, string path, FileFormat format, CancellationToken ct = default) =>
        WriteAsync(format, IncomeSchema.Parquet, path, [IncomeSchema.Source], ct,
        [
            rows.Select(r => r.PartyId).ToArray(),
            rows.Select(r => r.Year).ToArray(),
            rows.Select(r => r.Amount).ToArray(),
            rows.Select(r => r.Source).ToArray(),
        ]);

    public static async Task<IReadOnlyList<LegalIncome>> ReadIncomeAsync(string path, CancellationToken ct = default)
    {
        var t = await TableFiles.ReadAllAsync(path, IncomeSchema.Parquet, ct);
        var (party, year, amount, source) = (
            t.Column<string>(IncomeSchema.PartyId), t.Column<int>(IncomeSchema.Year), t.Column<decimal>(IncomeSchema.Amount),
            t.Column<string>(IncomeSchema.Source));
        return Enumerable.Range(0, t.RowCount).Select(i => new LegalIncome(party[i], year[i], amount[i], source[i])).ToArray();
    }

    /// <summary>Writes one table in row groups of at most a million rows.</summary>
    internal static async Task WriteAsync(
        FileFormat format, ParquetSchema schema, string path, IEnumerable<string> dictionaryColumns, CancellationToken ct, Array[] columns)
    {
        await using var writer = await TableFiles.CreateWriterAsync(format, schema, path, dictionaryColumns, ct);
        var rows = columns[0].Length;
        const int groupRows = 1 << 20;
        if (rows <= groupRows)
        {
            await writer.WriteAsync(new TableChunk(schema, columns, rows), ct);
            return;
        }

        for (var start = 0; start < rows; start += groupRows)
        {
            var n = Math.Min(groupRows, rows - start);
            var slice = columns.Select(c =>
            {
                var part = Array.CreateInstance(c.GetType().GetElementType()!, n);
                Array.Copy(c, start, part, 0, n);
                return part;
            }).ToArray();
            await writer.WriteAsync(new TableChunk(schema, slice, n), ct);
        }
    }
}
