using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Features;

/// <summary>
/// The per-account feature vector (version 2, documented in docs/features.md): whole-period aggregates, rolling
/// 1-, 7- and 30-day peaks, and behaviour (dwell time, thresholds, round amounts, burstiness, dormancy, age).
/// One float column per feature, row-major; shared by the anomaly model, and later by supervised models. The rule
/// detectors read the graph directly. Amounts are logs of euros: features, never money arithmetic.
/// </summary>
public sealed class AccountFeatures
{
    public const int Version = 2;

    /// <summary>The number of features; a constant so that ML.NET's vector attribute can name it.</summary>
    public const int WidthConst = 26;

    private static readonly TimeSpan[] Windows = [TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    /// <summary>Names of the columns of <see cref="Matrix"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "log_in_count", "log_out_count", "log_distinct_senders", "log_distinct_recipients",
        "log_in_amount", "log_out_amount", "pass_through_ratio", "cash_share",
        .. Windows.SelectMany(w => new[]
        {
            $"log_max_in_count_{w.TotalDays:0}d", $"log_max_in_amount_{w.TotalDays:0}d",
            $"log_max_new_senders_{w.TotalDays:0}d", $"log_max_out_count_{w.TotalDays:0}d",
        }),
        "log_median_dwell_hours", "near_threshold_cash_share", "round_amount_share", "burstiness",
        "log_longest_dormancy_days", "log_age_days",
    ];

    private AccountFeatures(int accounts)
    {
        Matrix = new float[accounts * WidthConst];
        AccountCount = accounts;
    }

    public int AccountCount { get; }

    /// <summary>Row-major: account a's features are Matrix[a * Width .. (a + 1) * Width).</summary>
    public float[] Matrix { get; }

    public static int Width => WidthConst;

    public ReadOnlySpan<float> Of(int account) => Matrix.AsSpan(account * Width, Width);

    public static AccountFeatures Compute(FlowGraph graph)
    {
        var features = new AccountFeatures(graph.AccountCount);
        var cashChannels = graph.ChannelNames.Select(c => c is Channels.CashDeposit or Channels.CashWithdrawal).ToArray();
        var cashDeposit = Array.IndexOf(graph.ChannelNames, Channels.CashDeposit);
        var end = graph.EdgeCount == 0 ? 0 : graph.Ticks[^1];
        var seen = new DistinctCounter(graph.AccountCount);
        var scratch = new List<double>();
        var newFlags = new bool[1024];
        for (var a = 0; a < graph.AccountCount; a++)
        {
            var incoming = graph.IncomingOf(a);
            var outgoing = graph.OutgoingOf(a);
            var row = features.Matrix.AsSpan(a * Width, Width);
            Totals(graph, incoming, outgoing, cashChannels, seen, row);
            if (newFlags.Length < incoming.Length)
            {
                newFlags = new bool[Math.Max(incoming.Length, newFlags.Length * 2)];
            }

            seen.Reset();
            for (var i = 0; i < incoming.Length; i++)
            {
                newFlags[i] = seen.Add(graph.Source[incoming[i]]);
            }

            for (var w = 0; w < Windows.Length; w++)
            {
                Rolling(graph, incoming, outgoing, newFlags, Windows[w].Ticks, row.Slice(8 + (w * 4), 4));
            }

            Behaviour(graph, incoming, outgoing, cashDeposit, end, scratch, row[20..]);
        }

        return features;
    }

    private static void Totals(FlowGraph graph, ReadOnlySpan<int> incoming, ReadOnlySpan<int> outgoing, bool[] cashChannels, DistinctCounter seen, Span<float> row)
    {
        long inCents = 0, outCents = 0, cashCents = 0;
        seen.Reset();
        foreach (var e in incoming)
        {
            inCents += graph.Cents[e];
            cashCents += cashChannels[graph.Channel[e]] ? graph.Cents[e] : 0;
            seen.Add(graph.Source[e]);
        }

        var senders = seen.Count;
        seen.Reset();
        foreach (var e in outgoing)
        {
            outCents += graph.Cents[e];
            cashCents += cashChannels[graph.Channel[e]] ? graph.Cents[e] : 0;
            seen.Add(graph.Target[e]);
        }

        row[0] = MathF.Log(1 + incoming.Length);
        row[1] = MathF.Log(1 + outgoing.Length);
        row[2] = MathF.Log(1 + senders);
        row[3] = MathF.Log(1 + seen.Count);
        row[4] = MathF.Log(1 + (inCents / 100f));
        row[5] = MathF.Log(1 + (outCents / 100f));
        row[6] = inCents == 0 ? 0f : (float)Math.Min(1.0, (double)outCents / inCents);
        row[7] = inCents + outCents == 0 ? 0f : (float)((double)cashCents / (inCents + outCents));
    }

