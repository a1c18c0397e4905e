using Afpakken.Engine.Features;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Features;

public class AccountFeaturesTests
{
    private static float Feature(AccountFeatures features, FlowGraph graph, string account, string name) =>
        features.Of(Array.IndexOf(graph.Accounts, account))[AccountFeatures.Names.ToList().IndexOf(name)];

    [Fact]
    public void The_vector_is_versioned_and_every_column_has_a_name()
    {
        Assert.Equal(2, AccountFeatures.Version);
        Assert.Equal(AccountFeatures.WidthConst, AccountFeatures.Names.Count);
        Assert.Equal(AccountFeatures.Names.Count, AccountFeatures.Names.Distinct().Count());
    }

    [Fact]
    public void Rolling_peaks_dwell_thresholds_and_round_amounts_by_hand()
    {
        var graph = new FlowGraphBuilder()
            .Transfer("A", "HUB", 1_000m, Some.Day(0, 8))
            .Transfer("B", "HUB", 2_000m, Some.Day(0, 10))
            .Transfer("A", "HUB", 500m, Some.Day(0, 20))
            .Transfer("CASH", "HUB", 9_500m, Some.Day(3), "cash_deposit")
            .Transfer("CASH", "HUB", 4_321m, Some.Day(4), "cash_deposit")
            .Transfer("HUB", "C", 12_000m, Some.Day(0, 12))
            .Build();

        var features = AccountFeatures.Compute(graph);

        Assert.Equal(MathF.Log(1 + 3), Feature(features, graph, "HUB", "log_max_in_count_1d"));
        Assert.Equal(MathF.Log(1 + 13_821f), Feature(features, graph, "HUB", "log_max_in_amount_1d")); // 9,500 + 4,321 exactly 24 h apart
        Assert.Equal(MathF.Log(1 + 2), Feature(features, graph, "HUB", "log_max_new_senders_1d"));
        Assert.Equal(MathF.Log(1 + 5), Feature(features, graph, "HUB", "log_max_in_count_30d"));
        Assert.Equal(0.5f, Feature(features, graph, "HUB", "near_threshold_cash_share"));
        Assert.Equal(5f / 6, Feature(features, graph, "HUB", "round_amount_share"), 5);
        Assert.Equal(MathF.Log(1 + 3f), Feature(features, graph, "HUB", "log_median_dwell_hours")); // 8→12 h and 10→12 h: 4 and 2 hours
    }
}
