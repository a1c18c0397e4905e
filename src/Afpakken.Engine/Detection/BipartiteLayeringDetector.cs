using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Bipartite / stack layering: sets of accounts paying sets of accounts, layer after layer, within days (domain.md
/// §3). Relay episodes (<see cref="RelayScan"/>) that pay each other, or share a payer or payee within the span, are
/// joined into structures; a structure's relays are put in layers by their depth, its sources (who paid the first
/// relays) and sinks (who the relays paid) added before and after, and it is an alert when at least two consecutive
/// layers are many-to-many — every account on both sides takes part and the payments between them outnumber a
/// chain's — and the money moved within the span. A scatter-gather's intermediaries or a funnel each have one
/// counterparty on a side and never qualify. With <paramref name="oneHop"/> it also reports the single-hop form
/// (<see cref="BipartiteBurstDetector"/>: sets paying sets with no relay), except where that is a layer of a stack it
/// reported already — one operation, one alert.
/// </summary>
public sealed class BipartiteLayeringDetector(StackLayeringOptions options, BipartiteBurstOptions? oneHop = null) : IDetector
{
    public string Typology => Typologies.BipartiteLayering;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var stacks = Stacks(graph);
        if (oneHop is null)
        {
            return stacks;
        }

        var inStacks = stacks.SelectMany(a => a.TxIds).ToHashSet(StringComparer.Ordinal);
        var alerts = new List<Alert>(stacks);
        foreach (var alert in new BipartiteBurstDetector(oneHop).Detect(graph))
        {
            if (alert.TxIds.Count(inStacks.Contains) * 2 <= alert.TxIds.Count)
            {
                alerts.Add(alert);
            }
        }

        return alerts;
    }

    private List<Alert> Stacks(FlowGraph graph)
    {
        var episodes = RelayScan.Find(graph, options);
        var receivedBy = new Dictionary<int, int>();
        for (var r = 0; r < episodes.Count; r++)
        {
            foreach (var e in episodes[r].In)
            {
                receivedBy[e] = r;
            }
        }

        // Relay-to-relay payments: an edge one episode paid out and another received.
        var parent = Enumerable.Range(0, episodes.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        var links = new List<(int From, int To)>();
        for (var r = 0; r < episodes.Count; r++)
        {
            foreach (var e in episodes[r].Out)
            {
                if (receivedBy.TryGetValue(e, out var to))
                {
                    links.Add((r, to));
                    parent[Find(r)] = Find(to);
                }
            }
        }

        // Relays of one layer share their payers or payees: join episodes that share a counterparty close in time.
        foreach (var sharing in SharedCounterparties(graph, episodes))
        {
            for (var k = 1; k < sharing.Count; k++)
            {
                if (graph.Ticks[episodes[sharing[k]].In[0]] - graph.Ticks[episodes[sharing[k - 1]].In[0]] <= options.MaxSpan.Ticks)
                {
                    parent[Find(sharing[k])] = Find(sharing[k - 1]);
                }
            }
        }

        var alerts = new List<Alert>();
        var linksOf = links.ToLookup(l => Find(l.From));
        foreach (var component in Enumerable.Range(0, episodes.Count).GroupBy(Find))
        {
            var members = component.Order().ToList();
            if (members.Count >= options.MinSetSize && Structure(graph, episodes, members, [.. linksOf[component.Key]]) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        return alerts;
    }

    /// <summary>
    /// For every counterparty (no relay, no gatekeeper, no hub) of two or more episodes, those episodes in time order.
    /// </summary>
    private IEnumerable<List<int>> SharedCounterparties(FlowGraph graph, List<RelayEpisode> episodes)
    {
        var relays = episodes.Select(r => r.Account).ToHashSet();
        var byCounterparty = new Dictionary<int, List<int>>();
        for (var r = 0; r < episodes.Count; r++)
        {
            var counterparties = episodes[r].In.Select(e => graph.Source[e]).Concat(episodes[r].Out.Select(e => graph.Target[e])).Distinct();
            foreach (var c in counterparties)
            {
                if (!relays.Contains(c) && !graph.Gatekeeper(c) &&
                    graph.IncomingOf(c).Length + graph.OutgoingOf(c).Length <= options.MaxSharedCounterpartyDegree)
                {
                    (byCounterparty.TryGetValue(c, out var list) ? list : byCounterparty[c] = []).Add(r);
                }
            }
        }

        return byCounterparty.Values.Where(l => l.Count > 1).Select(l => l.OrderBy(r => graph.Ticks[episodes[r].In[0]]).ToList());
    }

    private Alert? Structure(FlowGraph graph, List<RelayEpisode> episodes, List<int> members, List<(int From, int To)> links)
    {
        // Depth by longest path from the relays nobody in the structure paid (Kahn's order); a cycle is not a stack.
        var depth = members.ToDictionary(m => m, _ => 0);
        var pending = members.ToDictionary(m => m, m => links.Count(l => l.To == m));
        var ready = new Queue<int>(members.Where(m => pending[m] == 0));
        var visited = 0;
        while (ready.Count > 0)
        {
            var m = ready.Dequeue();
            visited++;
            foreach (var (from, to) in links.Where(l => l.From == m))
            {
                depth[to] = Math.Max(depth[to], depth[m] + 1);
                if (--pending[to] == 0)
                {
                    ready.Enqueue(to);
                }
            }
        }

        if (visited < members.Count)
        {
            return null;
        }

        // Layers of accounts: sources, relays by depth, sinks; and the payments between consecutive layers.
        var relayAccounts = members.Select(m => episodes[m].Account).ToHashSet();
        var layers = new List<HashSet<int>>();
        var blocks = new List<List<int>>();
        var roots = members.Where(m => depth[m] == 0).ToList();
        layers.Add([.. roots.SelectMany(m => episodes[m].In).Select(e => graph.Source[e]).Where(s => !relayAccounts.Contains(s))]);
        blocks.Add([.. roots.SelectMany(m => episodes[m].In).Where(e => !relayAccounts.Contains(graph.Source[e]))]);
        for (var d = 0; d <= depth.Values.Max(); d++)
        {
            var relays = members.Where(m => depth[m] == d).ToList();
            layers.Add([.. relays.Select(m => episodes[m].Account)]);
            blocks.Add([.. relays.SelectMany(m => episodes[m].Out)]);
        }

        layers.Add([.. blocks[^1].Select(e => graph.Target[e]).Where(t => !relayAccounts.Contains(t))]);
        var manyToMany = 0;
        var best = 0;
        for (var k = 0; k + 1 < layers.Count; k++)
        {
            var between = blocks[k].Where(e => layers[k].Contains(graph.Source[e]) && layers[k + 1].Contains(graph.Target[e])).ToList();
            manyToMany = Dense(graph, layers[k], layers[k + 1], between) ? manyToMany + 1 : 0;
            best = Math.Max(best, manyToMany);
        }

        var edges = members.SelectMany(m => episodes[m].In.Concat(episodes[m].Out)).Distinct().Order().ToArray();
        var span = graph.Ticks[edges[^1]] - graph.Ticks[edges[0]];
        var sourceCents = blocks[0].Sum(e => graph.Cents[e]);
        if (best < options.MinLayers || span > options.MaxSpan.Ticks || sourceCents < FlowGraphBuilder.ToCents(options.MinTotal))
        {
            return null;
        }

        var focus = graph.Accounts[blocks[0].GroupBy(e => graph.Source[e]).OrderByDescending(g => g.Sum(e => graph.Cents[e])).ThenBy(g => g.Key).First().Key];
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var accounts = edges.SelectMany(e => new[] { graph.Source[e], graph.Target[e] }).Where(a => a != graph.CashAccount)
            .Distinct().Select(a => graph.Accounts[a]).Where(a => a != focus).Order(StringComparer.Ordinal);
        var sizes = string.Join(" → ", layers.Select(l => l.Count.ToString(CultureInfo.InvariantCulture)));
        var z = Math.Log((double)best / options.MinLayers) + Math.Log(members.Count / (double)options.MinSetSize) / 2 +
                (Math.Log((double)sourceCents / FlowGraphBuilder.ToCents(options.MinTotal)) / 4);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{layers[0].Count} accounts paid {Format.Money(sourceCents / 100m)} into layers of accounts that paid each other on, sets paying sets " +
            $"({sizes} accounts, {best} many-to-many layers), within {TimeSpan.FromTicks(span).TotalDays:0.#} days; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, txIds[0]), Typology, nameof(BipartiteLayeringDetector), AlertScore.FromEvidence(z), focus,
            [focus, .. accounts], txIds, sourceCents / 100m, graph.TimeOf(edges[0]), graph.TimeOf(edges[^1]), sentence);
    }

    /// <summary>
    /// Many-to-many: at least <see cref="StackLayeringOptions.MinSetSize"/> accounts on each side, every one of them
    /// paying or paid across, and more payments than a spanning tree of the two sets needs less one — no chain, star or matching.
    /// </summary>
    private bool Dense(FlowGraph graph, HashSet<int> payers, HashSet<int> payees, List<int> between)
    {
        if (payers.Count < options.MinSetSize || payees.Count < options.MinSetSize)
        {
            return false;
        }

        var pairs = between.Select(e => (graph.Source[e], graph.Target[e])).Distinct().Count();
        return between.Select(e => graph.Source[e]).Distinct().Count() == payers.Count &&
               between.Select(e => graph.Target[e]).Distinct().Count() == payees.Count &&
               pairs >= payers.Count + payees.Count - 1;
    }
}
