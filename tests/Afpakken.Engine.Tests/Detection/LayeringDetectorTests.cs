using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class LayeringDetectorTests
{
    private static readonly LayeringOptions Options = new();

    [Fact]
    public void A_source_split_over_four_intermediaries_that_rejoin_at_one_target_is_scatter_gather()
    {
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 4; i++)
        {
            graph.Transfer("SOURCE", $"MID{i}", 20_000m, Some.Day(0, 9 + i), txId: $"s{i}")
                 .Transfer($"MID{i}", "TARGET", 19_500m, Some.Day(3, 9 + i), txId: $"j{i}");
        }

        var alert = Assert.Single(new ScatterGatherDetector(Options).Detect(graph.Build()));

        Assert.Equal(("scatter_gather", "SOURCE", 80_000m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(["s0", "s1", "s2", "s3", "j0", "j1", "j2", "j3"], alert.TxIds);
        Assert.Equal(["SOURCE", "MID0", "MID1", "MID2", "MID3", "TARGET"], alert.Accounts);
        Assert.Contains("SOURCE split €80,000.00 over 4 intermediaries (MID0, MID1, MID2, MID3) that passed €78,000.00 on to TARGET", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Salaries_partly_spent_at_the_same_landlord_are_not_scatter_gather()
    {
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 10; i++)
        {
            graph.Transfer("EMPLOYER", $"EMP{i}", 3_000m, Some.Day(0))
                 .Transfer($"EMP{i}", "HOUSING", 1_100m, Some.Day(2));
        }

        Assert.Empty(new ScatterGatherDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Two_intermediaries_or_a_slow_rejoin_are_near_misses()
    {
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 4; i++)
        {
            graph.Transfer("SOURCE", $"MID{i}", 20_000m, Some.Day(0))
                 .Transfer($"MID{i}", "TARGET", 19_500m, Some.Day(i < 2 ? 3 : 30));
        }

        Assert.Empty(new ScatterGatherDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Several_sources_into_a_hub_paid_out_to_several_targets_is_gather_scatter()
    {
        var graph = new FlowGraphBuilder()
            .Transfer("EMPLOYER", "HUB", 2_000m, Some.Day(-60));
        for (var i = 0; i < 4; i++)
        {
            graph.Transfer($"IN{i}", "HUB", 10_000m, Some.Day(1, 9 + i), txId: $"g{i}");
        }

        for (var i = 0; i < 5; i++)
        {
            graph.Transfer("HUB", $"OUT{i}", 7_800m, Some.Day(4, 9 + i), txId: $"x{i}");
        }

        var alert = Assert.Single(new GatherScatterDetector(Options).Detect(graph.Build()));

        Assert.Equal(("gather_scatter", "HUB", 40_000m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(9, alert.TxIds.Count);
        Assert.Contains("4 sources paid €40,000.00 into HUB, which paid €39,000.00 on to 5 targets", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trading_business_with_steady_customers_and_suppliers_is_not_gather_scatter()
    {
        var graph = new FlowGraphBuilder();
        for (var day = 0; day < 60; day++)
        {
            graph.Transfer($"CUSTOMER{day % 6}", "TRADER", 10_000m, Some.Day(day, 10))
                 .Transfer("TRADER", $"SUPPLIER{day % 4}", 9_000m, Some.Day(day, 15));
        }

        for (var i = 0; i < 3; i++)
        {
            graph.Transfer($"ONEOFF{i}", "TRADER", 3_000m, Some.Day(20, 9 + i))
                 .Transfer("TRADER", $"PAYEE{i}", 2_900m, Some.Day(21, 9 + i));
        }

        Assert.Empty(new GatherScatterDetector(Options).Detect(graph.Build()));
    }
}
