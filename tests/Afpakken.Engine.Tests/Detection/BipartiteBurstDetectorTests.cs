using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

/// <summary>Single-hop bipartite layering: sets paying sets with no relay, and the everyday look-alikes it must leave alone.</summary>
public class BipartiteBurstDetectorTests
{
    private static readonly BipartiteBurstOptions Options = new();

    /// <summary>Every source pays every target once, on days 0–3, amount <paramref name="amount"/>.</summary>
    private static FlowGraphBuilder Complete(FlowGraphBuilder graph, string[] sources, string[] targets, decimal amount, int firstDay = 0)
    {
        for (var i = 0; i < sources.Length; i++)
        {
            for (var j = 0; j < targets.Length; j++)
            {
                graph.Transfer(sources[i], targets[j], amount, Some.Day(firstDay + ((i + j) % 4), 10 + j), txId: $"{sources[i]}>{targets[j]}");
            }
        }

        return graph;
    }

    [Fact]
    public void Three_accounts_each_paying_the_same_two_in_days_is_one_hop_bipartite_layering()
    {
        string[] sources = ["S1", "S2", "S3"], targets = ["T1", "T2"];
        var graph = Complete(new FlowGraphBuilder(), sources, targets, 4_900m).Build();

        var alert = Assert.Single(new BipartiteBurstDetector(Options).Detect(graph));

        Assert.Equal(("bipartite_layering", nameof(BipartiteBurstDetector), 29_400m), (alert.Typology, alert.Detector, alert.TotalAmount));
        Assert.Equal(sources.Concat(targets).Order(StringComparer.Ordinal), alert.Accounts.Order(StringComparer.Ordinal));
        Assert.Equal(6, alert.TxIds.Count);
        Assert.Contains("3 accounts each paid all of the same 2 accounts, 6 payments of €29,400.00 in all within 3", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("S1>T1", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_larger_set_is_found_whole_and_once()
    {
        string[] sources = ["S1", "S2", "S3", "S4"], targets = ["T1", "T2", "T3"];
        var graph = Complete(new FlowGraphBuilder(), sources, targets, 2_500m).Build();

        var alert = Assert.Single(new BipartiteBurstDetector(Options).Detect(graph));

        Assert.Equal(12, alert.TxIds.Count);
        Assert.Equal(7, alert.Accounts.Count);
    }

    [Fact]
    public void Two_paying_two_is_too_small()
    {
        var graph = Complete(new FlowGraphBuilder(), ["S1", "S2"], ["T1", "T2"], 9_000m).Build();

        Assert.Empty(new BipartiteBurstDetector(Options).Detect(graph));
    }

    [Fact]
    public void The_same_payments_every_month_are_standing_orders_not_a_burst()
    {
        // Three flatmates paying the same landlord and the same energy company, month after month.
        var graph = new FlowGraphBuilder();
        for (var month = 0; month < 4; month++)
        {
            Complete(graph, ["F1", "F2", "F3"], ["Landlord", "Energy"], 2_000m, firstDay: month * 30);
        }

        Assert.Empty(new BipartiteBurstDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Payers_whose_other_flows_outweigh_the_structure_are_left_alone()
    {
        // Three companies paying the same two suppliers once, among far larger business of their own.
        var graph = Complete(new FlowGraphBuilder(), ["C1", "C2", "C3"], ["Sup1", "Sup2"], 2_000m);
        foreach (var c in new[] { "C1", "C2", "C3" })
        {
            graph.Transfer(c, "Payroll-" + c, 50_000m, Some.Day(2));
        }

        Assert.Empty(new BipartiteBurstDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void A_busy_payee_is_a_hub_not_a_member()
    {
        // Three people paying the same two web shops, each paid by some 250 others (more transactions than a member has).
        var graph = Complete(new FlowGraphBuilder(), ["P1", "P2", "P3"], ["Shop1", "Shop2"], 3_000m);
        for (var k = 0; k < 500; k++)
        {
            graph.Transfer($"Buyer{k}", k % 2 == 0 ? "Shop1" : "Shop2", 40m, Some.Day(k % 20));
        }

        Assert.Empty(new BipartiteBurstDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Small_amounts_are_below_the_floor()
    {
        var graph = Complete(new FlowGraphBuilder(), ["S1", "S2", "S3"], ["T1", "T2"], 50m).Build();

        Assert.Empty(new BipartiteBurstDetector(Options).Detect(graph));
    }

    [Fact]
    public void The_typologys_detector_reports_a_one_hop_set_but_not_again_as_a_layer_of_a_stack()
    {
        var detector = new BipartiteLayeringDetector(new StackLayeringOptions(), Options);

        // One hop: reported by the bipartite layering detector too.
        var oneHop = Complete(new FlowGraphBuilder(), ["S1", "S2", "S3"], ["T1", "T2"], 4_900m).Build();
        Assert.Equal(nameof(BipartiteBurstDetector), Assert.Single(detector.Detect(oneHop)).Detector);

        // A stack whose first layer is three accounts paying the same three relays: one alert, the stack's.
        var stack = Complete(new FlowGraphBuilder(), ["S1", "S2", "S3"], ["A1", "A2", "A3"], 6_000m);
        foreach (var a in new[] { "A1", "A2", "A3" })
        {
            foreach (var b in new[] { "B1", "B2" })
            {
                stack.Transfer(a, b, 8_900m, Some.Day(4, 9), txId: $"{a}>{b}");
            }
        }

        foreach (var b in new[] { "B1", "B2" })
        {
            foreach (var t in new[] { "T1", "T2" })
            {
                stack.Transfer(b, t, 13_300m, Some.Day(5, 9), txId: $"{b}>{t}");
            }
        }

        var graph = stack.Build();
        Assert.NotEmpty(new BipartiteBurstDetector(Options).Detect(graph));
        Assert.Equal(nameof(BipartiteLayeringDetector), Assert.Single(detector.Detect(graph)).Detector);
    }
}
