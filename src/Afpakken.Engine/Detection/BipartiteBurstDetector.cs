using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Single-hop bipartite layering: a set of accounts that each pay every account of another set, within days, with no
/// relay in between (a complete K(m, n), m ≥ <see cref="BipartiteBurstOptions.MinSources"/>, n ≥
/// <see cref="BipartiteBurstOptions.MinTargets"/>) — the one-layer form of domain.md §3's sets paying sets, which
/// <see cref="BipartiteLayeringDetector"/> (relays, two layers or more) does not see. To tell it from people who pay
/// the same few parties in daily life, every account of both sets must be a small one (hubs, gatekeepers and cash
/// are never members), each pair paid once or a few times within <see cref="BipartiteBurstOptions.MaxSpan"/> (a
/// monthly rent or salary stretches the span), and the structure must be most of what each member sent or received
/// around it (<see cref="BipartiteBurstOptions.MinShare"/>) — relative measures, not amounts tuned to one data set.
/// </summary>
public sealed class BipartiteBurstDetector(BipartiteBurstOptions options) : IDetector
{
    public string Typology => Typologies.BipartiteLayering;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var small = new bool[graph.AccountCount];
        for (var a = 0; a < graph.AccountCount; a++)
        {
            small[a] = a != graph.CashAccount && !graph.Gatekeeper(a) &&
                       graph.OutgoingOf(a).Length + graph.IncomingOf(a).Length <= options.MaxMemberDegree;
        }

