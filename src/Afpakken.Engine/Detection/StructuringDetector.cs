using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Structuring: at least three cash deposits at 80–99 % of a threshold into one account within 30 days, together at
/// least the threshold, and most of the account's cash deposits in that period (domain.md §3).
/// </summary>
public sealed class StructuringDetector(StructuringOptions options) : IDetector
{
    public string Typology => Typologies.Structuring;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var cashDeposit = Array.IndexOf(graph.ChannelNames, Channels.CashDeposit);
        if (cashDeposit < 0)
        {
            return [];
        }

        var alerts = new List<(Alert Alert, List<int> Run)>();
        var deposits = new List<int>();
        var near = new List<int>();
        var claimed = new HashSet<int>();
        for (var a = 0; a < graph.AccountCount; a++)
        {
            deposits.Clear();
            foreach (var e in graph.IncomingOf(a))
            {
                if (graph.Channel[e] == cashDeposit)
                {
                    deposits.Add(e);
                }
            }

            if (deposits.Count < options.MinDeposits)
            {
                continue;
            }

            claimed.Clear();
            foreach (var threshold in options.Thresholds.Order().Reverse())
            {
                var low = FlowGraphBuilder.ToCents(threshold * options.LowerShare);
                var high = FlowGraphBuilder.ToCents(threshold * options.UpperShare);
                near.Clear();
                near.AddRange(deposits.Where(e => graph.Cents[e] >= low && graph.Cents[e] <= high && !claimed.Contains(e)));

                // Structuring leaves a cliff: many deposits just below the line and few just above it. A business whose
                // takings simply range across the line deposits about as often just above as just below.
                var threshCents = FlowGraphBuilder.ToCents(threshold);
                var above = deposits.Count(e => graph.Cents[e] >= threshCents && graph.Cents[e] < threshCents + (threshCents - low));
                if (near.Count < options.CliffFactor * (above + 1))
                {
                    continue;
                }

                foreach (var run in Runs(graph, near))
                {
                    var cents = run.Sum(e => graph.Cents[e]);
                    var first = graph.Ticks[run[0]];
                    var last = graph.Ticks[run[^1]];
                    // The share is taken over the run and half a window either side: a cash business deposits every day.
                    var half = options.Window.Ticks / 2;
                    var allCash = deposits.Count(e => graph.Ticks[e] >= first - half && graph.Ticks[e] <= last + half);
                    if (run.Count < options.MinDeposits || cents < FlowGraphBuilder.ToCents(threshold) ||
                        (double)run.Count / allCash < options.MinShareOfCashDeposits)
                    {
                        continue;
                    }

                    claimed.UnionWith(run);
                    alerts.Add((ToAlert(graph, a, run, threshold, allCash), run));
                }
            }
        }

