using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>One pass-through episode of an account: money in from several senders, passed on to several recipients.</summary>
internal sealed record RelayEpisode(int Account, int[] In, int[] Out, long InCents, long OutCents);

/// <summary>
/// Finds relay episodes: within a short window an account receives from at least two senders and passes most of it
/// on to at least two recipients, and the episode dominates the account's flows in the month around it — an account
/// that exists to move this money, not a household paying its bills. Sliding sums keep the scan linear in the edges.
/// </summary>
internal static class RelayScan
{
    public static List<RelayEpisode> Find(FlowGraph graph, StackLayeringOptions options)
    {
        var episodes = new List<RelayEpisode>();
        var window = options.RelayWindow.Ticks;
        for (var a = 0; a < graph.AccountCount; a++)
        {
            var incoming = graph.IncomingOf(a);
            var outgoing = graph.OutgoingOf(a);
            if (a == graph.CashAccount || graph.Gatekeeper(a) || incoming.Length < 2 || outgoing.Length < 2 ||
                incoming.Length + outgoing.Length > options.MaxRelayDegree)
            {
                continue;
            }

            int j = 0, outFrom = 0, outTo = 0;
            long inSum = 0, outSum = 0;
            for (var i = 0; i < incoming.Length; i++)
            {
                var start = graph.Ticks[incoming[i]];
                var end = start + window;
                while (j < incoming.Length && graph.Ticks[incoming[j]] <= end)
                {
                    inSum += Cents(graph, incoming[j], graph.Source);
                    j++;
                }

                while (outTo < outgoing.Length && graph.Ticks[outgoing[outTo]] <= end)
                {
                    outSum += Cents(graph, outgoing[outTo], graph.Target);
                    outTo++;
                }

                while (outFrom < outTo && graph.Ticks[outgoing[outFrom]] <= start)
                {
                    outSum -= Cents(graph, outgoing[outFrom], graph.Target);
                    outFrom++;
                }

                if (inSum > 0 && outSum >= options.MinForwardShare * inSum && outSum <= 1.1 * inSum &&
                    Episode(graph, a, incoming[i..j], outgoing[outFrom..outTo], inSum, outSum, options) is { } episode)
                {
                    episodes.Add(episode);
                    // Continue after the episode: its credits are spent.
                    for (; i < j - 1; i++)
                    {
                        inSum -= Cents(graph, incoming[i], graph.Source);
                    }
                }

                inSum -= Cents(graph, incoming[i], graph.Source);
            }
        }

        return episodes;
    }

    private static long Cents(FlowGraph graph, int edge, int[] counterparty) =>
        counterparty[edge] == graph.CashAccount ? 0 : graph.Cents[edge];

    private static RelayEpisode? Episode(
        FlowGraph graph, int account, ReadOnlySpan<int> ins, ReadOnlySpan<int> outs, long inSum, long outSum, StackLayeringOptions options)
    {
        var senders = new HashSet<int>();
        var inEdges = new List<int>(ins.Length);
        foreach (var e in ins)
        {
            if (graph.Source[e] != graph.CashAccount)
            {
                senders.Add(graph.Source[e]);
                inEdges.Add(e);
            }
        }

        var recipients = new HashSet<int>();
        var outEdges = new List<int>(outs.Length);
        foreach (var e in outs)
        {
            if (graph.Target[e] != graph.CashAccount)
            {
                recipients.Add(graph.Target[e]);
                outEdges.Add(e);
            }
        }

        if (senders.Count < 2 || recipients.Count < 2)
        {
            return null;
        }

        // The month around the episode: everything else the account did must be smaller than the episode.
        var from = graph.Ticks[inEdges[0]] - options.RelayContext.Ticks;
        var to = graph.Ticks[inEdges[^1]] + options.RelayWindow.Ticks + options.RelayContext.Ticks;
        long other = -(inSum + outSum);
        foreach (var e in graph.IncomingOf(account))
        {
            other += graph.Ticks[e] >= from && graph.Ticks[e] <= to ? graph.Cents[e] : 0;
        }

        foreach (var e in graph.OutgoingOf(account))
        {
            other += graph.Ticks[e] >= from && graph.Ticks[e] <= to ? graph.Cents[e] : 0;
        }

        return other >= inSum ? null : new RelayEpisode(account, [.. inEdges], [.. outEdges], inSum, outSum);
    }
}
