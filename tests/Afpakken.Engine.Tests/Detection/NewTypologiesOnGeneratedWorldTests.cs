using Afpakken.Engine.Detection;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Typology = Afpakken.Engine.Contract.Typologies;

namespace Afpakken.Engine.Tests.Detection;

/// <summary>
/// A 100k-row world whose seed the detectors were not tuned on, with the accounts and parties files loaded as the
/// pipeline loads them (gatekeepers marked, kinds and sectors known): the detector set run and reconciled.
/// </summary>
public sealed class DetectedWorld : IAsyncLifetime
{
    private readonly string _dir = Some.TempDirectory();

    public FlowGraph Graph { get; private set; } = null!;
    public GroundTruth Truth { get; private set; } = null!;
    public IReadOnlyList<Alert> Alerts { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await WorldGenerator.WriteAsync(new GenerationOptions(_dir, 100_000, 8_128));
        var builder = new FlowGraphBuilder();
        await foreach (var batch in TransactionFileReader.ReadAsync(Path.Combine(_dir, "transactions.parquet")))
        {
            builder.Add(batch);
        }

        Graph = builder.Build();
        var accounts = await EntityFiles.ReadAccountsAsync(Path.Combine(_dir, "accounts.parquet"));
        var sectors = (await EntityFiles.ReadPartiesAsync(Path.Combine(_dir, "parties.parquet"))).ToDictionary(p => p.PartyId, p => p.SectorCode);
        Graph.MarkGatekeepers(accounts.Where(a => EntityStore.GatekeeperKinds.Contains(a.Kind)).Select(a => a.AccountId));
        var profiles = new AccountProfiles(accounts.ToDictionary(a => a.AccountId, a => (a.Kind, sectors.GetValueOrDefault(a.Holder))));
        var alerts = DetectorSet.Create(new DetectionSettings(), StrawManEvidence.None, profiles).SelectMany(d => d.Detect(Graph)).ToList();
        Alerts = AlertReconciler.Reconcile(alerts);
        Truth = await GroundTruth.LoadAsync(_dir);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The bar for the new typologies, at account level: recall ≥ 0.95 at precision ≥ 0.90.</summary>
public sealed class NewTypologiesOnGeneratedWorldTests(DetectedWorld world) : IClassFixture<DetectedWorld>
{
    [Theory]
    [InlineData(Typology.BipartiteLayering)]
    [InlineData(Typology.CashFront)]
    [InlineData(Typology.UndergroundBanking)]
    public void Planted_accounts_are_found_with_high_recall_and_precision(string typology)
    {
        var graph = world.Graph;
        var positive = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (world.Truth.TypologyOf(graph.TxIds[e]) == typology)
            {
                positive.UnionWith(new[] { graph.Source[e], graph.Target[e] }.Where(a => a != graph.CashAccount).Select(a => graph.Accounts[a]));
            }
        }

        var flagged = world.Alerts.Where(a => a.Typology == typology).SelectMany(a => a.Accounts).ToHashSet(StringComparer.Ordinal);
        var hits = flagged.Count(positive.Contains);

        Assert.True(positive.Count > 0, $"nothing of {typology} planted");
        Assert.True(hits >= 0.95 * positive.Count, $"{typology}: recall {hits} of {positive.Count}");
        Assert.True(hits >= 0.90 * flagged.Count, $"{typology}: precision {hits} of {flagged.Count}");
    }

    [Fact]
    public void Every_alert_of_the_new_detectors_names_its_transactions()
    {
        var detectors = new[] { nameof(BipartiteLayeringDetector), nameof(CashFrontDetector), nameof(MirrorFlowDetector) };
        var alerts = world.Alerts.Where(a => detectors.Contains(a.Detector)).ToList();

        Assert.Equal(detectors.Order(), alerts.Select(a => a.Detector).Distinct().Order());
        Assert.All(alerts, a => Assert.Contains(a.TxIds[0], a.Explanation, StringComparison.Ordinal));
        Assert.Equal(alerts.Count, alerts.Select(a => a.AlertId).Distinct().Count());
    }
}
