using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>Straw man (katvanger), domain.md §3: assets registered to a low-income party and paid by someone else.</summary>
public sealed class StrawManOptions
{
    public const string SectionName = "Detection:StrawMan";

    /// <summary>Assets paid by others must be worth more than this many years of the owner's highest legal income.</summary>
    [Range(0.0, 1000.0)]
    public decimal IncomeMultiple { get; set; } = 5m;

    /// <summary>… or the owner holds at least this many such assets (vehicles, vessels, company interests, homes).</summary>
    [Range(1, 100)]
    public int MinAssets { get; set; } = 3;
}

/// <summary>
/// Straw men: a party holds assets that another party's account paid for, worth far more than its legal income
/// could buy (or several of them). The alert centres on the paying account — the principal behind the straw man —
/// and names the owner, the assets and the paying transactions.
/// </summary>
public sealed class StrawManDetector(StrawManEvidence evidence, StrawManOptions options) : IDetector
{
    public string Typology => Typologies.StrawMan;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        if (evidence.Assets.Count == 0 || evidence.AccountHolders.Count == 0)
        {
            return [];
        }

        var edgeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var wanted = evidence.Assets.SelectMany(a => a.PaidFromTxIds).ToHashSet(StringComparer.Ordinal);
        graph.TxIds.Find(wanted, (e, id) => edgeOf[id] = e);

        var alerts = new List<Alert>();
        var paidByOthers = evidence.Assets
            .SelectMany(a => a.PaidFromTxIds.Where(edgeOf.ContainsKey).Select(tx => (Asset: a, Edge: edgeOf[tx])))
            .Where(x => evidence.AccountHolders.TryGetValue(graph.Accounts[graph.Source[x.Edge]], out var payer) && payer != x.Asset.Owner)
            .GroupBy(x => (x.Asset.Owner, Payer: graph.Source[x.Edge]));
        var found = new List<(string Owner, int Payer, List<PaidAsset> Assets, List<int> Edges, decimal Value, decimal Income)>();
        foreach (var group in paidByOthers)
        {
            var assets = group.Select(x => x.Asset).DistinctBy(a => a.AssetId).ToList();
            var value = assets.Sum(a => a.Price);
            var income = evidence.YearlyIncome.GetValueOrDefault(group.Key.Owner);
            if (value <= options.IncomeMultiple * income && assets.Count < options.MinAssets)
            {
                continue;
            }

            found.Add((group.Key.Owner, group.Key.Payer, assets, group.Select(x => x.Edge).Distinct().Order().ToList(), value, income));
        }

        // The owners' own accounts, in one pass over the holders (not one pass per alert).
        var owners = found.Select(f => f.Owner).ToHashSet(StringComparer.Ordinal);
        var accountsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (account, holder) in evidence.AccountHolders)
        {
            if (owners.Contains(holder))
            {
                (accountsOf.TryGetValue(holder, out var list) ? list : accountsOf[holder] = []).Add(account);
            }
        }

        foreach (var f in found)
        {
            alerts.Add(ToAlert(graph, f.Owner, f.Payer, f.Assets, f.Edges, f.Value, f.Income, accountsOf.GetValueOrDefault(f.Owner) ?? []));
        }

        return alerts;
    }

    private Alert ToAlert(
        FlowGraph graph, string owner, int payer, List<PaidAsset> assets, List<int> edges, decimal value, decimal income, List<string> ownerAccountIds)
    {
        var focus = graph.Accounts[payer];
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var sellers = edges.Select(e => graph.Accounts[graph.Target[e]]).Where(a => a != focus).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var ownerAccounts = ownerAccountIds.Order(StringComparer.Ordinal).Take(10);
        var multiple = income > 0 ? (double)(value / income) : double.PositiveInfinity;
        var z = Math.Log(Math.Max(1.0, Math.Min(1e6, multiple) / (double)options.IncomeMultiple)) / 2 + (0.2 * assets.Count);
        var score = AlertScore.FromEvidence(z);
        var kinds = string.Join(", ", assets.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        var incomeText = income > 0 ? string.Create(CultureInfo.InvariantCulture, $"{multiple:0.#}× the owner's highest yearly legal income of {Format.Money(income)}") : "while the owner has no recorded legal income";
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{focus} paid for {assets.Count} assets ({kinds}) worth {Format.Money(value)} registered to party {owner}, {incomeText}; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, txIds[0]), Typology, nameof(StrawManDetector), score, focus,
            [focus, .. sellers, .. ownerAccounts.Where(a => a != focus)], txIds, value, graph.TimeOf(edges[0]), graph.TimeOf(edges[^1]), sentence);
    }
}
