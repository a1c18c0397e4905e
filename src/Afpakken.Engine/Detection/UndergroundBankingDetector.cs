using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Underground banking (hawala-style collection): many small credits from at least 20 senders in a month into one
/// account, remitted onward in a few large transfers (domain.md §3). The settlement half, mirror flows between
/// unlinked clusters, is <see cref="MirrorFlowDetector"/>.
/// </summary>
public sealed class UndergroundBankingDetector(OffRampOptions options) : IDetector
{
    public string Typology => Typologies.UndergroundBanking;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var alerts = new List<Alert>();
        var window = options.CollectionWindow.Ticks;
        var billing = Collection.BillingChannels(graph);
        for (var a = 0; a < graph.AccountCount; a++)
        {
            // A licensed money-transfer office or exchange collects and remits by trade; underground banking is unlicensed.
            if (a == graph.CashAccount || graph.Gatekeeper(a) || graph.IncomingOf(a).Length < options.MinCollectionSenders)
            {
                continue;
            }

            var account = a;
            Collection.SlidingWindows(graph, account, window, options.MinCollectionSenders, (from, to, start) =>
            {
                if (Collection.SmallCreditsOf(graph, graph.IncomingOf(account)[from..to], billing, options.MinCollectionSenders,
                        FlowGraphBuilder.ToCents(options.MaxMedianCredit), FlowGraphBuilder.ToCents(options.MinCollected)) is not { } credits ||
                    Evaluate(graph, account, credits, start, window) is not { } alert)
                {
                    return false;
                }

                alerts.Add(alert);
                return true;
            });
        }

        return alerts;
    }

    private Alert? Evaluate(FlowGraph graph, int account, SmallCredits small, long start, long window)
    {
        var (credits, senders, median, inCents) = (small.Edges, small.Senders.Count, small.MedianCents, small.TotalCents);

        var remittances = new List<int>();
        foreach (var e in graph.OutgoingOf(account))
        {
            if (graph.Ticks[e] >= start && graph.Ticks[e] <= start + window + (TimeSpan.TicksPerDay * 7) && graph.Cents[e] >= 5 * median)
            {
                remittances.Add(e);
            }
        }

        var outCents = remittances.Sum(e => graph.Cents[e]);
        if (remittances.Count == 0 || remittances.Count * 4 > credits.Count || outCents < inCents * 0.7)
        {
            return null;
        }

        var focus = graph.Accounts[account];
        var edges = credits.Concat(remittances).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var counterparties = credits.Select(e => graph.Source[e]).Concat(remittances.Select(e => graph.Target[e]))
            .Where(c => c != graph.CashAccount).Distinct().Select(c => graph.Accounts[c]).Order(StringComparer.Ordinal);
        var z = Math.Log((double)senders / options.MinCollectionSenders) + ((double)outCents / inCents) - 0.7;
        var score = AlertScore.FromEvidence(z);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{senders} senders paid {credits.Count} small credits (median {Format.Money(median / 100m)}, {Format.Money(inCents / 100m)} in all) into {focus} within 30 days, " +
            $"remitted in {remittances.Count} transfers of {Format.Money(outCents / 100m)}; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, txIds[0]), Typology, nameof(UndergroundBankingDetector), score, focus,
            [focus, .. counterparties], txIds, inCents / 100m, graph.TimeOf(edges[0]), graph.TimeOf(edges[^1]), sentence);
    }
}
