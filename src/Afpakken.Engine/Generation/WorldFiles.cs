using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Parquet.Schema;

namespace Afpakken.Engine.Generation;

/// <summary>
/// Writes the world's entity files (accounts, parties, assets, income) and the truth about operations and subjects.
/// Rows are ordered by their (scrambled) ids, so the order of creation — mules and straw men last — does not show.
/// </summary>
internal sealed class WorldFiles(World world, LaunderingPlan plan, NormalLife life, WorldCalendar calendar, GenerationOptions options)
{
    private const int ChunkRows = 1 << 18;
    private readonly string[] _partyIds = Enumerable.Range(0, world.PartyCount).Select(NameBook.PartyId).ToArray();

    public int AssetCount { get; private set; }
    public int IncomeCount { get; private set; }

    public async Task<string> WriteAccountsAsync(CancellationToken ct)
    {
        var order = Order(world.AccountCount, i => world.AccountId[i]);
        return await WriteChunkedAsync("accounts", AccountSchema.Parquet, [AccountSchema.Bank, AccountSchema.Kind], order, rows =>
        [
            rows.Select(i => world.AccountId[i]).ToArray(),
            rows.Select(i => _partyIds[world.AccountHolder[i]]).ToArray(),
            rows.Select(i => World.Banks[world.AccountBank[i]]).ToArray(),
            rows.Select(i => world.AccountOpened[i]).ToArray(),
            rows.Select(i => world.AccountClosed[i]).ToArray(),
            rows.Select(i => AccountKinds.Names[world.AccountKind[i]]).ToArray(),
        ], ct);
    }

    public async Task<string> WritePartiesAsync(CancellationToken ct)
    {
        var order = Order(world.PartyCount, i => _partyIds[i]);
        return await WriteChunkedAsync("parties", PartySchema.Parquet, [PartySchema.Kind, PartySchema.SectorCode, PartySchema.RoleHint], order, rows =>
        {
            var names = rows.Select(i => world.PartyIsCompany[i] ? NameBook.CompanyName(i) : NameBook.PersonName(i)).ToArray();
            return
            [
                rows.Select(i => _partyIds[i]).ToArray(),
                rows.Select(i => world.PartyIsCompany[i] ? World.CompanyKind : World.PersonKind).ToArray(),
                names,
                rows.Select(i => world.PartyIsCompany[i] ? (DateOnly?)null : world.PartyBirthOrRegistration[i]).ToArray(),
                rows.Select(i => world.PartyIsCompany[i] ? NameBook.KvkNumber(i) : null).ToArray(),
                rows.Select(i => NameBook.Address(world.PartyAddress[i])).ToArray(),
                rows.Select(i => world.PartyIsCompany[i] ? NameBook.CompanyPhone(i) : NameBook.MobilePhone(world.PartyContact[i])).ToArray(),
                rows.Select(Email).ToArray(),
                rows.Select(i => world.PartyIsCompany[i] ? world.PartySector[i].ToString("D4") : null).ToArray(),
                rows.Select(i => RoleHint(world.PartyRole[i])).ToArray(),
                rows.Select(i => world.PartyDirector[i] >= 0 ? _partyIds[world.PartyDirector[i]] : null).ToArray(),
            ];
        }, ct);
    }

    public async Task<string> WriteAssetsAsync(CancellationToken ct)
    {
        var assets = NormalAssets();
        assets.AddRange(plan.Assets);
        AssetCount = assets.Count;
        var ids = Enumerable.Range(0, assets.Count).Select(NameBook.AssetId).ToArray();
        var valuationDate = DateOnly.FromDateTime(calendar.End);
        return await WriteChunkedAsync("assets", AssetSchema.Parquet, [AssetSchema.Kind, AssetSchema.ValuationBasis, AssetSchema.SeizureStatus],
            Order(assets.Count, i => ids[i]), rows =>
            [
                rows.Select(i => ids[i]).ToArray(),
                rows.Select(i => assets[i].Kind).ToArray(),
                rows.Select(i => _partyIds[assets[i].Owner]).ToArray(),
                rows.Select(i => assets[i].AcquiredAt).ToArray(),
                rows.Select(i => Money(assets[i].PriceCents)).ToArray(),
                rows.Select(i => Money(assets[i].ValueCents)).ToArray(),
                rows.Select(i => assets[i].ValuationBasis).ToArray(),
                rows.Select(_ => valuationDate).ToArray(),
                rows.Select(i => Money(assets[i].LiabilityCents)).ToArray(),
                rows.Select(i => assets[i].LiabilityKind).ToArray(),
                rows.Select(i => assets[i].PaidFromTxId).ToArray(),
                rows.Select(_ => "none").ToArray(),
                rows.Select(i => assets[i].Description).ToArray(),
            ], ct);
    }

