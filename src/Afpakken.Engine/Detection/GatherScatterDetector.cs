using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Gather-scatter: several one-off sources pay one hub, which within ten days pays most of it out to several
/// one-off targets (domain.md §3, the reverse of scatter-gather). The structure must dominate the hub's flows in
/// that period, so a busy business with many customers and suppliers does not fire.
/// </summary>
public sealed class GatherScatterDetector(LayeringOptions options) : IDetector
{
    public string Typology => Typologies.GatherScatter;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var alerts = new List<Alert>();
        var window = options.Window.Ticks;
        for (var h = 0; h < graph.AccountCount; h++)
        {
            var incoming = graph.IncomingOf(h);
            var outgoing = graph.OutgoingOf(h);
            if (h == graph.CashAccount || graph.Gatekeeper(h) || incoming.Length < options.MinBranches || outgoing.Length < options.MinBranches)
            {
                continue;
            }

            var oneOffIn = OneOff(graph, incoming, h, graph.Source, window);
            var oneOffOut = OneOff(graph, outgoing, h, graph.Target, window);
            var needed = Needed(graph, oneOffIn, window);
            var i = 0;
            while (i < oneOffIn.Count)
            {
                var start = graph.Ticks[oneOffIn[i]];
                var gathered = oneOffIn.Skip(i).TakeWhile(e => graph.Ticks[e] - start <= window).ToList();
                var scattered = oneOffOut.Where(e => graph.Ticks[e] > start && graph.Ticks[e] - start <= window).ToList();
                if (gathered.Select(e => graph.Source[e]).Distinct().Count() >= needed &&
                    Structure(graph, h, gathered, scattered, incoming, outgoing, start) is { } alert)
                {
                    alerts.Add(alert);
                    i += gathered.Count;
                }
                else
                {
                    i++;
                }
            }
        }

        return alerts;
    }

    /// <summary>
    /// The sources a window must gather from: the minimum, or three times the hub's own median of one-off arrivals
    /// per window over the analysed weeks — an exchange whose every customer is one-off is measured against itself.
    /// </summary>
    private int Needed(FlowGraph graph, List<int> oneOffIn, long window)
    {
        const long week = TimeSpan.TicksPerDay * 7;
        var from = graph.Ticks[0];
        var weeks = (int)((graph.Ticks[^1] - from) / week) + 1;
        var perWeek = new int[weeks];
        var seen = new HashSet<int>();
        foreach (var e in oneOffIn)
        {
            if (seen.Add(graph.Source[e]))
            {
                perWeek[(int)((graph.Ticks[e] - from) / week)]++;
            }
        }

        Array.Sort(perWeek);
        var median = perWeek[weeks / 2];
        return Math.Max(options.MinBranches, (int)Math.Ceiling(3.0 * median * window / week));
    }

    /// <summary>Edges to or from counterparties (no gatekeepers) whose whole relationship with the hub falls within one window.</summary>
    private static List<int> OneOff(FlowGraph graph, ReadOnlySpan<int> edges, int hub, int[] counterpartyOf, long window)
    {
        var span = new Dictionary<int, (long First, long Last)>();
        foreach (var e in edges)
        {
            var c = counterpartyOf[e];
            span[c] = span.TryGetValue(c, out var s) ? (s.First, graph.Ticks[e]) : (graph.Ticks[e], graph.Ticks[e]);
        }

        var result = new List<int>();
        foreach (var e in edges)
        {
            var c = counterpartyOf[e];
            // Paying an exchange or a money-transfer office is an exit (the mule's cash-out), not a scatter over accounts.
            if (c != graph.CashAccount && c != hub && !graph.Gatekeeper(c) && span[c].Last - span[c].First <= window)
            {
                result.Add(e);
            }
        }

        return result;
    }

    private Alert? Structure(FlowGraph graph, int hub, List<int> gathered, List<int> scattered, ReadOnlySpan<int> incoming, ReadOnlySpan<int> outgoing, long start)
    {
        var sources = gathered.Select(e => graph.Source[e]).Distinct().Count();
        var targets = scattered.Select(e => graph.Target[e]).Distinct().Count();
        var inCents = gathered.Sum(e => graph.Cents[e]);
        var outCents = scattered.Sum(e => graph.Cents[e]);
        if (sources < options.MinBranches || targets < options.MinBranches || inCents < FlowGraphBuilder.ToCents(options.MinTotal) ||
            outCents < inCents * options.MinForwardShare)
        {
            return null;
        }

        // The hub's other flows in the same period must be smaller than the structure: it is what the account is for.
        var end = start + options.Window.Ticks;
        long other = 0;
        var inside = gathered.Concat(scattered).ToHashSet();
        foreach (var e in incoming)
        {
            other += !inside.Contains(e) && graph.Ticks[e] >= start && graph.Ticks[e] <= end ? graph.Cents[e] : 0;
        }

        foreach (var e in outgoing)
        {
            other += !inside.Contains(e) && graph.Ticks[e] >= start && graph.Ticks[e] <= end ? graph.Cents[e] : 0;
        }

        if (other >= inCents)
        {
            return null;
        }

        var edges = gathered.Concat(scattered).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var focus = graph.Accounts[hub];
        var first = graph.TimeOf(edges[0]);
        var last = graph.TimeOf(edges[^1]);
        var z = Math.Log(Math.Min(sources, targets) / (double)options.MinBranches) + (Math.Log((double)inCents / FlowGraphBuilder.ToCents(options.MinTotal)) / 4);
        var score = AlertScore.FromEvidence(z);
        var counterparties = gathered.Select(e => graph.Source[e]).Concat(scattered.Select(e => graph.Target[e])).Distinct().Select(c => graph.Accounts[c]).Order(StringComparer.Ordinal);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{sources} sources paid {Format.Money(inCents / 100m)} into {focus}, which paid {Format.Money(outCents / 100m)} on to {targets} targets " +
            $"within {(last - first).TotalDays:0.#} days; transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, txIds[0]), Typology, nameof(GatherScatterDetector), score, focus,
            [focus, .. counterparties], txIds, inCents / 100m, first, last, sentence);
    }
}
