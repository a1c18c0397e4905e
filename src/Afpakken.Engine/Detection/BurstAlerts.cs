using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>Turns a counterparty burst into an explained, scored alert with a stable id.</summary>
internal static class BurstAlerts
{
    public static Alert ToAlert(FlowGraph graph, Burst burst, string typology, string detector, FanDetectionOptions options, bool incoming)
    {
        var edges = burst.Edges;
        var first = graph.TimeOf(edges[0]);
        var last = graph.TimeOf(edges[^1]);
        var focus = graph.Accounts[burst.Account];
        var counterparties = edges.Select(e => incoming ? graph.Source[e] : graph.Target[e]).Distinct().Select(c => graph.Accounts[c]).Order(StringComparer.Ordinal);
        var txIds = edges.Select(e => graph.TxIds[e]).ToArray();
        var total = burst.Cents / 100m;
        var burstRatio = burst.Counterparties / Math.Max(1.0, burst.BaselineWeekly);
        var amountRatio = burst.Cents / Math.Max((double)(options.MinTotal * 100m), burst.BaselineMonthlyCents);
        var z = Math.Log((double)burst.Counterparties / options.MinCounterparties)
                + (0.5 * Math.Log(burstRatio / options.BurstFactor))
                + (0.5 * Math.Log(Math.Max(1.0, amountRatio / Math.Max(1.0, options.AmountFactor))));
        var score = AlertScore.FromEvidence(z);

        var hours = (last - first).TotalHours;
        var duration = hours < 48
            ? string.Create(CultureInfo.InvariantCulture, $"{hours:0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{hours / 24:0.#} days");
        var linked = Linked(graph, burst, options, incoming);
        var linkedCents = linked.Sum(e => graph.Cents[e]);
        var linkedAccounts = linked.Select(e => incoming ? graph.Target[e] : graph.Source[e]).Where(a => a != graph.CashAccount)
            .Distinct().Select(a => graph.Accounts[a]).Order(StringComparer.Ordinal).ToList();
        var allEdges = edges.Concat(linked).Order().ToArray();
        var allTxIds = allEdges.Select(e => graph.TxIds[e]).ToArray();
        var shown = Format.TxIds(allTxIds);
        var onward = linked.Count == 0
            ? ""
            : incoming
                ? string.Create(CultureInfo.InvariantCulture, $", then {Format.Money(linkedCents / 100m)} out to {linkedAccounts.Count} account(s) within {(graph.TimeOf(linked[^1]) - last).TotalHours:0} h")
                : string.Create(CultureInfo.InvariantCulture, $", funded by {Format.Money(linkedCents / 100m)} from {linkedAccounts.Count} account(s) in the {(first - graph.TimeOf(linked[0])).TotalHours:0} h before");
        var sentence = incoming
            ? string.Create(CultureInfo.InvariantCulture, $"{burst.Counterparties} one-off senders paid {Format.Money(total)} into {focus} in {duration} ({first:yyyy-MM-dd HH:mm} – {last:yyyy-MM-dd HH:mm} UTC), {burstRatio:0.#}× its usual weekly counterparties{onward}; transactions {shown}.")
            : string.Create(CultureInfo.InvariantCulture, $"{focus} paid {Format.Money(total)} to {burst.Counterparties} one-off recipients in {duration} ({first:yyyy-MM-dd HH:mm} – {last:yyyy-MM-dd HH:mm} UTC), {burstRatio:0.#}× its usual weekly counterparties{onward}; transactions {shown}.");

        return new Alert(
            StableId(typology, focus, txIds[0]), typology, detector, score, focus,
            [focus, .. counterparties, .. linkedAccounts.Where(a => a != focus)], allTxIds, total,
            graph.TimeOf(allEdges[0]), graph.TimeOf(allEdges[^1]), sentence);
    }

    /// <summary>
    /// The other leg of the funnel: what a fan-in hub paid out in the week after the burst, or what funded a fan-out
    /// in the week before it — included when it moved at least half of the burst's amount.
    /// </summary>
    private static List<int> Linked(FlowGraph graph, Burst burst, FanDetectionOptions options, bool incoming)
    {
        var burstEdges = burst.Edges.ToHashSet();
        var from = incoming ? graph.Ticks[burst.Edges[0]] : graph.Ticks[burst.Edges[0]] - options.LinkedLeg.Ticks;
        var to = incoming ? graph.Ticks[burst.Edges[^1]] + options.LinkedLeg.Ticks : graph.Ticks[burst.Edges[^1]];
        var leg = new List<int>();
        foreach (var e in incoming ? graph.OutgoingOf(burst.Account) : graph.IncomingOf(burst.Account))
        {
            if (!burstEdges.Contains(e) && graph.Ticks[e] >= from && graph.Ticks[e] <= to)
            {
                leg.Add(e);
            }
        }

        return leg.Sum(e => graph.Cents[e]) * 2 >= burst.Cents ? leg : [];
    }

    /// <summary>The same operation found again gets the same id: typology, focus account and first transaction.</summary>
    internal static string StableId(string typology, string focus, string firstTxId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{typology}\n{focus}\n{firstTxId}"));
        return $"{typology}-{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }
}
