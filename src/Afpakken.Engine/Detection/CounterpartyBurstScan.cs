using System.Runtime.InteropServices;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>One burst found by <see cref="CounterpartyBurstScan"/>: the focus account and the edges of its one-off counterparties.</summary>
internal sealed record Burst(int Account, int[] Edges, int Counterparties, long Cents, double BaselineWeekly, double BaselineMonthlyCents);

/// <summary>
/// The shared core of fan-in and fan-out: per account, find windows in which many distinct <em>one-off</em>
/// counterparties (whose whole relationship with the account falls inside one window) appear, and compare the
/// burst with the account's own weekly counterparty count and monthly flow outside it.
/// </summary>
internal sealed class CounterpartyBurstScan
{
    private const long TicksPerWeek = TimeSpan.TicksPerDay * 7;
    private const long TicksPerMonth = TimeSpan.TicksPerDay * 30;

    private readonly FlowGraph _graph;
    private readonly bool _incoming;
    private readonly long _window;
    private readonly FanDetectionOptions _options;
    private long[]? _counterpartyTotals;

    public CounterpartyBurstScan(FlowGraph graph, bool incoming, TimeSpan window, FanDetectionOptions options)
    {
        _graph = graph;
        _incoming = incoming;
        _window = window.Ticks;
        _options = options;
    }

    public List<Burst> Run()
    {
        var found = new List<Burst>();
        Dictionary<int, (long First, long Last)> span = [];
        var oneOffFirsts = new List<(long First, int Counterparty)>();
        var weekly = new HashSet<long>();
        for (var a = 0; a < _graph.AccountCount; a++)
        {
            // Gatekeepers receive from and pay many unrelated parties by trade; they are the facilitator score's
            // concern, not a burst's.
            if (a == _graph.CashAccount || _graph.Gatekeeper(a))
            {
                continue;
            }

            var edges = _incoming ? _graph.IncomingOf(a) : _graph.OutgoingOf(a);
            if (edges.Length < _options.MinCounterparties)
            {
                continue;
            }

            // Clearing costs the capacity a hub left behind; start afresh after a big account instead.
            span = span.Count > 1024 ? [] : span;
            span.Clear();
            foreach (var e in edges)
            {
                var c = Counterparty(e);
                if (c == _graph.CashAccount || c == a)
                {
                    continue;
                }

                ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(span, c, out var exists);
                s = exists ? (s.First, _graph.Ticks[e]) : (_graph.Ticks[e], _graph.Ticks[e]);
            }

            oneOffFirsts.Clear();
            foreach (var (c, s) in span)
            {
                if (s.Last - s.First <= _window)
                {
                    oneOffFirsts.Add((s.First, c));
                }
            }

            if (oneOffFirsts.Count < _options.MinCounterparties)
            {
                continue;
            }

            oneOffFirsts.Sort();
            var needed = Needed(oneOffFirsts, _graph.Ticks[0], _graph.Ticks[^1]);
            foreach (var cluster in Clusters(oneOffFirsts, needed))
            {
                if (Evaluate(a, edges, cluster, weekly) is { } burst)
                {
                    found.Add(burst);
                }
            }
        }

        return found;
    }

    private int Counterparty(int edge) => _incoming ? _graph.Source[edge] : _graph.Target[edge];

    /// <summary>
    /// How many one-off counterparties a window must hold to be a burst for this account: the minimum, or the burst
    /// factor times the account's own median of one-off arrivals per window over the analysed weeks — so that an
    /// exchange or a money-transfer office, whose every customer is one-off, is measured against its own normal,
    /// while an account that lives only for its burst is not.
    /// </summary>
    private int Needed(List<(long First, int Counterparty)> firsts, long from, long to)
    {
        var weeks = (int)((to - from) / TicksPerWeek) + 1;
        var perWeek = new int[weeks];
        foreach (var (first, _) in firsts)
        {
            perWeek[(int)((first - from) / TicksPerWeek)]++;
        }

        Array.Sort(perWeek);
        var median = weeks % 2 == 1 ? perWeek[weeks / 2] : (perWeek[(weeks / 2) - 1] + perWeek[weeks / 2]) / 2.0;
        var expected = median * ((double)_window / TicksPerWeek);
        return Math.Max(_options.MinCounterparties, (int)Math.Ceiling(_options.BurstFactor * expected));
    }