    public async Task<string> WriteIncomeAsync(CancellationToken ct)
    {
        var persons = Order(world.PartyCount, i => _partyIds[i]).Where(p => !world.PartyIsCompany[p]).ToArray();
        var rows = persons.SelectMany(p => new[] { (Party: p, Year: calendar.End.Year - 1), (Party: p, Year: calendar.End.Year) }).ToArray();
        IncomeCount = rows.Length;
        var incomes = rows.Select(r => Income(r.Party, r.Year)).ToArray();
        return await WriteChunkedAsync("income", IncomeSchema.Parquet, [IncomeSchema.Source], Enumerable.Range(0, rows.Length).ToArray(), slice =>
        [
            slice.Select(i => _partyIds[rows[i].Party]).ToArray(),
            slice.Select(i => rows[i].Year).ToArray(),
            slice.Select(i => Money(incomes[i].Cents)).ToArray(),
            slice.Select(i => incomes[i].Source).ToArray(),
        ], ct);
    }

    public async Task<string> WriteOperationsAsync(CancellationToken ct)
    {
        var ops = plan.Operations;
        var path = TableFiles.PathOf(Path.Combine(options.OutputDirectory, TruthSchemas.Folder), TruthSchemas.OperationsFile, options.Format);
        await EntityFiles.WriteAsync(options.Format, TruthSchemas.Operations, path, [TruthSchemas.Typology], ct,
        [
            ops.Select(o => o.PatternId).ToArray(),
            ops.Select(o => o.Typology).ToArray(),
            ops.Select(o => world.AccountId[o.Focus]).ToArray(),
            ops.Select(o => string.Join(';', o.Accounts.Select(a => world.AccountId[a]))).ToArray(),
            ops.Select(o => o.TxCount).ToArray(),
            ops.Select(o => Money(o.TotalCents)).ToArray(),
            ops.Select(o => new DateTime(o.FirstTicks, DateTimeKind.Utc)).ToArray(),
            ops.Select(o => new DateTime(o.LastTicks, DateTimeKind.Utc)).ToArray(),
        ]);
        return path;
    }

    public async Task<string> WriteSubjectsAsync(CancellationToken ct)
    {
        var subjects = plan.Principals.OrderBy(p => _partyIds[p.Party], StringComparer.Ordinal).ToArray();
        var path = TableFiles.PathOf(Path.Combine(options.OutputDirectory, TruthSchemas.Folder), TruthSchemas.SubjectsFile, options.Format);
        await EntityFiles.WriteAsync(options.Format, TruthSchemas.Subjects, path, [], ct,
        [
            subjects.Select(p => _partyIds[p.Party]).ToArray(),
            subjects.Select(p => string.Join(';', p.StrawMen.Select(s => _partyIds[s]))).ToArray(),
            subjects.Select(p => Money(p.ProceedsCents)).ToArray(),
            subjects.Select(p => string.Join(';', p.Operations.Select(o => plan.Operations[o].PatternId))).ToArray(),
        ]);
        return path;
    }