    /// <summary>Peaks over rolling windows (two pointers over the time-ordered lists): in count, in amount, first contacts, out count.</summary>
    /// <param name="newFlags">Per incoming edge: the sender's first contact with the account.</param>
    private static void Rolling(FlowGraph graph, ReadOnlySpan<int> incoming, ReadOnlySpan<int> outgoing, bool[] newFlags, long window, Span<float> row)
    {
        int maxIn = 0, maxNew = 0, maxOut = 0;
        long maxCents = 0, cents = 0;
        int j = 0, news = 0;
        for (var i = 0; i < incoming.Length; i++)
        {
            cents += graph.Cents[incoming[i]];
            news += newFlags[i] ? 1 : 0;
            while (graph.Ticks[incoming[i]] - graph.Ticks[incoming[j]] > window)
            {
                cents -= graph.Cents[incoming[j]];
                news -= newFlags[j] ? 1 : 0;
                j++;
            }

            maxIn = Math.Max(maxIn, i - j + 1);
            maxCents = Math.Max(maxCents, cents);
            maxNew = Math.Max(maxNew, news);
        }

        j = 0;
        for (var i = 0; i < outgoing.Length; i++)
        {
            while (graph.Ticks[outgoing[i]] - graph.Ticks[outgoing[j]] > window)
            {
                j++;
            }

            maxOut = Math.Max(maxOut, i - j + 1);
        }

        row[0] = MathF.Log(1 + maxIn);
        row[1] = MathF.Log(1 + (maxCents / 100f));
        row[2] = MathF.Log(1 + maxNew);
        row[3] = MathF.Log(1 + maxOut);
    }

    private static void Behaviour(FlowGraph graph, ReadOnlySpan<int> incoming, ReadOnlySpan<int> outgoing, int cashDeposit, long end, List<double> scratch, Span<float> row)
    {
        // Dwell: hours from each inflow to the next outflow after it; the median over inflows that were followed.
        scratch.Clear();
        var k = 0;
        foreach (var e in incoming)
        {
            while (k < outgoing.Length && graph.Ticks[outgoing[k]] < graph.Ticks[e])
            {
                k++;
            }

            if (k < outgoing.Length)
            {
                scratch.Add((graph.Ticks[outgoing[k]] - graph.Ticks[e]) / (double)TimeSpan.TicksPerHour);
            }
        }

        row[0] = scratch.Count == 0 ? 0f : MathF.Log(1 + (float)Statistics.Median(scratch));

        int deposits = 0, nearLine = 0, round = 0, all = incoming.Length + outgoing.Length;
        foreach (var e in incoming)
        {
            if (graph.Channel[e] == cashDeposit)
            {
                deposits++;
                var c = graph.Cents[e];
                nearLine += (c >= 800_000 && c <= 990_000) || (c >= 240_000 && c <= 297_000) ? 1 : 0;
            }

            round += graph.Cents[e] % 10_000 == 0 ? 1 : 0;
        }

        foreach (var e in outgoing)
        {
            round += graph.Cents[e] % 10_000 == 0 ? 1 : 0;
        }

        row[1] = deposits == 0 ? 0f : (float)nearLine / deposits;
        row[2] = all == 0 ? 0f : (float)round / all;

        // Burstiness (σ − μ) / (σ + μ) of the gaps between events, and the longest quiet spell, over both directions.
        scratch.Clear();
        long first = long.MaxValue, previous = -1, longest = 0;
        int i = 0, o = 0;
        while (i < incoming.Length || o < outgoing.Length)
        {
            var t = o >= outgoing.Length || (i < incoming.Length && graph.Ticks[incoming[i]] <= graph.Ticks[outgoing[o]])
                ? graph.Ticks[incoming[i++]]
                : graph.Ticks[outgoing[o++]];
            first = Math.Min(first, t);
            if (previous >= 0)
            {
                scratch.Add(t - previous);
                longest = Math.Max(longest, t - previous);
            }

            previous = t;
        }

        if (scratch.Count > 1)
        {
            var mean = scratch.Average();
            var sd = Math.Sqrt(scratch.Sum(g => (g - mean) * (g - mean)) / scratch.Count);
            row[3] = mean + sd == 0 ? 0f : (float)((sd - mean) / (sd + mean));
        }

        row[4] = MathF.Log(1 + (longest / (float)TimeSpan.TicksPerDay));
        row[5] = first == long.MaxValue ? 0f : MathF.Log(1 + ((end - first) / (float)TimeSpan.TicksPerDay));
    }

}