        // A ring of linked accounts supersedes the single-account alerts it mostly covers: one operation, one alert. A
        // "ring" whose deposits are all explained by single-account runs is two separate smurfs that happen to feed the
        // same collector close together in time; the single-account alerts stand and the ring goes.
        var single = alerts.SelectMany(a => a.Run).ToHashSet();
        var linked = options.Thresholds.Order().Reverse().SelectMany(t => Linked(graph, cashDeposit, t))
            .Where(r => !r.Run.All(single.Contains)).ToList();
        var ringDeposits = linked.SelectMany(r => r.Run).ToHashSet();
        alerts.RemoveAll(a => a.Run.Count(ringDeposits.Contains) * 2 >= a.Run.Count);
        return [.. alerts.Select(a => a.Alert), .. linked.Select(r => r.Alert)];
    }

    /// <summary>
    /// Structuring spread over linked accounts: each deposits cash just below the line once or twice, and each passes
    /// most of it on to the same collecting account within days. Pooled, the deposits are the smurfing pattern.
    /// </summary>
    private List<(Alert Alert, List<int> Run)> Linked(FlowGraph graph, int cashDeposit, decimal threshold)
    {
        var low = FlowGraphBuilder.ToCents(threshold * options.LowerShare);
        var high = FlowGraphBuilder.ToCents(threshold * options.UpperShare);
        var line = FlowGraphBuilder.ToCents(threshold);
        // A member may pass its cash on only once the whole ring has deposited — up to a window after its own first
        // deposit — and then within days: look a window and a week past its last near-threshold deposit.
        var onward = options.Window.Ticks + TimeSpan.FromDays(7).Ticks;
        var byCollector = new Dictionary<int, List<(int Account, List<int> Deposits)>>();
        for (var a = 0; a < graph.AccountCount; a++)
        {
            if (a == graph.CashAccount)
            {
                continue;
            }

            var cash = new List<int>();
            foreach (var e in graph.IncomingOf(a))
            {
                if (graph.Channel[e] == cashDeposit)
                {
                    cash.Add(e);
                }
            }

            var near = cash.Where(e => graph.Cents[e] >= low && graph.Cents[e] <= high).ToList();
            if (near.Count == 0 || near.Count < options.MinShareOfCashDeposits * cash.Count ||
                near.Count < options.CliffFactor * cash.Count(e => graph.Cents[e] >= line && graph.Cents[e] < line + (line - low)))
            {
                continue;
            }

            // Where the money went: the counterparty that received most of it within a window after the last deposit.
            var nearCents = near.Sum(e => graph.Cents[e]);
            var to = new Dictionary<int, long>();
            foreach (var e in graph.OutgoingOf(a))
            {
                if (graph.Target[e] != graph.CashAccount && graph.Ticks[e] >= graph.Ticks[near[0]] && graph.Ticks[e] <= graph.Ticks[near[^1]] + onward)
                {
                    to[graph.Target[e]] = to.GetValueOrDefault(graph.Target[e]) + graph.Cents[e];
                }
            }

            if (to.Count == 0)
            {
                continue;
            }

            var collector = to.MaxBy(kv => kv.Value);
            if (collector.Value < nearCents / 2)
            {
                continue;
            }

            if (!byCollector.TryGetValue(collector.Key, out var members))
            {
                byCollector[collector.Key] = members = [];
            }

            members.Add((a, near));
        }

        var alerts = new List<(Alert, List<int>)>();
        foreach (var (collector, members) in byCollector)
        {
            // A collector may serve several rings over the year: take the deposits window by window.
            var pooled = members.SelectMany(m => m.Deposits.Select(e => (Edge: e, m.Account))).OrderBy(x => graph.Ticks[x.Edge]).ToList();
            var i = 0;
            while (i < pooled.Count)
            {
                var start = graph.Ticks[pooled[i].Edge];
                var run = pooled.Skip(i).TakeWhile(x => graph.Ticks[x.Edge] - start <= options.Window.Ticks).ToList();
                var ring = run.Select(x => x.Account).Distinct().ToList();
                if (ring.Count < 2 || run.Count < options.MinDeposits || run.Sum(x => graph.Cents[x.Edge]) < line)
                {
                    i++;
                    continue;
                }

                var focus = ring.OrderByDescending(a => run.Count(x => x.Account == a)).ThenBy(a => run.First(x => x.Account == a).Edge).First();
                List<int> deposits = [.. run.Select(x => x.Edge).Order()];
                alerts.Add((ToLinkedAlert(graph, deposits, ring, focus, collector, threshold), deposits));
                i += run.Count;
            }
        }

        return alerts;
    }

    private Alert ToLinkedAlert(FlowGraph graph, List<int> run, List<int> members, int focus, int collector, decimal threshold)
    {
        var amounts = run.Select(graph.AmountOf).ToList();
        var total = amounts.Sum();
        var first = graph.TimeOf(run[0]);
        var last = graph.TimeOf(run[^1]);
        var until = graph.Ticks[run[^1]] + options.Window.Ticks;
        var passedOn = members.SelectMany(m => graph.OutgoingOf(m).ToArray())
            .Where(e => graph.Target[e] == collector && graph.Ticks[e] >= graph.Ticks[run[0]] && graph.Ticks[e] <= until);
        var edges = run.Concat(passedOn).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var names = members.Select(a => graph.Accounts[a]).Order(StringComparer.Ordinal).ToList();
        var z = Math.Log((double)run.Count / options.MinDeposits) + Math.Log((double)(total / threshold)) + (0.2 * members.Count);
        var score = AlertScore.FromEvidence(z);
        var days = Math.Max(1, (int)Math.Ceiling((last - first).TotalDays));
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{run.Count} cash deposits of {Format.Money(amounts.Min())}–{Format.Money(amounts.Max())} spread over {members.Count} accounts ({string.Join(", ", names)}) in {days} days " +
            $"({first:yyyy-MM-dd} – {last:yyyy-MM-dd}), each 80–99 % of the {Format.Money(threshold)} threshold, {Format.Money(total)} in all, " +
            $"passed on to {graph.Accounts[collector]}; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, graph.Accounts[focus], txIds[0]), Typology, nameof(StructuringDetector), score,
            graph.Accounts[focus], [.. names, graph.Accounts[collector]], txIds, total, first, graph.TimeOf(edges[^1]), sentence);
    }

    /// <summary>Maximal runs of near-threshold deposits in which each deposit is within the window of the run's start.</summary>
    private IEnumerable<List<int>> Runs(FlowGraph graph, List<int> near)
    {
        var window = options.Window.Ticks;
        var i = 0;
        while (i < near.Count)
        {
            var run = new List<int> { near[i] };
            var j = i + 1;
            while (j < near.Count && graph.Ticks[near[j]] - graph.Ticks[near[i]] <= window)
            {
                run.Add(near[j++]);
            }

            if (run.Count >= options.MinDeposits)
            {
                yield return run;
                i = j;
            }
            else
            {
                i++;
            }
        }
    }

    private Alert ToAlert(FlowGraph graph, int account, List<int> run, decimal threshold, int allCash)
    {
        var focus = graph.Accounts[account];
        var amounts = run.Select(graph.AmountOf).ToList();
        var total = amounts.Sum();
        var first = graph.TimeOf(run[0]);
        var last = graph.TimeOf(run[^1]);
        var onward = Collected(graph, account, run);
        var edges = run.Concat(onward).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var collectors = onward.Select(e => graph.Accounts[graph.Target[e]]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var z = Math.Log((double)run.Count / options.MinDeposits) + Math.Log((double)(total / threshold)) + Math.Log(run.Count / (double)allCash / options.MinShareOfCashDeposits);
        var score = AlertScore.FromEvidence(z);
        var days = Math.Max(1, (int)Math.Ceiling((last - first).TotalDays));
        var passedOn = onward.Count == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $", {Format.Money(onward.Sum(graph.AmountOf))} passed on to {string.Join(", ", collectors)}");
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{run.Count} cash deposits of {Format.Money(amounts.Min())}–{Format.Money(amounts.Max())} into {focus} in {days} days " +
            $"({first:yyyy-MM-dd} – {last:yyyy-MM-dd}), each 80–99 % of the {Format.Money(threshold)} threshold, {Format.Money(total)} in all{passedOn}; " +
            $"{run.Count} of the {allCash} cash deposits around that period; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, graph.TxIds[run[0]]), Typology, nameof(StructuringDetector), score, focus,
            [focus, .. collectors.Where(c => c != focus)], txIds, total, first, graph.TimeOf(edges[^1]), sentence);
    }

    /// <summary>Transfers (not cash) by which the account passed at least half of the deposits on, within a window after the last deposit.</summary>
    private List<int> Collected(FlowGraph graph, int account, List<int> run)
    {
        var from = graph.Ticks[run[0]];
        var to = graph.Ticks[run[^1]] + options.Window.Ticks;
        var onward = new List<int>();
        foreach (var e in graph.OutgoingOf(account))
        {
            if (graph.Target[e] != graph.CashAccount && graph.Ticks[e] >= from && graph.Ticks[e] <= to)
            {
                onward.Add(e);
            }
        }

        return onward.Sum(e => graph.Cents[e]) * 2 >= run.Sum(e => graph.Cents[e]) ? onward : [];
    }
}
