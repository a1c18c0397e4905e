using System.Runtime.InteropServices;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Generation;

/// <summary>
/// Seeded, deterministic synthetic financial world with planted laundering operations. Transactions are generated
/// day by day, sorted within the day and streamed to disk in row groups; memory grows with the population, not
/// with the number of transactions.
/// </summary>
public static class WorldGenerator
{
    public static async Task<GenerationSummary> WriteAsync(GenerationOptions options, CancellationToken cancellationToken = default)
    {
        Validate(options);
        var n = options.Transactions;
        var truthDirectory = Path.Combine(options.OutputDirectory, TruthSchemas.Folder);
        Directory.CreateDirectory(truthDirectory);

        var root = new WorldRandom((ulong)(uint)options.Seed);
        var calendar = new WorldCalendar(options.WorldEnd);
        var world = new World();
        var population = PopulationBuilder.Build(world, root.Fork(1), calendar, n);
        var plan = LaunderingPlanner.Plan(world, population, calendar, root.Fork(2), n);
        if (plan.TransferCount > n / 4)
        {
            throw new InvalidInputException("--transactions", $"{n} is too few for the planted operations ({plan.TransferCount} transfers)");
        }

        var life = new NormalLife(world, population, calendar, n - plan.TransferCount, root.Fork(3), plan.TradingFronts);
        var transactionsPath = TableFiles.PathOf(options.OutputDirectory, "transactions", options.Format);
        var truthPath = TableFiles.PathOf(truthDirectory, TruthSchemas.TransactionsTruthFile, options.Format);
        await using (var stream = await TransactionStream.CreateAsync(options.Format, transactionsPath, truthPath, options.RowGroupSize, cancellationToken))
        {
            await WriteTransactionsAsync(stream, world, plan, life, calendar, n, cancellationToken);
            await stream.CompleteAsync(cancellationToken);
        }

        var files = new WorldFiles(world, plan, life, calendar, options);
        string[] written =
        [
            transactionsPath,
            await files.WriteAccountsAsync(cancellationToken),
            await files.WritePartiesAsync(cancellationToken),
            await files.WriteAssetsAsync(cancellationToken),
            await files.WriteIncomeAsync(cancellationToken),
            truthPath,
            await files.WriteOperationsAsync(cancellationToken),
            await files.WriteSubjectsAsync(cancellationToken),
        ];

        var byTypology = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var op in plan.Operations)
        {
            byTypology[op.Typology] = byTypology.GetValueOrDefault(op.Typology) + 1;
        }

        return new GenerationSummary(n, world.AccountCount, world.PartyCount, files.AssetCount, files.IncomeCount, byTypology, written);
    }

    private static void Validate(GenerationOptions options)
    {
        if (options.Transactions is < GenerationOptions.MinimumTransactions or > GenerationOptions.MaximumTransactions)
        {
            throw new InvalidInputException("--transactions",
                $"must be between {GenerationOptions.MinimumTransactions} and {GenerationOptions.MaximumTransactions}, got {options.Transactions}");
        }

        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            throw new InvalidInputException("--out", "an output directory is required");
        }

        if (!Enum.IsDefined(options.Format))
        {
            throw new InvalidInputException("--format", $"unknown format {options.Format}");
        }

        if (options.RowGroupSize < 1)
        {
            throw new InvalidInputException("RowGroupSize", "must be positive");
        }
    }

    private static async Task WriteTransactionsAsync(
        TransactionStream stream, World world, LaunderingPlan plan, NormalLife life, WorldCalendar calendar, long total, CancellationToken ct)
    {
        var day = new List<PlannedTransfer>(1 << 16);
        var keys = new long[1 << 16];
        var ids = CollectionsMarshal.AsSpan(world.AccountId).ToArray();
        var banks = world.AccountBank.Select(b => World.Banks[b]).ToArray();
        long emitted = 0;
        for (var d = 0; d < WorldCalendar.Days; d++)
        {
            ct.ThrowIfCancellationRequested();
            day.Clear();
            day.AddRange(plan.ByDay[d]);
            life.Recurring(d, day);
            var target = d == WorldCalendar.Days - 1 ? total : (long)Math.Round(total * calendar.CumulativeShare[d]);
            var fill = target - emitted - day.Count;
            if (d == WorldCalendar.Days - 1 && fill < 0)
            {
                throw new InvalidOperationException($"The fixed transfers exceed the budget of {total} transactions.");
            }

            life.Everyday(d, (int)Math.Max(0, fill), day);

            // Booking order: by second of the day, ties in the order generated (whole seconds, so it fits a long key).
            var dayStart = calendar.DayStart(d).Ticks;
            if (keys.Length < day.Count)
            {
                keys = new long[day.Count * 2];
            }

            for (var i = 0; i < day.Count; i++)
            {
                keys[i] = ((day[i].Ticks - dayStart) / TimeSpan.TicksPerSecond << 32) | (uint)i;
            }

            keys.AsSpan(0, day.Count).Sort(CollectionsMarshal.AsSpan(day));
            for (var i = 0; i < day.Count; i++)
            {
                var t = day[i];
                emitted++;
                var txId = TxId(emitted);
                string? typology = null, patternId = null;
                if (t.Operation >= 0)
                {
                    var op = plan.Operations[t.Operation];
                    typology = op.Typology;
                    patternId = op.PatternId;
                    if (t.Asset >= 0)
                    {
                        plan.Assets[t.Asset].PaidFromTxId = txId;
                    }
                }

                var full = stream.Add(
                    txId, new DateTime(t.Ticks, DateTimeKind.Utc),
                    t.From == PlannedTransfer.Cash ? CashAccount.Id : ids[t.From],
                    t.To == PlannedTransfer.Cash ? CashAccount.Id : ids[t.To],
                    WorldFiles.Money(t.Cents), TransferCodes.Currencies[t.Currency], TransferCodes.Channels[t.Channel],
                    t.From == PlannedTransfer.Cash ? null : banks[t.From],
                    t.To == PlannedTransfer.Cash ? null : banks[t.To],
                    TransferCodes.Descriptions[t.Description], typology, patternId);
                if (full)
                {
                    await stream.FlushAsync(ct);
                }
            }
        }
    }

    /// <summary>T followed by ten digits.</summary>
    private static string TxId(long ordinal) => string.Create(11, ordinal, static (span, value) =>
    {
        span[0] = 'T';
        value.TryFormat(span[1..], out _, "D10");
    });
}
