using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Crypto off-ramp: payouts from wallets or exchanges into one account, far above its usual income, taken out in
/// cash within a day (domain.md §3).
/// </summary>
public sealed class CryptoOffRampDetector(OffRampOptions options) : IDetector
{
    public string Typology => Typologies.CryptoOffRamp;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        var crypto = Array.IndexOf(graph.ChannelNames, Channels.Crypto);
        var cashOut = Array.IndexOf(graph.ChannelNames, Channels.CashWithdrawal);
        if (crypto < 0 || cashOut < 0)
        {
            return [];
        }

        var alerts = new List<Alert>();
        for (var a = 0; a < graph.AccountCount; a++)
        {
            var incoming = graph.IncomingOf(a);
            var payouts = new List<int>();
            var monthly = new Dictionary<long, long>();
            foreach (var e in incoming)
            {
                if (graph.Channel[e] == crypto)
                {
                    payouts.Add(e);
                }
                else
                {
                    var month = graph.Ticks[e] / (TimeSpan.TicksPerDay * 30);
                    monthly[month] = monthly.GetValueOrDefault(month) + graph.Cents[e];
                }
            }

            if (payouts.Count == 0)
            {
                continue;
            }

            var income = Statistics.Median(monthly.Values.Select(v => (double)v));
            var i = 0;
            while (i < payouts.Count)
            {
                var start = graph.Ticks[payouts[i]];
                var run = payouts.Skip(i).TakeWhile(e => graph.Ticks[e] - start <= options.CryptoWindow.Ticks).ToList();
                i += run.Count;
                if (Evaluate(graph, a, run, cashOut, income) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        return alerts;
    }

    private Alert? Evaluate(FlowGraph graph, int account, List<int> payouts, int cashOut, double income)
    {
        var inCents = payouts.Sum(e => graph.Cents[e]);
        if (inCents < FlowGraphBuilder.ToCents(options.MinCrypto) || inCents < options.IncomeFactor * income)
        {
            return null;
        }

        var from = graph.Ticks[payouts[0]];
        var until = graph.Ticks[payouts[^1]] + options.CashOutWithin.Ticks;
        var withdrawals = new List<int>();
        foreach (var e in graph.OutgoingOf(account))
        {
            if (graph.Channel[e] == cashOut && graph.Ticks[e] >= from && graph.Ticks[e] <= until)
            {
                withdrawals.Add(e);
            }
        }

        var outCents = withdrawals.Sum(e => graph.Cents[e]);
        if (outCents < inCents * options.MinCashOutShare)
        {
            return null;
        }

        var focus = graph.Accounts[account];
        var edges = payouts.Concat(withdrawals).Order().ToArray();
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var sources = payouts.Select(e => graph.Source[e]).Distinct().Select(s => graph.Accounts[s]).Order(StringComparer.Ordinal).ToList();
        var ratio = income <= 0 ? double.PositiveInfinity : inCents / income;
        var z = Math.Log((double)inCents / FlowGraphBuilder.ToCents(options.MinCrypto)) / 3 + (double)outCents / inCents - options.MinCashOutShare;
        var score = AlertScore.FromEvidence(z);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{payouts.Count} crypto payouts from {sources.Count} sources brought {Format.Money(inCents / 100m)} into {focus} " +
            $"({(double.IsInfinity(ratio) ? "no other income" : $"{ratio:0.#}× its usual monthly inflow")}); {Format.Money(outCents / 100m)} was withdrawn in cash within 24 h; " +
            $"transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, txIds[0]), Typology, nameof(CryptoOffRampDetector), score, focus,
            [focus, .. sources], txIds, inCents / 100m, graph.TimeOf(edges[0]), graph.TimeOf(edges[^1]), sentence);
    }

}
