using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>What counts as a credit collected for an underground banker.</summary>
internal static class Collection
{
    /// <summary>
    /// Per channel code: direct debits and card payments are a business billing its customers (rent, energy, shop
    /// sales), not people handing money over for payment abroad, so they never count as collected credits.
    /// </summary>
    public static bool[] BillingChannels(FlowGraph graph) =>
        [.. graph.ChannelNames.Select(c => c is Channels.Ach or Channels.Card)];

    /// <summary>
    /// The windows of an account's incoming transfers an underground-banking detector looks at: each starts at a
    /// transfer and spans <paramref name="window"/> ticks. After an alert the next window starts past it; otherwise at
    /// the next transfer, skipped ahead by up to a quarter window (a busy account is evaluated ~50 times a year, not
    /// once per credit). Windows with fewer than <paramref name="minTransfers"/> transfers are not offered.
    /// <paramref name="alertOn"/> gets the window as [from, to) into <see cref="FlowGraph.IncomingOf"/> and its start,
    /// and says whether it raised an alert.
    /// </summary>
    public static void SlidingWindows(FlowGraph graph, int account, long window, int minTransfers, Func<int, int, long, bool> alertOn)
    {
        var incoming = graph.IncomingOf(account);
        var stride = window / 4;
        var i = 0;
        while (i < incoming.Length)
        {
            var start = graph.Ticks[incoming[i]];
            var j = i;
            while (j < incoming.Length && graph.Ticks[incoming[j]] - start <= window)
            {
                j++;
            }

            if (j - i >= minTransfers && alertOn(i, j, start))
            {
                i = j;
                continue;
            }

            var next = i + 1;
            while (next < incoming.Length && graph.Ticks[incoming[next]] < start + stride && j - next >= minTransfers)
            {
                next++;
            }

            i = next;
        }
    }

    /// <summary>
    /// The credits of a window that can be clients' money — not cash, not a billing channel — when they come from at
    /// least <paramref name="minSenders"/> senders, with no median above <paramref name="maxMedianCents"/> and at least
    /// <paramref name="minTotalCents"/> in all; otherwise null.
    /// </summary>
    public static SmallCredits? SmallCreditsOf(
        FlowGraph graph, ReadOnlySpan<int> window, bool[] billing, int minSenders, long maxMedianCents, long minTotalCents)
    {
        var credits = new List<int>(window.Length);
        var senders = new HashSet<int>();
        foreach (var e in window)
        {
            if (graph.Source[e] != graph.CashAccount && !billing[graph.Channel[e]])
            {
                credits.Add(e);
                senders.Add(graph.Source[e]);
            }
        }

        if (senders.Count < minSenders)
        {
            return null;
        }

        var amounts = credits.Select(e => graph.Cents[e]).Order().ToArray();
        var median = amounts[amounts.Length / 2];
        var total = amounts.Sum();
        return median > maxMedianCents || total < minTotalCents ? null : new SmallCredits(credits, senders, median, total);
    }
}

/// <summary>A window's small credits (<see cref="Collection.SmallCreditsOf"/>): the transfers, their senders, median and total in cents.</summary>
internal sealed record SmallCredits(List<int> Edges, HashSet<int> Senders, long MedianCents, long TotalCents);
