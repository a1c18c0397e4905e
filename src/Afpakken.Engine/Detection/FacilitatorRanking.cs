using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// The facilitator score (domain.md §3) over a run's cases and the graph: accounts in several independent cases
/// (members), accounts that trade directly with several otherwise separate cases — far more flagged counterparties
/// than their number of counterparties explains at the run's base rate — (brokers), and gatekeeper accounts serving
/// many flagged clients in far more separate cases than the run's median gatekeeper (gatekeeper hubs). Brokerage is betweenness on the small graph of cases and these accounts
/// (each account linked to the cases it is in or trades with), exact or estimated from a bounded number of sources.
/// </summary>
internal static class FacilitatorRanking
{
    public static IReadOnlyList<Facilitator> Rank(
        IReadOnlyList<AlertCase> cases, IReadOnlyList<Alert> alerts, FlowGraph graph, IReadOnlyDictionary<string, string>? holders, FacilitatorOptions options)
    {
        var memberOf = new Dictionary<int, List<int>>();
        for (var c = 0; c < cases.Count; c++)
        {
            foreach (var account in cases[c].Accounts)
            {
                if (graph.IndexOf(account) is var a and >= 0 && a != graph.CashAccount)
                {
                    (memberOf.TryGetValue(a, out var list) ? list : memberOf[a] = []).Add(c);
                }
            }
        }

        var touched = Touched(graph, memberOf);
        var baseRate = memberOf.Count / (double)Math.Max(1, graph.AccountCount - 1);

        // Gatekeepers are compared with each other: how many separate cases a notary or exchange serves, against the median gatekeeper.
        var gatekeeperCases = touched.Where(kv => graph.Gatekeeper(kv.Account)).Select(kv => (double)kv.Cases.Length).ToList();
        gatekeeperCases.AddRange(Enumerable.Repeat(0.0, Math.Max(0, CountGatekeepers(graph) - gatekeeperCases.Count)));
        var typicalGatekeeper = Math.Max(1, Statistics.Median(gatekeeperCases));
        var distinct = new DistinctCounter(graph.AccountCount);
        var isMember = new bool[graph.AccountCount];
        foreach (var a in memberOf.Keys)
        {
            isMember[a] = true;
        }

        var found = new List<Candidate>();
        foreach (var (account, caseSet) in touched)
        {
            if (caseSet.Length < 2)
            {
                continue;
            }

            var (counterparties, flagged) = Counterparties(graph, account, isMember, distinct);
            var members = memberOf.TryGetValue(account, out var own) ? own.Count : 0;
            var lift = graph.Gatekeeper(account) ? caseSet.Length / typicalGatekeeper : 0;
            var expected = counterparties * baseRate;
            var surprise = (flagged - expected) / Math.Sqrt(expected + 1);
            var role = graph.Gatekeeper(account)
                ? (flagged >= options.MinFlaggedClients && lift >= options.MinGatekeeperLift ? FacilitatorRoles.Gatekeeper : null)
                : members >= 2 ? FacilitatorRoles.Member
                : surprise >= options.MinSurprise ? FacilitatorRoles.Broker
                : null;
            if (role is not null)
            {
                found.Add(new Candidate(account, role, members, caseSet, counterparties, flagged, lift));
            }
        }

        var brokerage = Betweenness(found, cases.Count, options.MaxBetweennessSources);
        var typologiesOf = alerts.ToDictionary(a => a.AlertId, a => a.Typology, StringComparer.Ordinal);
        return found.Select((f, i) =>
            {
                var adjacent = f.Cases.Length - f.Members;
                var fromCases = f.Role == FacilitatorRoles.Gatekeeper
                    ? 1 - Math.Exp(-f.Flagged / 10.0 * Math.Min(1, f.Lift / 10))
                    : 1 - Math.Exp(-Math.Max(0, f.Members - 1) - (0.5 * adjacent));
                var account = graph.Accounts[f.Account];
                return new Facilitator(
                    account, f.Cases.Length, [.. f.Cases.Select(c => cases[c].CaseId)],
                    [.. f.Cases.SelectMany(c => cases[c].AlertIds).Select(id => typologiesOf[id]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    Math.Round(1 - ((1 - fromCases) * (1 - brokerage[i])), 6))
                {
                    Role = f.Role,
                    Brokerage = Math.Round(brokerage[i], 6),
                    FlaggedCounterparties = f.Flagged,
                    Counterparties = f.Counterparties,
                    Party = holders?.GetValueOrDefault(account),
                };
            })
            .OrderByDescending(f => f.Score).ThenBy(f => f.Account, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record Candidate(int Account, string Role, int Members, int[] Cases, int Counterparties, int Flagged, double Lift);

    private static int CountGatekeepers(FlowGraph graph)
    {
        var count = 0;
        for (var a = 0; a < graph.AccountCount; a++)
        {
            count += graph.Gatekeeper(a) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The cases each account is in or trades with directly, in account order: (account, case) pairs packed in a long,
    /// one per distinct neighbour of a member and case of that member, sorted — no set per account.
    /// </summary>
    private static List<(int Account, int[] Cases)> Touched(FlowGraph graph, Dictionary<int, List<int>> memberOf)
    {
        var pairs = new List<long>();
        var seen = new DistinctCounter(graph.AccountCount);
        foreach (var (member, memberCases) in memberOf)
        {
            seen.Reset();
            seen.Add(member);
            foreach (var c in memberCases)
            {
                pairs.Add(((long)member << 32) | (uint)c);
            }

            foreach (var e in graph.OutgoingOf(member))
            {
                Pair(pairs, seen, graph.Target[e], graph.CashAccount, memberCases);
            }

            foreach (var e in graph.IncomingOf(member))
            {
                Pair(pairs, seen, graph.Source[e], graph.CashAccount, memberCases);
            }
        }

        pairs.Sort();
        var touched = new List<(int, int[])>();
        var caseList = new List<int>();
        for (var i = 0; i < pairs.Count;)
        {
            var account = (int)(pairs[i] >> 32);
            caseList.Clear();
            for (; i < pairs.Count && (int)(pairs[i] >> 32) == account; i++)
            {
                var c = (int)(uint)pairs[i];
                if (caseList.Count == 0 || caseList[^1] != c)
                {
                    caseList.Add(c);
                }
            }

            touched.Add((account, [.. caseList]));
        }

        return touched;
    }

    private static void Pair(List<long> pairs, DistinctCounter seen, int neighbour, int cash, List<int> cases)
    {
        if (neighbour != cash && seen.Add(neighbour))
        {
            foreach (var c in cases)
            {
                pairs.Add(((long)neighbour << 32) | (uint)c);
            }
        }
    }

    private static (int All, int Flagged) Counterparties(FlowGraph graph, int account, bool[] member, DistinctCounter distinct)
    {
        distinct.Reset();
        var flagged = 0;
        foreach (var e in graph.OutgoingOf(account))
        {
            var c = graph.Target[e];
            flagged += c != graph.CashAccount && distinct.Add(c) && member[c] ? 1 : 0;
        }

        foreach (var e in graph.IncomingOf(account))
        {
            var c = graph.Source[e];
            flagged += c != graph.CashAccount && distinct.Add(c) && member[c] ? 1 : 0;
        }

        return (distinct.Count, flagged);
    }

    /// <summary>
    /// Brandes' betweenness of the candidate accounts in the undirected graph of cases (nodes 0..cases-1) and candidates
    /// (nodes cases..), an edge for every case a candidate is in or trades with; scaled so the highest is 1. With more
    /// nodes than <paramref name="maxSources"/>, evenly spaced sources estimate it.
    /// </summary>
    private static double[] Betweenness(List<Candidate> candidates, int caseCount, int maxSources)
    {
        var result = new double[candidates.Count];
        if (candidates.Count == 0)
        {
            return result;
        }

        // Only cases some candidate touches take part; renumber them densely.
        var caseNode = new Dictionary<int, int>();
        foreach (var c in candidates.SelectMany(c => c.Cases))
        {
            caseNode.TryAdd(c, caseNode.Count);
        }

        var n = caseNode.Count + candidates.Count;
        var adjacency = new List<int>[n];
        for (var v = 0; v < n; v++)
        {
            adjacency[v] = [];
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            foreach (var c in candidates[i].Cases)
            {
                adjacency[caseNode.Count + i].Add(caseNode[c]);
                adjacency[caseNode[c]].Add(caseNode.Count + i);
            }
        }

        var centrality = new double[n];
        var step = Math.Max(1, n / maxSources);
        var sigma = new double[n];
        var distance = new int[n];
        var delta = new double[n];
        var order = new Stack<int>();
        var queue = new Queue<int>();
        for (var s = 0; s < n; s += step)
        {
            Array.Fill(sigma, 0);
            Array.Fill(distance, -1);
            Array.Fill(delta, 0);
            sigma[s] = 1;
            distance[s] = 0;
            queue.Enqueue(s);
            while (queue.Count > 0)
            {
                var v = queue.Dequeue();
                order.Push(v);
                foreach (var w in adjacency[v])
                {
                    if (distance[w] < 0)
                    {
                        distance[w] = distance[v] + 1;
                        queue.Enqueue(w);
                    }

                    if (distance[w] == distance[v] + 1)
                    {
                        sigma[w] += sigma[v];
                    }
                }
            }

            while (order.Count > 0)
            {
                var w = order.Pop();
                foreach (var v in adjacency[w])
                {
                    if (distance[v] == distance[w] - 1)
                    {
                        delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                    }
                }

                if (w != s)
                {
                    centrality[w] += delta[w];
                }
            }
        }

        var max = 0.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            result[i] = centrality[caseNode.Count + i];
            max = Math.Max(max, result[i]);
        }

        for (var i = 0; i < result.Length && max > 0; i++)
        {
            result[i] /= max;
        }

        return result;
    }
}
