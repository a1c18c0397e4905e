using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class MirrorFlowDetectorTests
{
    private static readonly MirrorFlowOptions Options = new();

    /// <summary>22 diaspora senders pay €300 each into the banker over three weeks.</summary>
    private static FlowGraphBuilder Collection(int senders = 22, string channel = "wire")
    {
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < senders; i++)
        {
            graph.Transfer($"SENDER{i:00}", "BANKER", 300m, Some.Day(i, 10), channel, $"c{i:00}");
        }

        return graph;
    }

    [Fact]
    public void A_collection_paid_out_in_full_to_an_unlinked_cluster_is_a_mirror_settlement()
    {
        var graph = Collection()
            .Transfer("BANKER", "FRONT", 2_200m, Some.Day(8), txId: "p1")
            .Transfer("BANKER", "SHELL", 2_200m, Some.Day(16), txId: "p2")
            .Transfer("BANKER", "FRONT", 2_100m, Some.Day(23), txId: "p3");

        var alert = Assert.Single(new MirrorFlowDetector(Options).Detect(graph.Build()));

        Assert.Equal(("underground_banking", "BANKER", 6_600m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(25, alert.TxIds.Count);
        Assert.Contains("p3", alert.TxIds);
        Assert.Equal(25, alert.Accounts.Count);
        Assert.Contains("22 senders paid 22 small credits (median €300.00, €6,600.00 in all) into BANKER, which paid €6,500.00 to 2 recipients with no link to the senders (net 1.5 %)",
            alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Payees_that_deal_with_the_senders_are_one_network_not_a_mirror()
    {
        var graph = Collection()
            .Transfer("BANKER", "FRONT", 3_300m, Some.Day(10))
            .Transfer("BANKER", "SHOP", 3_300m, Some.Day(20))
            .Transfer("SENDER03", "SHOP", 45m, Some.Day(40), "card");

        Assert.Empty(new MirrorFlowDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Half_paid_out_too_few_senders_or_direct_debits_are_near_misses()
    {
        var half = Collection().Transfer("BANKER", "FRONT", 3_300m, Some.Day(20));
        var few = Collection(senders: 15).Transfer("BANKER", "FRONT", 4_500m, Some.Day(20));
        var bills = Collection(channel: "ach").Transfer("BANKER", "SUPPLIER", 6_600m, Some.Day(20));

        Assert.Empty(new MirrorFlowDetector(Options).Detect(half.Build()));
        Assert.Empty(new MirrorFlowDetector(Options).Detect(few.Build()));
        Assert.Empty(new MirrorFlowDetector(Options).Detect(bills.Build()));
    }

    [Fact]
    public void A_banker_account_that_also_lives_a_life_of_its_own_is_not_a_settlement_account()
    {
        var graph = Collection()
            .Transfer("BANKER", "FRONT", 6_600m, Some.Day(22))
            // Cash taken out for itself: neither a payout to a client nor a credit, only flows of its own.
            .Transfer("BANKER", "CASH", 4_000m, Some.Day(6), "cash_withdrawal");

        Assert.Empty(new MirrorFlowDetector(Options).Detect(graph.Build()));
    }
}
