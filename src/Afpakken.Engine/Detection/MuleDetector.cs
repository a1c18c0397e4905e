using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Money mule / rapid pass-through: inflow from senders the account never dealt with before leaves again almost
/// entirely within 48 h — often as cash or crypto — and that episode dominates the account's flows around it.
/// </summary>
public sealed class MuleDetector(MuleOptions options) : IDetector
{
    public string Typology => Typologies.Mule;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var exit = graph.ChannelNames.Select(c => c is Channels.CashWithdrawal or Channels.Crypto or Channels.MoneyTransfer).ToArray();
        var alerts = new List<Alert>();
        var seenSenders = new DistinctCounter(graph.AccountCount);
        var newInflows = new List<int>();
        var dwell = options.Dwell.Ticks;
        for (var a = 0; a < graph.AccountCount; a++)
        {
            if (a == graph.CashAccount)
            {
                continue;
            }

            var incoming = graph.IncomingOf(a);
            var outgoing = graph.OutgoingOf(a);
            if (incoming.Length < options.MinNewSenders || outgoing.Length == 0)
            {
                continue;
            }

            seenSenders.Reset();
            newInflows.Clear();
            foreach (var e in incoming)
            {
                if (graph.Source[e] != graph.CashAccount && seenSenders.Add(graph.Source[e]))
                {
                    newInflows.Add(e);
                }
            }

            foreach (var episode in Episodes(graph, newInflows, dwell, options.MaxEpisode.Ticks))
            {
                if (Evaluate(graph, a, episode, incoming, outgoing, exit) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        return alerts;
    }

    /// <summary>New-sender inflows split where more than the dwell time passes between two, or the episode grows too long.</summary>
    private static IEnumerable<List<int>> Episodes(FlowGraph graph, List<int> inflows, long dwell, long maxSpan)
    {
        var current = new List<int>();
        foreach (var e in inflows)
        {
            if (current.Count > 0 && (graph.Ticks[e] - graph.Ticks[current[^1]] > dwell || graph.Ticks[e] - graph.Ticks[current[0]] > maxSpan))
            {
                yield return current;
                current = [];
            }

            current.Add(e);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private Alert? Evaluate(FlowGraph graph, int account, List<int> episode, ReadOnlySpan<int> incoming, ReadOnlySpan<int> outgoing, bool[] exit)
    {
        var senders = episode.Select(e => graph.Source[e]).Distinct().Count();
        var inCents = episode.Sum(e => graph.Cents[e]);
        if (senders < options.MinNewSenders || inCents < FlowGraphBuilder.ToCents(options.MinTotal))
        {
            return null;
        }

        var start = graph.Ticks[episode[0]];
        var end = graph.Ticks[episode[^1]] + options.Dwell.Ticks;
        var outs = new List<int>();
        long outCents = 0, exitCents = 0;
        foreach (var e in outgoing)
        {
            if (graph.Ticks[e] >= start && graph.Ticks[e] <= end)
            {
                outs.Add(e);
                outCents += graph.Cents[e];
                exitCents += exit[graph.Channel[e]] ? graph.Cents[e] : 0;
            }
        }

        var ratio = (double)outCents / inCents;
        if (ratio < options.MinPassThrough || ratio > options.MaxPassThrough)
        {
            return null;
        }

        // Busy accounts (a shop, a payroll account) move this kind of money every day: the episode must dominate.
        var context = options.Context.Ticks;
        var episodeSet = episode.ToHashSet();
        long otherIn = 0;
        foreach (var e in incoming)
        {
            if (!episodeSet.Contains(e) && graph.Ticks[e] >= start - context && graph.Ticks[e] <= end + context)
            {
                otherIn += graph.Cents[e];
            }
        }

        if (otherIn >= inCents)
        {
            return null;
        }

        // The mule's signature is the exit: cash, crypto or a money-transfer office. A business passing new customers'
        // payments on to its supplier, or a funnel forwarding by wire (the fan-in detector's case), is not a mule.
        if (exitCents < outCents * options.MinExitShare)
        {
            return null;
        }

        return ToAlert(graph, account, episode, outs, inCents, outCents, exitCents, senders, otherIn);
    }

    private Alert ToAlert(FlowGraph graph, int account, List<int> inflows, List<int> outflows, long inCents, long outCents, long exitCents, int senders, long otherIn)
    {
        var focus = graph.Accounts[account];
        var edges = inflows.Concat(outflows).OrderBy(e => e).ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var first = graph.TimeOf(edges[0]);
        var last = graph.TimeOf(edges[^1]);
        var hours = (graph.Ticks[outflows[^1]] - graph.Ticks[inflows[0]]) / (double)TimeSpan.TicksPerHour;
        var exitShare = (double)exitCents / outCents;
        var z = Math.Log((double)senders / options.MinNewSenders) + (0.5 * exitShare) + (0.5 * (1 - ((double)otherIn / inCents)));
        var score = AlertScore.FromEvidence(z);
        var counterparties = inflows.Select(e => graph.Source[e]).Concat(outflows.Select(e => graph.Target[e]))
            .Where(c => c != graph.CashAccount).Distinct().Select(c => graph.Accounts[c]).Order(StringComparer.Ordinal);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{Format.Money(inCents / 100m)} from {senders} new senders into {focus} and {Format.Money(outCents / 100m)} ({(double)outCents / inCents:P0}) out again within {hours:0} h" +
            $"{(exitCents > 0 ? $", {exitShare:P0} of it as cash, crypto or money transfer" : "")}; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, graph.TxIds[inflows[0]]), Typology, nameof(MuleDetector), score, focus,
            [focus, .. counterparties], txIds, inCents / 100m, first, last, sentence);
    }
}