        // A payee of a set is paid by at least MinSources small payers: count the payments from small accounts.
        var paidBySmall = new int[graph.AccountCount];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (small[graph.Source[e]] && small[graph.Target[e]])
            {
                paidBySmall[graph.Target[e]]++;
            }
        }

        // Every pair of such payees a small account paid: (pair, payer), and each payer's payees for the sets below.
        // Payers that paid many small accounts are left out (their pairs grow quadratically and such a payer is a
        // business, not a set member).
        var pairs = new List<(long Pair, int Source)>();
        var payeesOf = new Dictionary<int, int[]>();
        var targets = new List<int>();
        for (var s = 0; s < graph.AccountCount; s++)
        {
            if (!small[s])
            {
                continue;
            }

            targets.Clear();
            foreach (var e in graph.OutgoingOf(s))
            {
                var t = graph.Target[e];
                if (small[t] && t != s)
                {
                    targets.Add(t);
                }
            }

            if (targets.Count < options.MinTargets)
            {
                continue;
            }

            targets.Sort();
            var distinct = Dedupe(targets);
            if (distinct < options.MinTargets || distinct > options.MaxTargetsPerSource)
            {
                continue;
            }

            var payees = targets.Take(distinct).Where(t => paidBySmall[t] >= options.MinSources).ToArray();
            if (payees.Length < options.MinTargets)
            {
                continue;
            }

            payeesOf[s] = payees;
            for (var i = 0; i < payees.Length; i++)
            {
                for (var j = i + 1; j < payees.Length; j++)
                {
                    pairs.Add((((long)payees[i] << 32) | (uint)payees[j], s));
                }
            }
        }

        pairs.Sort();
        var alerts = new List<Alert>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var claimed = new HashSet<int>();
        for (var start = 0; start < pairs.Count;)
        {
            var end = start;
            while (end < pairs.Count && pairs[end].Pair == pairs[start].Pair)
            {
                end++;
            }

            if (end - start >= options.MinSources)
            {
                var sources = new List<int>(end - start);
                for (var k = start; k < end; k++)
                {
                    sources.Add(pairs[k].Source);
                }

                if (Biclique(payeesOf, sources) is { } found && !found.Sources.Concat(found.Targets).Any(claimed.Contains) &&
                    seen.Add(string.Join(',', found.Sources) + "|" + string.Join(',', found.Targets)) &&
                    Check(graph, found.Sources, found.Targets) is { } alert)
                {
                    alerts.Add(alert);
                    claimed.UnionWith(found.Sources);
                    claimed.UnionWith(found.Targets);
                }
            }

            start = end;
        }

        return alerts;
    }

    /// <summary>Sorts out repeats in a sorted list in place; returns the number of distinct values.</summary>
    private static int Dedupe(List<int> sorted)
    {
        var n = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (n == 0 || sorted[i] != sorted[n - 1])
            {
                sorted[n++] = sorted[i];
            }
        }

        return n;
    }

    /// <summary>The payees every one of <paramref name="sources"/> paid (at least the pair that brought them together).</summary>
    private (int[] Sources, int[] Targets)? Biclique(Dictionary<int, int[]> payeesOf, List<int> sources)
    {
        IEnumerable<int> common = payeesOf[sources[0]];
        foreach (var s in sources.Skip(1))
        {
            common = common.Intersect(payeesOf[s]);
        }

        var targets = common.Except(sources).Order().ToArray();
        return targets.Length >= options.MinTargets ? ([.. sources.Order()], targets) : null;
    }

    /// <summary>The alert for sources × targets when every pair was paid within the span and the flows dominate.</summary>
    private Alert? Check(FlowGraph graph, int[] sources, int[] targets)
    {
        var inSet = targets.ToHashSet();
        var edges = new List<int>();
        foreach (var s in sources)
        {
            foreach (var e in graph.OutgoingOf(s))
            {
                if (inSet.Contains(graph.Target[e]))
                {
                    edges.Add(e);
                }
            }
        }

        edges.Sort();
        var first = graph.Ticks[edges[0]];
        var last = graph.Ticks[edges[^1]];
        var total = edges.Sum(e => graph.Cents[e]);
        if (last - first > options.MaxSpan.Ticks || total < FlowGraphBuilder.ToCents(options.MinTotal) ||
            edges.Count > options.MaxPaymentsPerPair * sources.Length * targets.Length)
        {
            return null;
        }

        // Most of what each source sent, and each target received, around the structure is the structure.
        var from = first - options.Context.Ticks;
        var to = last + options.Context.Ticks;
        var member = edges.ToHashSet();
        foreach (var s in sources)
        {
            if (!Dominates(graph, graph.OutgoingOf(s), member, from, to))
            {
                return null;
            }
        }

        foreach (var t in targets)
        {
            if (!Dominates(graph, graph.IncomingOf(t), member, from, to))
            {
                return null;
            }
        }

        var focus = graph.Accounts[edges.GroupBy(e => graph.Source[e]).OrderByDescending(g => g.Sum(e => graph.Cents[e])).ThenBy(g => g.Key).First().Key];
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var accounts = sources.Concat(targets).Select(a => graph.Accounts[a]).Where(a => a != focus).Order(StringComparer.Ordinal);
        var z = Math.Log(sources.Length * targets.Length / (double)(options.MinSources * options.MinTargets)) +
                (Math.Log((double)total / FlowGraphBuilder.ToCents(options.MinTotal)) / 4);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{sources.Length} accounts each paid all of the same {targets.Length} accounts, {edges.Count} payments of " +
            $"{Format.Money(total / 100m)} in all within {TimeSpan.FromTicks(last - first).TotalDays:0.#} days, with no other flows of " +
            $"note around them (sets paying sets in one hop); transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, "one hop\n" + txIds[0]), Typology, nameof(BipartiteBurstDetector), AlertScore.FromEvidence(z), focus,
            [focus, .. accounts], txIds, total / 100m, graph.TimeOf(edges[0]), graph.TimeOf(edges[^1]), sentence);
    }

    /// <summary>The structure's edges carry at least <see cref="BipartiteBurstOptions.MinShare"/> of the money on this side within [from, to].</summary>
    private bool Dominates(FlowGraph graph, ReadOnlySpan<int> side, HashSet<int> member, long from, long to)
    {
        long inside = 0, all = 0;
        foreach (var e in side)
        {
            if (graph.Ticks[e] < from || graph.Ticks[e] > to)
            {
                continue;
            }

            all += graph.Cents[e];
            if (member.Contains(e))
            {
                inside += graph.Cents[e];
            }
        }

        return all > 0 && inside >= options.MinShare * all;
    }
}
