using System.Globalization;
using Afpakken.Engine.Contract;
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
        var byTarget = new Dictionary<int, List<Leg>>();
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

                // Two hops (source → intermediary → target) and three (… → second intermediary → target).
                var limit = graph.Ticks[split] + window;
                foreach (var join in Forwards(graph, split, limit, s))
                {
                    AddLeg(byTarget, graph.Target[join], new Leg(split, -1, join));
                    foreach (var onward in Forwards(graph, join, limit, s))
                    {
                        AddLeg(byTarget, graph.Target[onward], new Leg(split, join, onward));
                    }
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

    /// <summary>One way from the source to a target: the split, an optional middle hop (-1 for two hops), the join.</summary>
    private readonly record struct Leg(int Split, int Middle, int Join);

    private static void AddLeg(Dictionary<int, List<Leg>> byTarget, int target, Leg leg)
    {
        if (!byTarget.TryGetValue(target, out var legs))
        {
            byTarget[target] = legs = [];
        }

        legs.Add(leg);
    }

    /// <summary>The edges by which the receiver of <paramref name="edge"/> passes most of it on, later and within the window.</summary>
    private IEnumerable<int> Forwards(FlowGraph graph, int edge, long limit, int source)
    {
        var followed = 0;
        var at = graph.Target[edge];
        if (at == graph.CashAccount)
        {
            yield break;
        }

        // From the first later edge on, by index (a span cannot live in an iterator).
        var end = graph.OutOffsets[at + 1];
        var lo = graph.FirstOutgoingAfter(at, graph.Ticks[edge]);
        for (var i = lo; i < end; i++)
        {
            var next = graph.OutEdges[i];
            if (graph.Ticks[next] > limit || ++followed > options.MaxBranching)
            {
                yield break;
            }

            var to = graph.Target[next];
            if (to != source && to != graph.CashAccount && to != at &&
                graph.Cents[next] >= graph.Cents[edge] * options.MinForwardShare && graph.Cents[next] <= graph.Cents[edge])
            {
                yield return next;
            }
        }
    }

    private Alert? Structure(FlowGraph graph, int source, int target, List<Leg> legs)
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
        var edges = chosen.SelectMany(l => l.Middle < 0 ? new[] { l.Split, l.Join } : [l.Split, l.Middle, l.Join]).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var focus = graph.Accounts[source];
        var mids = chosen.Select(l => graph.Accounts[graph.Target[l.Split]]).ToList();
        var seconds = chosen.Where(l => l.Middle >= 0).Select(l => graph.Accounts[graph.Target[l.Middle]]).Distinct(StringComparer.Ordinal).ToList();
        var first = graph.TimeOf(edges[0]);
        var last = graph.TimeOf(edges[^1]);
        var z = Math.Log((double)chosen.Count / options.MinBranches) + (Math.Log((double)splitCents / FlowGraphBuilder.ToCents(options.MinTotal)) / 4);
        var score = AlertScore.FromEvidence(z);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{focus} split {Format.Money(splitCents / 100m)} over {chosen.Count} intermediaries ({string.Join(", ", mids)}) that passed " +
            $"{Format.Money(joinCents / 100m)} on to {graph.Accounts[target]} within {(last - first).TotalDays:0.#} days; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            // One source can rejoin at several targets from the same first split: the target is part of the identity.
            BurstAlerts.StableId(Typology, focus + ">" + graph.Accounts[target], txIds[0]), Typology, nameof(ScatterGatherDetector), score, focus,
            [focus, .. mids, .. seconds, graph.Accounts[target]], txIds, splitCents / 100m, first, last, sentence);
    }
}
