using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

/// <summary>An account in the money-flow picture: one of the subject's controlled accounts, or a counterparty.</summary>
/// <param name="Holder">The controlling party for a controlled account, else null.</param>
/// <param name="Volume">Money in and out of the account over the attributed alerts' transactions.</param>
internal sealed record FlowNode(string Account, string? Holder, bool Controlled, decimal Volume);

/// <summary>All attributed transactions from one account to another, summed.</summary>
internal sealed record FlowEdge(string From, string To, int Transactions, decimal Amount);

/// <summary>
/// The subject's money-flow network: the accounts it controls and the counterparties of the transactions of the
/// alerts attributed to it (each transaction counted once, however many alerts hold it), with flows aggregated per
/// direction. At most <c>maxNodes</c> accounts are drawn — the subject's own accounts first, then counterparties by volume —
/// and the rest are counted, so the picture says what it leaves out; <see cref="AllEdges"/> keeps every flow.
/// </summary>
internal sealed record SvgFlowGraph(IReadOnlyList<FlowNode> Nodes, IReadOnlyList<FlowEdge> Edges, IReadOnlyList<FlowEdge> AllEdges, int NodesLeftOut, int EdgesLeftOut)
{
    public const int DefaultMaxNodes = 40;

    public static SvgFlowGraph Build(SubjectControl control, IReadOnlyList<AttributedAlert> alerts, int maxNodes = DefaultMaxNodes)
    {
        var transactions = alerts.SelectMany(a => a.Transactions).DistinctBy(t => t.TxId, StringComparer.Ordinal).ToList();
        var all = transactions.GroupBy(t => (t.FromAccount, t.ToAccount))
            .Select(g => new FlowEdge(g.Key.FromAccount, g.Key.ToAccount, g.Count(), g.Sum(t => t.Amount)))
            .OrderByDescending(e => e.Amount).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ToList();

        var volume = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var edge in all)
        {
            volume[edge.From] = volume.GetValueOrDefault(edge.From) + edge.Amount;
            volume[edge.To] = volume.GetValueOrDefault(edge.To) + edge.Amount;
        }

        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in control.Accounts)
        {
            holders.TryAdd(account.Account, account.Holder);
        }

        var candidates = holders.Keys.Union(volume.Keys, StringComparer.Ordinal)
            .Select(a => new FlowNode(a, holders.GetValueOrDefault(a), holders.ContainsKey(a), volume.GetValueOrDefault(a)))
            .OrderByDescending(n => n.Controlled).ThenByDescending(n => n.Volume).ThenBy(n => n.Account, StringComparer.Ordinal).ToList();
        var nodes = candidates.Take(Math.Max(0, maxNodes)).ToList();
        var shown = nodes.Select(n => n.Account).ToHashSet(StringComparer.Ordinal);
        var edges = all.Where(e => shown.Contains(e.From) && shown.Contains(e.To) && e.From != e.To).ToList();
        return new SvgFlowGraph(nodes, edges, all, candidates.Count - nodes.Count, all.Count - edges.Count);
    }
}
