using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class CaseGrouperTests
{
    private static Alert Alert(string id, string typology, string focus, string[] accounts, string[] txs, int fromDay, int toDay, double score = 0.8) =>
        new(id, typology, "test", score, focus, accounts, txs, 1_000m, Some.Day(fromDay), Some.Day(toDay), "");

    [Fact]
    public void Alerts_sharing_transactions_or_an_overlapping_focus_are_one_case_and_a_shared_mule_is_a_facilitator()
    {
        Alert[] alerts =
        [
            Alert("a1", "fan_in", "HUB", ["HUB", "M1", "M2"], ["t1", "t2"], 1, 3),
            Alert("a2", "mule", "M1", ["M1", "HUB"], ["t1", "t9"], 1, 2),
            Alert("a3", "fan_out", "HUB", ["HUB", "R1"], ["t5"], 2, 4),
            Alert("b1", "structuring", "OTHER", ["OTHER", "M1"], ["t7"], 40, 45),
        ];

        var cases = CaseGrouper.Group(alerts);

        Assert.Equal(2, cases.Count);
        var big = cases.Single(c => c.AlertIds.Count == 3);
        Assert.Equal(["a1", "a2", "a3"], big.AlertIds);
        Assert.Equal(["fan_in", "fan_out", "mule"], big.Typologies);
        Assert.Equal(1 - (0.2 * 0.2 * 0.2), big.Score, 12);
        var facilitator = Assert.Single(CaseGrouper.Facilitators(cases, alerts));
        Assert.Equal(("M1", 2), (facilitator.Account, facilitator.Cases));
        Assert.Equal(["fan_in", "fan_out", "mule", "structuring"], facilitator.Typologies);
    }

    [Fact]
    public void The_same_focus_in_periods_that_do_not_overlap_is_two_cases()
    {
        var cases = CaseGrouper.Group(
        [
            Alert("a1", "fan_in", "HUB", ["HUB"], ["t1"], 1, 3),
            Alert("a2", "fan_in", "HUB", ["HUB"], ["t2"], 60, 62),
        ]);

        Assert.Equal(2, cases.Count);
    }

    /// <summary>Three separate operations (a hub and its two mules each), and ordinary trade around them.</summary>
    private static (FlowGraph Graph, Alert[] Alerts) ThreeOperations(FlowGraphBuilder graph)
    {
        var alerts = new Alert[3];
        for (var op = 0; op < 3; op++)
        {
            graph.Transfer($"M{op}a", $"HUB{op}", 5_000m, Some.Day(op * 40), txId: $"t{op}a")
                 .Transfer($"M{op}b", $"HUB{op}", 5_000m, Some.Day(op * 40), txId: $"t{op}b");
            alerts[op] = Alert($"a{op}", "fan_in", $"HUB{op}", [$"HUB{op}", $"M{op}a", $"M{op}b"], [$"t{op}a", $"t{op}b"], op * 40, op * 40);
        }

        // 200 ordinary people shop at the supermarket, and so do a mule of each operation.
        for (var i = 0; i < 200; i++)
        {
            graph.Transfer($"P{i}", "SUPERMARKET", 30m, Some.Day(i % 100));
        }

        return (graph.Transfer("M0a", "SUPERMARKET", 30m, Some.Day(5)).Transfer("M1a", "SUPERMARKET", 30m, Some.Day(50)).Build(), alerts);
    }

    [Fact]
    public void An_account_that_pays_the_hubs_of_separate_operations_is_a_broker_and_a_busy_shop_is_not()
    {
        var builder = new FlowGraphBuilder()
            .Transfer("BROKER", "HUB0", 1_000m, Some.Day(1)).Transfer("BROKER", "HUB1", 1_000m, Some.Day(41)).Transfer("BROKER", "HUB2", 1_000m, Some.Day(81));
        var (graph, alerts) = ThreeOperations(builder);
        var cases = CaseGrouper.Group(alerts);

        var facilitators = CaseGrouper.Facilitators(cases, alerts, graph, new Dictionary<string, string> { ["BROKER"] = "P-BROKER" });

        var broker = Assert.Single(facilitators);
        Assert.Equal(("BROKER", FacilitatorRoles.Broker, 3, "P-BROKER"), (broker.Account, broker.Role, broker.Cases, broker.Party));
        Assert.Equal((3, 3), (broker.FlaggedCounterparties, broker.Counterparties));
        Assert.Equal(1.0, broker.Brokerage);
        Assert.Equal(3, broker.CaseIds.Count);
        Assert.InRange(broker.Score, 0.8, 1.0);
    }

    [Fact]
    public void A_notary_serving_separate_operations_far_more_than_its_peers_is_a_gatekeeper_hub()
    {
        var builder = new FlowGraphBuilder()
            .Transfer("M0b", "NOTARY", 250_000m, Some.Day(2)).Transfer("M1b", "NOTARY", 250_000m, Some.Day(42))
            .Transfer("M2b", "NOTARY", 250_000m, Some.Day(82)).Transfer("M2a", "NOTARY2", 250_000m, Some.Day(82));
        foreach (var notary in new[] { "NOTARY2", "NOTARY3", "NOTARY4" })
        {
            builder.Transfer("P1", notary, 300_000m, Some.Day(10)).Transfer(notary, "P2", 300_000m, Some.Day(11));
        }

        var (graph, alerts) = ThreeOperations(builder);
        graph.MarkGatekeepers(["NOTARY", "NOTARY2", "NOTARY3", "NOTARY4"]);

        var facilitators = CaseGrouper.Facilitators(CaseGrouper.Group(alerts), alerts, graph);

        var hub = Assert.Single(facilitators);
        Assert.Equal(("NOTARY", FacilitatorRoles.Gatekeeper, 3), (hub.Account, hub.Role, hub.Cases));
    }
}
