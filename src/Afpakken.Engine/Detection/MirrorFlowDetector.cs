using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Underground banking's settlement by mirror flows: a banker's account takes small credits from a cluster of at
/// least 20 senders in a month and pays (almost) all of it out to a second cluster of recipients that has no link
/// with the senders — the money that should go abroad is paid at home to the foreign partner's clients, so nothing
/// crosses a border and the books net to about zero (domain.md §3). The collection half, remitted in a few large
/// transfers, is <see cref="UndergroundBankingDetector"/>.
/// </summary>
public sealed class MirrorFlowDetector(MirrorFlowOptions options) : IDetector
{
    public string Typology => Typologies.UndergroundBanking;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var alerts = new List<Alert>();
        var window = options.Window.Ticks;
        var billing = Collection.BillingChannels(graph);
        for (var a = 0; a < graph.AccountCount; a++)
        {
            if (a == graph.CashAccount || graph.Gatekeeper(a) || graph.IncomingOf(a).Length < options.MinSenders || graph.OutgoingOf(a).Length == 0)
            {
                continue;
            }

            var banker = a;
            Collection.SlidingWindows(graph, banker, window, options.MinSenders, (from, to, start) =>
            {
                if (Evaluate(graph, banker, graph.IncomingOf(banker)[from..to], start, billing) is not { } alert)
                {
                    return false;
                }

                alerts.Add(alert);
                return true;
            });
        }

        return alerts;
    }

    private Alert? Evaluate(FlowGraph graph, int banker, ReadOnlySpan<int> window, long start, bool[] billing)
    {
        if (Collection.SmallCreditsOf(graph, window, billing, options.MinSenders,
                FlowGraphBuilder.ToCents(options.MaxMedianCredit), FlowGraphBuilder.ToCents(options.MinTurnover)) is not { } small)
        {
            return null;
        }

        var (credits, senders, median, inCents) = (small.Edges, small.Senders, small.MedianCents, small.TotalCents);

        // The paying cluster: transfers out in the period and the settlement lag after it, to accounts that did not send.
        var end = start + options.Window.Ticks + options.SettlementLag.Ticks;
        var payouts = new List<int>();
        long other = 0;
        foreach (var e in graph.OutgoingOf(banker))
        {
            if (graph.Ticks[e] < start || graph.Ticks[e] > end)
            {
                continue;
            }

            var to = graph.Target[e];
            if (to != graph.CashAccount && !senders.Contains(to))
            {
                payouts.Add(e);
            }
            else
            {
                other += graph.Cents[e];
            }
        }

        var outCents = payouts.Sum(e => graph.Cents[e]);
        if (payouts.Count == 0 || Math.Abs(inCents - outCents) > options.MaxNetShare * inCents)
        {
            return null;
        }

        var credited = credits.ToHashSet();
        foreach (var e in graph.IncomingOf(banker))
        {
            other += graph.Ticks[e] >= start && graph.Ticks[e] <= end && !credited.Contains(e) ? graph.Cents[e] : 0;
        }

        var recipients = payouts.Select(e => graph.Target[e]).Distinct().ToList();
        if (other > options.MaxOtherShare * inCents || recipients.Any(r => Linked(graph, r, banker, senders)))
        {
            return null;
        }

        var focus = graph.Accounts[banker];
        var edges = credits.Concat(payouts).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var net = (double)Math.Abs(inCents - outCents) / inCents;
        var z = Math.Log((double)senders.Count / options.MinSenders) + ((options.MaxNetShare - net) / options.MaxNetShare);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{senders.Count} senders paid {credits.Count} small credits (median {Format.Money(median / 100m)}, {Format.Money(inCents / 100m)} in all) into {focus}, " +
            $"which paid {Format.Money(outCents / 100m)} to {recipients.Count} recipients with no link to the senders (net {net:P1}): mirror settlement; " +
            $"transactions {Format.TxIds(txIds)}.");
        var accounts = senders.Concat(recipients).Select(c => graph.Accounts[c]).Order(StringComparer.Ordinal);
        return new Alert(
            BurstAlerts.StableId("underground_banking_mirror", focus, txIds[0]), Typology, nameof(MirrorFlowDetector), AlertScore.FromEvidence(z), focus,
            [focus, .. accounts], txIds, inCents / 100m, graph.TimeOf(edges[0]), graph.TimeOf(edges[^1]), sentence);
    }

    /// <summary>Whether a recipient transacts with any sender directly, anywhere in the analysed window (the clusters must be unlinked).</summary>
    private bool Linked(FlowGraph graph, int recipient, int banker, HashSet<int> senders)
    {
        var outgoing = graph.OutgoingOf(recipient);
        var incoming = graph.IncomingOf(recipient);
        if (outgoing.Length + incoming.Length > options.MaxRecipientDegree)
        {
            return true;
        }

        foreach (var e in outgoing)
        {
            if (senders.Contains(graph.Target[e]))
            {
                return true;
            }
        }

        foreach (var e in incoming)
        {
            if (graph.Source[e] != banker && senders.Contains(graph.Source[e]))
            {
                return true;
            }
        }

        return false;
    }
}
