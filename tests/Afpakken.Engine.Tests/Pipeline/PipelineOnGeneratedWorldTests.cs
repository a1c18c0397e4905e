using Afpakken.Engine.Detection;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Serilog;
using Typology = Afpakken.Engine.Contract.Typologies;

namespace Afpakken.Engine.Tests.Pipeline;

/// <summary>
/// The thin path end to end on a generated world whose seed the detectors were not tuned on: every planted fan-in
/// and fan-out operation is found (its focus account gets an alert of that typology), and the alerts point at
/// laundering (most of each alert's transactions are labelled laundering in the ground truth). The precision bar
/// is 0.85 here: the world plants honest look-alikes — notaries and car dealers receiving several large one-off
/// payments in a week — that the graph alone cannot tell from a funnel (the detection issue's 0.90 bar needs the
/// account kinds from the entity files).
/// </summary>
public sealed class PipelineOnGeneratedWorldTests : IAsyncLifetime
{
    private const int Seed = 20_261_129;
    private readonly string _dir = Some.TempDirectory();
    private GroundTruth _truth = null!;
    private IReadOnlyList<Alert> _alerts = [];
    private PipelineResult _result = null!;

    private string Out => Path.Combine(_dir, "out");

    public async Task InitializeAsync()
    {
        var world = Path.Combine(_dir, "world");
        await WorldGenerator.WriteAsync(new GenerationOptions(world, 100_000, Seed));
        var data = new DataLayout(Path.Combine(_dir, "data"));
        var service = new PipelineService(new LoggerConfiguration().CreateLogger(), TimeProvider.System);
        _result = await service.RunAsync([Path.Combine(world, "transactions.parquet")], data, Out);
        _truth = await GroundTruth.LoadAsync(world);
        var store = await SqliteStore.OpenAsync(data);
        _alerts = (await store.ListAlertsAsync(1, 500)).Items;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(Typology.FanIn)]
    [InlineData(Typology.FanOut)]
    public void Planted_operations_are_found_with_high_recall_and_precision(string typology)
    {
        var planted = _truth.Operations.Where(o => o.Typology == typology).ToList();
        var alerts = _alerts.Where(a => a.Typology == typology).ToList();
        var focused = alerts.Select(a => a.FocusAccount).ToHashSet(StringComparer.Ordinal);

        var found = planted.Count(o => focused.Contains(o.FocusAccount));
        var onLaundering = alerts.Count(a => a.TxIds.Count(_truth.IsLaundering) * 2 >= a.TxIds.Count);

        Assert.True(planted.Count >= 4, $"the world plants only {planted.Count} {typology} operations");
        Assert.True(found >= 0.9 * planted.Count, $"{typology}: found {found} of {planted.Count} planted operations");
        Assert.True(onLaundering >= 0.85 * alerts.Count, $"{typology}: {onLaundering} of {alerts.Count} alerts are about laundering");
    }

    [Fact]
    public async Task Every_transaction_and_account_is_scored_exactly_once_and_flags_match_the_alerts()
    {
        var tx = (await File.ReadAllLinesAsync(Path.Combine(Out, "transaction_scores.csv"))).Skip(1).Select(l => l.Split(',')).ToList();
        var accounts = (await File.ReadAllLinesAsync(Path.Combine(Out, "account_scores.csv"))).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.Equal(_truth.TransactionCount, tx.Count);
        Assert.Equal(tx.Count, tx.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(_result.Detection.Accounts, accounts.Count);
        Assert.Equal(accounts.Count, accounts.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        var flaggedTx = tx.Where(r => r[2] == "1").Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(_result.Detection.FlaggedTransactions, flaggedTx.Count);
        Assert.All(_alerts.SelectMany(a => a.TxIds), id => Assert.Contains(id, flaggedTx));
        Assert.All(tx, r => Assert.Equal(r[2] == "1", double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture) >= 0.5));
    }
}
