using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Detection;

/// <summary>
/// One operation, one typology: when most of an alert's transactions also belong to an alert of a more specific
/// typology, the less specific alert is dropped — a scatter-gather's target is also a fan-in, a mule that cashes out
/// the money of five new senders is also a fan-in. The structure that explains more of the flow is the one an analyst should read.
/// </summary>
public static class AlertReconciler
{
    /// <summary>Most specific first: a structure with more shape beats a count of counterparties or a pass-through.</summary>
    public static IReadOnlyList<string> Specificity { get; } =
    [
        Typologies.StrawMan, Typologies.Cycle, Typologies.BipartiteLayering, Typologies.ScatterGather, Typologies.UndergroundBanking,
        Typologies.GatherScatter, Typologies.CashFront, Typologies.Structuring, Typologies.Mule, Typologies.CryptoOffRamp, Typologies.FanIn,
        Typologies.FanOut,
    ];

    /// <param name="overlap">Share of an alert's transactions that a more specific alert must hold for it to go.</param>
    public static IReadOnlyList<Alert> Reconcile(IReadOnlyList<Alert> alerts, double overlap = 0.5)
    {
        int Rank(Alert a) => Specificity.ToList().IndexOf(a.Typology) is var i and >= 0 ? i : Specificity.Count;

        var ordered = alerts.OrderBy(Rank).ThenByDescending(a => a.TxIds.Count).ThenBy(a => a.AlertId, StringComparer.Ordinal).ToList();
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<Alert>(alerts.Count);
        foreach (var alert in ordered)
        {
            var rank = Rank(alert);
            var covered = alert.TxIds.Count(tx => owner.TryGetValue(tx, out var ownerRank) && ownerRank < rank);
            if (covered > overlap * alert.TxIds.Count)
            {
                continue;
            }

            kept.Add(alert);
            foreach (var tx in alert.TxIds)
            {
                owner.TryAdd(tx, rank);
            }
        }

        return kept;
    }
}
