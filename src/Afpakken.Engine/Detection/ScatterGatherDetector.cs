using System.Globalization;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Scatter-gather: one source splits money over several intermediaries that each pass most of it on to one and
/// the same target within ten days (domain.md §3). Salaries that employees partly spend at the same landlord do
/// not fire: each intermediary must forward most of what it received.
/// </summary>
public sealed class ScatterGatherDetector(LayeringOptions options) : IDetector
{
    public string Typology => Typologies.ScatterGather;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var alerts = new List<Alert>();
        var window = options.Window.Ticks;
        var byTarget = new Dictionary<int, List<(int Split, int Join)>>();
        for (var s = 0; s < graph.AccountCount; s++)
        {
            var outgoing = graph.OutgoingOf(s);
            if (s == graph.CashAccount || outgoing.Length < options.MinBranches)
            {
                continue;
            }

            var wasBig = byTarget.Count > 1024;
            byTarget.Clear();
            if (wasBig)
            {
                byTarget.TrimExcess();
            }
            foreach (var split in outgoing)
            {
                var mid = graph.Target[split];
                if (mid == graph.CashAccount || mid == s)
                {
                    continue;
                }

                var followed = 0;
                var forwardLimit = graph.Ticks[split] + window;
                foreach (var join in graph.OutgoingOf(mid))
                {
                    if (graph.Ticks[join] <= graph.Ticks[split])
                    {
                        continue;
                    }

                    if (graph.Ticks[join] > forwardLimit || ++followed > options.MaxBranching)
                    {
                        break;
                    }

                    var target = graph.Target[join];
                    if (target == s || target == graph.CashAccount || graph.Cents[join] < graph.Cents[split] * options.MinForwardShare || graph.Cents[join] > graph.Cents[split])
                    {
                        continue;
                    }

                    if (!byTarget.TryGetValue(target, out var legs))
                    {
                        byTarget[target] = legs = [];
                    }

                    legs.Add((split, join));
                }
            }

            foreach (var (target, legs) in byTarget)
            {
                if (Structure(graph, s, target, legs) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        return alerts;
    }

    private Alert? Structure(FlowGraph graph, int source, int target, List<(int Split, int Join)> legs)
    {
        // One leg per intermediary (its first), and the whole structure within the window.
        var chosen = legs.GroupBy(l => graph.Target[l.Split]).Select(g => g.First()).OrderBy(l => l.Split).ToList();
        if (chosen.Count < options.MinBranches)
        {
            return null;
        }

        var start = graph.Ticks[chosen[0].Split];
        chosen = chosen.Where(l => graph.Ticks[l.Join] - start <= options.Window.Ticks).ToList();
        var splitCents = chosen.Sum(l => graph.Cents[l.Split]);
        if (chosen.Count < options.MinBranches || splitCents < FlowGraphBuilder.ToCents(options.MinTotal))
        {
            return null;
        }

        var joinCents = chosen.Sum(l => graph.Cents[l.Join]);
        var edges = chosen.SelectMany(l => new[] { l.Split, l.Join }).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var focus = graph.Accounts[source];
        var mids = chosen.Select(l => graph.Accounts[graph.Target[l.Split]]).ToList();
        var first = graph.TimeOf(edges[0]);
        var last = graph.TimeOf(edges[^1]);
        var z = Math.Log((double)chosen.Count / options.MinBranches) + (Math.Log((double)splitCents / FlowGraphBuilder.ToCents(options.MinTotal)) / 4);
        var score = 0.5 + (0.5 * (1 - Math.Exp(-(0.5 + Math.Max(0, z)))));
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{focus} split {Format.Money(splitCents / 100m)} over {chosen.Count} intermediaries ({string.Join(", ", mids)}) that passed " +
            $"{Format.Money(joinCents / 100m)} on to {graph.Accounts[target]} within {(last - first).TotalDays:0.#} days; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, txIds[0]), Typology, nameof(ScatterGatherDetector), Math.Round(score, 6), focus,
            [focus, .. mids, graph.Accounts[target]], txIds, splitCents / 100m, first, last, sentence);
    }
}
