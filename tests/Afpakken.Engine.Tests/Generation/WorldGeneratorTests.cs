using Afpakken.Engine.Contract;
using Afpakken.Engine.Generation;

namespace Afpakken.Engine.Tests.Generation;

public sealed class WorldGeneratorTests(GeneratedWorld world) : IClassFixture<GeneratedWorld>
{
    [Theory]
    [InlineData(FileFormat.Parquet)]
    [InlineData(FileFormat.Csv)]
    [InlineData(FileFormat.Arrow)]
    public async Task Same_seed_writes_byte_identical_files(FileFormat format)
    {
        var a = TempDirectory();
        var b = TempDirectory();
        try
        {
            var first = await WorldGenerator.WriteAsync(new GenerationOptions(a, 20_000, 11, format));
            await WorldGenerator.WriteAsync(new GenerationOptions(b, 20_000, 11, format));

            Assert.Equal(8, first.Files.Count);
            foreach (var file in first.Files)
            {
                var relative = Path.GetRelativePath(a, file);
                Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, relative))), relative);
            }
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Fact]
    public async Task Different_seed_writes_different_transactions()
    {
        var a = TempDirectory();
        var b = TempDirectory();
        try
        {
            await WorldGenerator.WriteAsync(new GenerationOptions(a, 20_000, 1));
            await WorldGenerator.WriteAsync(new GenerationOptions(b, 20_000, 2));
            Assert.False(File.ReadAllBytes(Path.Combine(a, "transactions.parquet")).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(b, "transactions.parquet"))));
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Fact]
    public void Writes_exactly_N_unique_transactions_in_booking_order_within_the_year()
    {
        Assert.Equal(GeneratedWorld.Transactions, world.All.Count);
        Assert.Equal(world.All.Count, world.All.Select(t => t.Id).Distinct().Count());
        Assert.All(world.All, t => Assert.Matches("^T[0-9]{10}$", t.Id));
        for (var i = 1; i < world.All.Count; i++)
        {
            Assert.True(world.All[i - 1].At <= world.All[i].At, $"row {i} out of booking order");
        }

        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), world.All[0].At.Date);
        Assert.True(world.All[^1].At <= GenerationOptions.DefaultWorldEnd);
        Assert.All(world.All, t => Assert.True(t.Amount > 0));
        Assert.All(world.All, t => Assert.True(Channels.IsKnown(t.Channel), t.Channel));
        Assert.Equal(GeneratedWorld.Transactions, world.Truth.TransactionCount);
    }

    [Fact]
    public async Task Transactions_file_has_the_canonical_columns_and_no_labels()
    {
        await using var stream = File.OpenRead(Path.Combine(world.Directory, "transactions.parquet"));
        var schema = await Parquet.ParquetReader.ReadSchemaAsync(stream);
        Assert.Equal(TransactionSchema.Parquet.DataFields.Select(f => f.Name), schema.DataFields.Select(f => f.Name));
        Assert.DoesNotContain(schema.DataFields, f => f.Name is "is_laundering" or "typology" or "pattern_id");
    }

    [Fact]
    public void Cash_is_the_other_side_of_cash_deposits_and_withdrawals()
    {
        Assert.All(world.All.Where(t => t.Channel == Channels.CashDeposit), t => Assert.Equal(CashAccount.Id, t.From));
        Assert.All(world.All.Where(t => t.Channel == Channels.CashWithdrawal), t => Assert.Equal(CashAccount.Id, t.To));
    }

    [Fact]
    public void Population_scales_with_N_and_has_valid_ibans_and_known_kinds()
    {
        Assert.InRange(world.Accounts.Count, GeneratedWorld.Transactions / 10, GeneratedWorld.Transactions / 10 * 1.5);
        Assert.All(world.Accounts, a => Assert.True(Iban.IsValid(a.AccountId), a.AccountId));
        Assert.Contains(world.Accounts, a => !a.AccountId.StartsWith("NL", StringComparison.Ordinal));
        Assert.All(world.Accounts.Where(a => a.AccountId.StartsWith("NL", StringComparison.Ordinal)),
            a => Assert.Matches("^NL[0-9]{2}[A-Z]{4}[0-9]{10}$", a.AccountId));
        var kinds = world.Accounts.Select(a => a.Kind).Distinct().Order().ToArray();
        Assert.Equal(["business", "crypto_exchange", "money_transfer_office", "notary_third_party", "personal"], kinds);
        var ids = world.Accounts.Select(a => a.AccountId).ToHashSet();
        Assert.All(world.All, t => Assert.True(t.From == CashAccount.Id || ids.Contains(t.From), t.From));
        Assert.All(world.All, t => Assert.True(t.To == CashAccount.Id || ids.Contains(t.To), t.To));
        var parties = world.Parties.Select(p => p.PartyId).ToHashSet();
        Assert.All(world.Accounts, a => Assert.Contains(a.Holder, parties));
    }

    [Fact]
    public void No_account_transacts_before_it_is_opened_or_after_it_is_closed()
    {
        var accounts = world.Accounts.ToDictionary(a => a.AccountId);
        foreach (var t in world.All)
        {
            var day = DateOnly.FromDateTime(t.At);
            foreach (var id in new[] { t.From, t.To }.Where(a => a != CashAccount.Id))
            {
                var account = accounts[id];
                Assert.True(account.OpenedAt <= day, $"{t.Id} on {id} before {account.OpenedAt}");
                Assert.True(account.ClosedAt is null || day <= account.ClosedAt, $"{t.Id} on {id} after {account.ClosedAt}");
            }
        }

        Assert.Contains(world.Accounts, a => a.ClosedAt is not null);
        Assert.Contains(world.Accounts, a => a.OpenedAt.Year == 2025 && a.Kind == "personal");
    }

    [Fact]
    public void Laundering_is_a_small_minority_of_rows()
    {
        // Eleven typologies, two of them long-running (a cash front banks for months, an underground banker collects
        // from 20–35 senders): about 3.5 % of the rows.
        var share = (double)world.Truth.LaunderingTxIds.Count / world.All.Count;
        Assert.InRange(share, 0.005, 0.05);
    }

    [Fact]
    public void Normal_life_has_honest_look_alikes()
    {
        var normal = world.All.Where(t => !world.Truth.IsLaundering(t.Id)).ToList();

        // Payroll fan-out: one employer pays at least 5 people at the same instant.
        Assert.Contains(normal.Where(t => t.Channel == Channels.Ach).GroupBy(t => (t.From, t.At)), g => g.Select(t => t.To).Distinct().Count() >= 5);

        // Legal cash deposits just under the €10,000 threshold.
        Assert.Contains(normal, t => t.Channel == Channels.CashDeposit && t.Amount is >= 8_000m and < 10_000m);

        // Merchants with recurring customers: some card payer pays the same merchant at least three times.
        Assert.Contains(normal.Where(t => t.Channel == Channels.Card).GroupBy(t => (t.From, t.To)), g => g.Count() >= 3);

        // No description gives laundering away.
        var normalDescriptions = world.Descriptions.Where(d => !world.Truth.IsLaundering(d.Id)).Select(d => d.Description).ToHashSet();
        Assert.All(world.Descriptions.Where(d => world.Truth.IsLaundering(d.Id)), d => Assert.Contains(d.Description, normalDescriptions));

        // Occasional large private transfers.
        Assert.Contains(normal, t => t.Channel == Channels.Wire && t.Amount >= 5_000m && world.Accounts.Any(a => a.AccountId == t.From && a.Kind == "personal"));
    }

    [Fact]
    public async Task Rejects_too_few_transactions()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => WorldGenerator.WriteAsync(new GenerationOptions(TempDirectory(), 0, 1)));
        Assert.Equal("--transactions", ex.Source);
    }

    [Fact]
    public async Task Ground_truth_loads_from_csv_as_well()
    {
        var dir = TempDirectory();
        try
        {
            await WorldGenerator.WriteAsync(new GenerationOptions(dir, 20_000, 5, FileFormat.Csv));
            var truth = await GroundTruth.LoadAsync(Path.Combine(dir, TruthSchemas.Folder));
            Assert.Equal(20_000, truth.TransactionCount);
            Assert.Equal(Typologies.Planted.Count * PlantingPlan.MinimumOperationsPerTypology, truth.Operations.Count);
            Assert.Equal(truth.Operations.Sum(o => o.TxCount), truth.LaunderingTxIds.Count);
            Assert.NotEmpty(truth.Subjects);
            Assert.True(File.Exists(Path.Combine(dir, "transactions.csv")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string TempDirectory() => Path.Combine(Path.GetTempPath(), "afpakken-gen-" + Guid.NewGuid().ToString("N"));
}