    /// <summary>Ordinary possessions: a car for a quarter of people, a mortgaged home for about a fifth, company cars.</summary>
    private List<PlannedAsset> NormalAssets()
    {
        var assets = new List<PlannedAsset>();
        for (var p = 0; p < world.PartyCount; p++)
        {
            var role = world.PartyRole[p];
            if (role is PartyRole.Mule or PartyRole.StrawMan or PartyRole.ForeignCompany)
            {
                continue;
            }

            var h = WorldRandom.Hash(((ulong)p << 8) | 0x41);
            var year = (int)(2005 + (h / 10_000 % 20));
            var acquired = new DateOnly(year, 1 + (int)(h / 7 % 12), 1 + (int)(h / 11 % 28));
            if (h % 100 < (world.PartyIsCompany[p] ? 20UL : 25UL))
            {
                var price = (long)(8_000 + (h / 13 % 50_000)) * 100;
                var age = calendar.End.Year - year;
                assets.Add(new PlannedAsset
                {
                    Kind = "vehicle",
                    Owner = p,
                    AcquiredAt = acquired,
                    PriceCents = price,
                    ValueCents = price * Math.Max(10, 100 - (age * 12)) / 100,
                    ValuationBasis = "catalogue",
                    Description = "Personenauto",
                });
            }

            if (!world.PartyIsCompany[p] && h / 100 % 100 < 18)
            {
                var price = (long)(150_000 + (h / 17 % 450_000)) * 100;
                assets.Add(new PlannedAsset
                {
                    Kind = "real_estate",
                    Owner = p,
                    AcquiredAt = acquired,
                    PriceCents = price,
                    ValueCents = price * 13 / 10,
                    LiabilityCents = price * 6 / 10,
                    LiabilityKind = "mortgage",
                    ValuationBasis = "WOZ",
                    Description = "Woning",
                });
            }
        }

        return assets;
    }

    private (long Cents, string Source) Income(int party, int year)
    {
        var h = WorldRandom.Hash(((ulong)party << 16) | (uint)year);
        var jitter = 90 + (long)(h % 21);
        return world.PartyRole[party] switch
        {
            PartyRole.StrawMan or PartyRole.Mule => ((9_000 + (long)(h / 32 % 7_000)) * 100, "benefits"),
            PartyRole.Principal => ((18_000 + (long)(h / 32 % 14_000)) * 100, "tax_return"),
            _ when party < life.PersonalCount && life.MonthlySalaryCents(party) is > 0 and var monthly =>
                (monthly * 1_296 / 100 * jitter / 100, "wages"),
            _ when h / 32 % 100 < 35 => ((11_000 + (long)(h / 64 % 8_000)) * 100, "benefits"),
            _ => ((long)Math.Clamp(34_000 * Math.Exp(((double)(h / 64 % 1_000) / 1_000 - 0.5) * 1.6), 8_000, 400_000) * 100, "tax_return"),
        };
    }

    private string Email(int party)
    {
        var contact = world.PartyContact[party];
        var name = world.PartyIsCompany[contact] ? NameBook.CompanyName(contact) : NameBook.PersonName(contact);
        return $"{NameBook.Slug(name)}.{_partyIds[contact][1..]}@example.nl";
    }

    private static string? RoleHint(PartyRole role) => role switch
    {
        PartyRole.Notary => "notary",
        PartyRole.CryptoExchanger => "crypto_exchanger",
        PartyRole.MoneyTransferOffice => "money_transfer_office",
        PartyRole.CashIntensive => "cash_intensive_business",
        _ => null,
    };

    internal static decimal Money(long cents) => new((int)(cents & 0xFFFF_FFFF), (int)(cents >> 32), 0, false, 2);

    private static int[] Order(int count, Func<int, string> key)
    {
        var keys = new string[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = key(i);
            order[i] = i;
        }

        Array.Sort(keys, order, StringComparer.Ordinal);
        return order;
    }

    private async Task<string> WriteChunkedAsync(
        string name, ParquetSchema schema, IEnumerable<string> dictionaryColumns, int[] order, Func<int[], Array[]> build, CancellationToken ct)
    {
        var path = TableFiles.PathOf(options.OutputDirectory, name, options.Format);
        await using var writer = await TableFiles.CreateWriterAsync(options.Format, schema, path, dictionaryColumns, ct);
        for (var start = 0; start < order.Length; start += ChunkRows)
        {
            var rows = order.AsSpan(start, Math.Min(ChunkRows, order.Length - start)).ToArray();
            await writer.WriteAsync(new TableChunk(schema, build(rows), rows.Length), ct);
        }

        return path;
    }
}
