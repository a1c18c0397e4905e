using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Temporal cycles: a transfer that comes back to its origin through 3–6 hops, each hop later than the one before
/// (within 5 days) and at most 10 % smaller. Every cycle is found once, from its earliest transfer. The search is
/// bounded by depth, by time, by the amount band and by a branching cap, so hubs cannot make it explode.
/// </summary>
public sealed class CycleDetector(CycleOptions options) : IDetector
{
    public string Typology => Typologies.Cycle;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var alerts = new List<Alert>();
        var path = new int[options.MaxHops];
        var onPath = new HashSet<int>();
        var used = new HashSet<int>();
        var minCents = FlowGraphBuilder.ToCents(options.MinAmount);
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var origin = graph.Source[e];
            if (graph.Cents[e] < minCents || origin == graph.CashAccount || graph.Target[e] == graph.CashAccount || used.Contains(e) || origin == graph.Target[e])
            {
                continue;
            }

            path[0] = e;
            onPath.Clear();
            onPath.Add(origin);
            onPath.Add(graph.Target[e]);
            var found = Extend(graph, path, 1, onPath);
            if (found > 0)
            {
                var cycle = path[..found];
                used.UnionWith(cycle);
                alerts.Add(ToAlert(graph, cycle));
            }
        }

        return alerts;
    }

    /// <summary>Depth-first search for the first way back to the origin; returns the cycle's length, or 0.</summary>
    private int Extend(FlowGraph graph, int[] path, int depth, HashSet<int> onPath)
    {
        var last = path[depth - 1];
        var at = graph.Target[last];
        var origin = graph.Source[path[0]];
        var outgoing = graph.OutgoingOf(at);
        var from = graph.FirstOutgoingAfter(at, graph.Ticks[last]) - graph.OutOffsets[at];
        var until = graph.Ticks[last] + options.MaxHopDelay.Ticks;
        var low = graph.Cents[last] * (1 - options.MaxLossPerHop);
        var followed = 0;
        for (var i = from; i < outgoing.Length && followed < options.MaxBranching; i++)
        {
            var next = outgoing[i];
            if (graph.Ticks[next] > until)
            {
                break;
            }

            var cents = graph.Cents[next];
            if (cents > graph.Cents[last] || cents < low)
            {
                continue;
            }

            followed++;
            var to = graph.Target[next];
            path[depth] = next;
            if (to == origin && depth + 1 >= options.MinHops)
            {
                return depth + 1;
            }

            if (depth + 1 < options.MaxHops && to != graph.CashAccount && onPath.Add(to))
            {
                var found = Extend(graph, path, depth + 1, onPath);
                if (found > 0)
                {
                    return found;
                }

                onPath.Remove(to);
            }
        }

        return 0;
    }


    private Alert ToAlert(FlowGraph graph, int[] cycle)
    {
        var origin = graph.Accounts[graph.Source[cycle[0]]];
        var via = cycle[..^1].Select(e => graph.Accounts[graph.Target[e]]).ToList();
        var txIds = cycle.Select(e => graph.TxIds[e]).ToArray();
        var sent = graph.AmountOf(cycle[0]);
        var back = graph.AmountOf(cycle[^1]);
        var first = graph.TimeOf(cycle[0]);
        var last = graph.TimeOf(cycle[^1]);
        var loss = 1 - (double)(back / sent);
        var z = Math.Log((double)sent / (double)options.MinAmount) / 4 + (0.3 * (cycle.Length - options.MinHops));
        var score = AlertScore.FromEvidence(z);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{Format.Money(sent)} left {origin} and came back as {Format.Money(back)} ({loss:P1} less) after {cycle.Length} hops through {string.Join(" → ", via)} " +
            $"in {(last - first).TotalDays:0.#} days; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, origin, txIds[0]), Typology, nameof(CycleDetector), score, origin,
            [origin, .. via], txIds, sent, first, last, sentence);
    }
}
