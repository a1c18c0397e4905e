using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class BipartiteLayeringDetectorTests
{
    private static readonly StackLayeringOptions Options = new();

    [Fact]
    public void Two_shells_paying_three_mules_that_pay_two_more_that_pay_two_companies_is_stack_layering()
    {
        string[][] layers = [["S1", "S2"], ["A1", "A2", "A3"], ["B1", "B2"], ["T1", "T2"]];
        var graph = new FlowGraphBuilder();
        foreach (var s in layers[0])
        {
            foreach (var a in layers[1])
            {
                graph.Transfer(s, a, 6_000m, Some.Day(0, 9), txId: $"{s}>{a}");
            }
        }

        foreach (var a in layers[1])
        {
            foreach (var b in layers[2])
            {
                graph.Transfer(a, b, 5_900m, Some.Day(1, 10), txId: $"{a}>{b}");
            }
        }

        foreach (var b in layers[2])
        {
            foreach (var t in layers[3])
            {
                graph.Transfer(b, t, 8_700m, Some.Day(2, 11), txId: $"{b}>{t}");
            }
        }

        var alert = Assert.Single(new BipartiteLayeringDetector(Options).Detect(graph.Build()));

        Assert.Equal(("bipartite_layering", 36_000m), (alert.Typology, alert.TotalAmount));
        Assert.Contains(alert.FocusAccount, layers[0]);
        Assert.Equal(layers.SelectMany(l => l).Order(StringComparer.Ordinal), alert.Accounts.Order(StringComparer.Ordinal));
        Assert.Equal(6 + 6 + 4, alert.TxIds.Count);
        Assert.Contains("2 accounts paid €36,000.00 into layers of accounts that paid each other on, sets paying sets (2 → 3 → 2 → 2 accounts, 3 many-to-many layers), within 2.1 days",
            alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("S1>A1", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void One_layer_of_relays_between_two_sets_is_the_smallest_stack()
    {
        var graph = new FlowGraphBuilder();
        foreach (var s in new[] { "S1", "S2" })
        {
            graph.Transfer(s, "A1", 4_000m, Some.Day(0)).Transfer(s, "A2", 4_000m, Some.Day(0));
        }

        foreach (var a in new[] { "A1", "A2" })
        {
            graph.Transfer(a, "T1", 3_900m, Some.Day(1)).Transfer(a, "T2", 3_900m, Some.Day(1));
        }

        var alert = Assert.Single(new BipartiteLayeringDetector(Options).Detect(graph.Build()));
        Assert.Equal(6, alert.Accounts.Count);
    }

    [Fact]
    public void Parallel_chains_are_not_sets_paying_sets()
    {
        // Each relay has one sender and one recipient: two scatter-gather legs, no many-to-many layer.
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 3; i++)
        {
            graph.Transfer("SOURCE", $"A{i}", 6_000m, Some.Day(0))
                 .Transfer($"A{i}", $"B{i}", 5_900m, Some.Day(1))
                 .Transfer($"B{i}", "TARGET", 5_800m, Some.Day(2));
        }

        Assert.Empty(new BipartiteLayeringDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Relays_that_keep_the_money_or_pass_it_on_weeks_later_are_near_misses()
    {
        var graph = new FlowGraphBuilder();
        foreach (var s in new[] { "S1", "S2" })
        {
            foreach (var a in new[] { "KEEP1", "KEEP2", "SLOW1", "SLOW2" })
            {
                graph.Transfer(s, a, 4_000m, Some.Day(0));
            }
        }

        foreach (var t in new[] { "T1", "T2" })
        {
            // The keepers pass on a quarter, the slow ones everything but three weeks later.
            graph.Transfer("KEEP1", t, 1_000m, Some.Day(1)).Transfer("KEEP2", t, 1_000m, Some.Day(1))
                 .Transfer("SLOW1", t, 3_900m, Some.Day(21)).Transfer("SLOW2", t, 3_900m, Some.Day(21));
        }

        Assert.Empty(new BipartiteLayeringDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Households_paying_the_same_shops_from_their_salaries_are_not_relays()
    {
        // Two employers pay two partners, who spend it at the same two shops: many-to-many, but the accounts live
        // on these flows all month (rent, groceries before and after), so no episode dominates them.
        var graph = new FlowGraphBuilder();
        for (var month = 0; month < 3; month++)
        {
            foreach (var p in new[] { "PARTNER1", "PARTNER2" })
            {
                graph.Transfer("EMPLOYER1", p, 2_500m, Some.Day(month * 30))
                     .Transfer("EMPLOYER2", p, 2_500m, Some.Day(month * 30));
                foreach (var shop in new[] { "SHOP1", "SHOP2" })
                {
                    graph.Transfer(p, shop, 2_000m, Some.Day((month * 30) + 2));
                }

                for (var d = 5; d < 30; d += 5)
                {
                    graph.Transfer(p, "LANDLORD", 200m, Some.Day((month * 30) + d));
                }
            }
        }

        Assert.Empty(new BipartiteLayeringDetector(Options).Detect(graph.Build()));
    }
}