    /// <summary>Maximal runs of one-off counterparties whose first contacts fit, window by window, with at least <paramref name="needed"/> of them.</summary>
    private IEnumerable<HashSet<int>> Clusters(List<(long First, int Counterparty)> firsts, int needed)
    {
        var covered = new bool[firsts.Count];
        var j = 0;
        for (var i = 0; i < firsts.Count; i++)
        {
            j = Math.Max(j, i);
            while (j + 1 < firsts.Count && firsts[j + 1].First - firsts[i].First <= _window)
            {
                j++;
            }

            if (j - i + 1 >= needed)
            {
                for (var k = i; k <= j; k++)
                {
                    covered[k] = true;
                }
            }
        }

        HashSet<int>? current = null;
        for (var i = 0; i < firsts.Count; i++)
        {
            var joins = covered[i] && current is not null && firsts[i].First - firsts[i - 1].First <= _window && covered[i - 1];
            if (covered[i] && !joins)
            {
                if (current is not null)
                {
                    yield return current;
                }

                current = [];
            }

            if (covered[i])
            {
                current!.Add(firsts[i].Counterparty);
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    private Burst? Evaluate(int account, ReadOnlySpan<int> edges, HashSet<int> cluster, HashSet<long> weekly)
    {
        var burstEdges = new List<int>();
        long burstCents = 0;
        // Clearing costs the capacity a hub left behind: shrink it again after a big account.
        var wasBig = weekly.Count > 1024;
        weekly.Clear();
        if (wasBig)
        {
            weekly.TrimExcess();
        }

        var monthly = new Dictionary<long, long>();
        foreach (var e in edges)
        {
            var c = Counterparty(e);
            if (cluster.Contains(c))
            {
                burstEdges.Add(e);
                burstCents += _graph.Cents[e];
                continue;
            }

            var t = _graph.Ticks[e];
            weekly.Add((t / TicksPerWeek << 32) | (uint)c);
            CollectionsMarshal.GetValueRefOrAddDefault(monthly, t / TicksPerMonth, out _) += _graph.Cents[e];
        }

        var perWeek = new Dictionary<long, int>();
        foreach (var key in weekly)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(perWeek, key >> 32, out _)++;
        }

        // Medians over every week and month of the analysed period, quiet ones included: an account that is busy only
        // now and then is measured against its usual quiet, not against its few busy months.
        var weeks = (int)((_graph.Ticks[^1] - _graph.Ticks[0]) / TicksPerWeek) + 1;
        var months = (int)((_graph.Ticks[^1] - _graph.Ticks[0]) / TicksPerMonth) + 1;
        var baselineWeekly = Statistics.Median(perWeek.Values.Select(v => (double)v).Concat(Enumerable.Repeat(0.0, Math.Max(0, weeks - perWeek.Count))));
        var baselineMonthly = Statistics.Median(monthly.Values.Select(v => (double)v).Concat(Enumerable.Repeat(0.0, Math.Max(0, months - monthly.Count))));
        var n = cluster.Count;
        var minCents = (double)(_options.MinTotal * 100m);
        if (n < _options.MinCounterparties ||
            n < _options.BurstFactor * baselineWeekly ||
            burstCents < Math.Max(minCents, _options.AmountFactor * baselineMonthly))
        {
            return null;
        }

        if (MedianCounterpartyShare(burstEdges) < _options.MinCounterpartyShare)
        {
            return null;
        }

        return new Burst(account, [.. burstEdges], n, burstCents, baselineWeekly, baselineMonthly);
    }

    /// <summary>
    /// For each counterparty in the burst, the share of its own outflow (fan-in) or inflow (fan-out) that went through
    /// this burst; the median over them. Senders instrumented for a funnel move most of what they have through it;
    /// the customers of a shop, a car dealer or a notary spend a small part of theirs there.
    /// </summary>
    private double MedianCounterpartyShare(List<int> burstEdges)
    {
        _counterpartyTotals ??= Totals();
        var perCounterparty = new Dictionary<int, long>();
        foreach (var e in burstEdges)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(perCounterparty, Counterparty(e), out _) += _graph.Cents[e];
        }

        return Statistics.Median(perCounterparty.Select(kv => (double)kv.Value / Math.Max(1, _counterpartyTotals[kv.Key])));
    }

    /// <summary>Every account's total outflow (for fan-in senders) or inflow (for fan-out recipients).</summary>
    private long[] Totals()
    {
        var totals = new long[_graph.AccountCount];
        var side = _incoming ? _graph.Source : _graph.Target;
        for (var e = 0; e < _graph.EdgeCount; e++)
        {
            totals[side[e]] += _graph.Cents[e];
        }

        return totals;
    }

}
