using System.Security.Cryptography;
using System.Text;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Groups overlapping alerts into cases (union-find over shared transactions, and over shared focus accounts whose
/// periods overlap), and ranks facilitators: accounts that appear in several independent cases — the money mules,
/// front companies and gatekeeper accounts that serve more than one operation (domain.md §3) — and, with the graph,
/// the brokers between cases and the gatekeeper hubs.
/// </summary>
public static class CaseGrouper
{
    public static IReadOnlyList<AlertCase> Group(IReadOnlyList<Alert> alerts)
    {
        var parent = Enumerable.Range(0, alerts.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        void Union(int a, int b) => parent[Find(a)] = Find(b);

        var byTx = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < alerts.Count; i++)
        {
            foreach (var tx in alerts[i].TxIds)
            {
                if (byTx.TryGetValue(tx, out var other))
                {
                    Union(i, other);
                }
                else
                {
                    byTx[tx] = i;
                }
            }
        }

        foreach (var sameFocus in Enumerable.Range(0, alerts.Count).GroupBy(i => alerts[i].FocusAccount, StringComparer.Ordinal))
        {
            var ordered = sameFocus.OrderBy(i => alerts[i].FirstAt).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                if (alerts[ordered[k]].FirstAt <= alerts[ordered[k - 1]].LastAt)
                {
                    Union(ordered[k], ordered[k - 1]);
                }
            }
        }

        return Enumerable.Range(0, alerts.Count)
            .GroupBy(Find)
            .Select(g => ToCase(g.Select(i => alerts[i]).ToList()))
            .OrderByDescending(c => c.Score).ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .ToList();
    }

    private static AlertCase ToCase(List<Alert> members)
    {
        var ids = members.Select(a => a.AlertId).Order(StringComparer.Ordinal).ToList();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids)));
        // The amount is that of the distinct transactions' alerts, not a sum of overlapping alert totals.
        var total = members.GroupBy(a => a.FocusAccount).Sum(g => g.Max(a => a.TotalAmount));
        return new AlertCase(
            "case-" + Convert.ToHexStringLower(hash.AsSpan(0, 8)), ids,
            members.Select(a => a.Typology).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            members.SelectMany(a => a.Accounts).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            total, members.Min(a => a.FirstAt), members.Max(a => a.LastAt),
            1 - members.Aggregate(1.0, (p, a) => p * (1 - a.Score)));
    }

    /// <summary>
    /// The facilitator score with the graph: members of several cases, brokers trading with several separate cases,
    /// gatekeeper hubs serving many flagged clients, with their brokerage (betweenness among the flagged structures)
    /// and, given the account holders, their party (see <see cref="FacilitatorRanking"/>).
    /// </summary>
    public static IReadOnlyList<Facilitator> Facilitators(
        IReadOnlyList<AlertCase> cases, IReadOnlyList<Alert> alerts, Graph.FlowGraph graph,
        IReadOnlyDictionary<string, string>? accountHolders = null, FacilitatorOptions? options = null) =>
        FacilitatorRanking.Rank(cases, alerts, graph, accountHolders, options ?? new FacilitatorOptions());

    /// <summary>Accounts in at least two cases, scored by how many independent cases they serve (no graph at hand).</summary>
    public static IReadOnlyList<Facilitator> Facilitators(IReadOnlyList<AlertCase> cases, IReadOnlyList<Alert> alerts)
    {
        var typologyOf = alerts.ToDictionary(a => a.AlertId, a => a.Typology, StringComparer.Ordinal);
        return cases
            .SelectMany(c => c.Accounts.Select(a => (Account: a, Case: c)))
            .GroupBy(x => x.Account, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .Select(g => new Facilitator(
                g.Key, g.Count(), g.Select(x => x.Case.CaseId).ToList(),
                g.SelectMany(x => x.Case.AlertIds.Select(id => typologyOf[id])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                Math.Round(1 - Math.Exp(-(g.Count() - 1)), 6)))
            .OrderByDescending(f => f.Cases).ThenBy(f => f.Account, StringComparer.Ordinal)
            .ToList();
    }
}
