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
}
