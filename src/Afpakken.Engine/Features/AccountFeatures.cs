using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Features;

/// <summary>
/// Per-account aggregate features over the analysed window, one float column per feature (version 1).
/// Shared by the anomaly model; the rule detectors read the graph directly.
/// </summary>
public sealed class AccountFeatures
{
    public const int Version = 1;

    /// <summary>Names of the columns of <see cref="Matrix"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "log_in_count", "log_out_count", "log_distinct_senders", "log_distinct_recipients",
        "log_in_amount", "log_out_amount", "pass_through_ratio", "cash_share",
    ];

    private AccountFeatures(int accounts)
    {
        Matrix = new float[accounts * Names.Count];
        AccountCount = accounts;
    }

    public int AccountCount { get; }

    /// <summary>Row-major: account a's features are Matrix[a * Width .. (a + 1) * Width).</summary>
    public float[] Matrix { get; }

    public static int Width => Names.Count;

    public ReadOnlySpan<float> Of(int account) => Matrix.AsSpan(account * Width, Width);

    public static AccountFeatures Compute(FlowGraph graph)
    {
        var features = new AccountFeatures(graph.AccountCount);
        var cashChannels = new bool[graph.ChannelNames.Length];
        for (var c = 0; c < cashChannels.Length; c++)
        {
            cashChannels[c] = graph.ChannelNames[c] is Channels.CashDeposit or Channels.CashWithdrawal;
        }

        var seen = new DistinctCounter(graph.AccountCount);
        for (var a = 0; a < graph.AccountCount; a++)
        {
            var incoming = graph.IncomingOf(a);
            var outgoing = graph.OutgoingOf(a);
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

            var row = features.Matrix.AsSpan(a * Width, Width);
            row[0] = MathF.Log(1 + incoming.Length);
            row[1] = MathF.Log(1 + outgoing.Length);
            row[2] = MathF.Log(1 + senders);
            row[3] = MathF.Log(1 + seen.Count);
            row[4] = MathF.Log(1 + (inCents / 100f));
            row[5] = MathF.Log(1 + (outCents / 100f));
            row[6] = inCents == 0 ? 0f : (float)Math.Min(1.0, (double)outCents / inCents);
            row[7] = inCents + outCents == 0 ? 0f : (float)((double)cashCents / (inCents + outCents));
        }

        return features;
    }
}
