using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class FanDetectorTests
{
    private static readonly FanDetectionOptions Options = new();

    /// <summary>An account with an ordinary life: a monthly salary in, rent and groceries out.</summary>
    private static FlowGraphBuilder OrdinaryLife(FlowGraphBuilder graph, string account, int months = 6)
    {
        for (var m = 0; m < months; m++)
        {
            graph.Transfer("EMPLOYER", account, 3_100m, Some.Day(m * 30))
                 .Transfer(account, "LANDLORD", 1_200m, Some.Day((m * 30) + 1))
                 .Transfer(account, "GROCER", 85m, Some.Day((m * 30) + 5));
        }

        return graph;
    }

    [Fact]
    public void Six_one_off_senders_in_three_days_into_a_quiet_account_raise_one_fan_in_alert_naming_their_transactions()
    {
        var graph = OrdinaryLife(new FlowGraphBuilder(), "HUB");
        for (var i = 0; i < 6; i++)
        {
            graph.Transfer($"MULE{i}", "HUB", 4_000m + i, Some.Day(40, 9 + (i * 8)), txId: $"F{i}");
        }

        var alert = Assert.Single(new FanInDetector(Options).Detect(graph.Build()));

        Assert.Equal(("fan_in", "HUB"), (alert.Typology, alert.FocusAccount));
        Assert.Equal(["F0", "F1", "F2", "F3", "F4", "F5"], alert.TxIds);
        Assert.Equal(24_015m, alert.TotalAmount);
        Assert.Equal(7, alert.Accounts.Count);
        Assert.InRange(alert.Score, 0.5, 1.0);
        Assert.Contains("6 one-off senders paid €24,015.00 into HUB", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("F0, F1, F2", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notary_third_party_account_known_from_the_account_files_is_a_gatekeeper_not_a_funnel()
    {
        FlowGraph World()
        {
            var graph = OrdinaryLife(new FlowGraphBuilder(), "NOTARY");
            for (var i = 0; i < 6; i++)
            {
                graph.Transfer($"BUYER{i}", "NOTARY", 90_000m, Some.Day(40, 9 + i));
            }

            return graph.Build();
        }

        var unknown = World();
        var known = World();
        Assert.Equal(1, known.MarkGatekeepers(["NOTARY", "NOT-IN-THE-GRAPH"]));

        Assert.Single(new FanInDetector(Options).Detect(unknown));
        Assert.Empty(new FanInDetector(Options).Detect(known));
    }

    [Fact]
    public void A_funnel_names_where_the_money_went_next()
    {
        var graph = OrdinaryLife(new FlowGraphBuilder(), "HUB");
        for (var i = 0; i < 6; i++)
        {
            graph.Transfer($"MULE{i}", "HUB", 5_000m, Some.Day(40, 9 + i), txId: $"F{i}");
        }

        graph.Transfer("HUB", "ONWARD", 29_500m, Some.Day(41, 12), txId: "out");

        var alert = Assert.Single(new FanInDetector(Options).Detect(graph.Build()));

        Assert.Equal("out", alert.TxIds[^1]);
        Assert.Contains("ONWARD", alert.Accounts);
        Assert.Contains("then €29,500.00 out to 1 account(s) within 22 h", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Four_senders_are_a_near_miss()
    {
        var graph = OrdinaryLife(new FlowGraphBuilder(), "HUB");
        for (var i = 0; i < 4; i++)
        {
            graph.Transfer($"MULE{i}", "HUB", 4_000m, Some.Day(40, 9 + i));
        }

        Assert.Empty(new FanInDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Senders_spread_over_more_than_the_window_are_a_near_miss()
    {
        var graph = OrdinaryLife(new FlowGraphBuilder(), "HUB");
        for (var i = 0; i < 6; i++)
        {
            graph.Transfer($"MULE{i}", "HUB", 4_000m, Some.Day(40 + (i * 2)));
        }

        Assert.Empty(new FanInDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Small_gifts_from_six_relatives_in_a_birthday_week_do_not_fire()
    {
        var graph = OrdinaryLife(new FlowGraphBuilder(), "PERSON");
        for (var i = 0; i < 6; i++)
        {
            graph.Transfer($"AUNT{i}", "PERSON", 50m, Some.Day(70, 10 + i));
        }

        Assert.Empty(new FanInDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void A_busy_merchant_with_many_one_off_customers_every_week_does_not_fire()
    {
        var graph = new FlowGraphBuilder();
        var customer = 0;
        for (var day = 0; day < 120; day++)
        {
            for (var k = 0; k < 3; k++)
            {
                // Regulars come back every week; a few passers-by pay once.
                graph.Transfer($"REGULAR{k + (day % 7 * 3)}", "SHOP", 3_000m, Some.Day(day, 9 + k), "card");
            }

            graph.Transfer($"PASSERBY{customer++}", "SHOP", 3_000m, Some.Day(day, 15), "card");
        }

        Assert.Empty(new FanInDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Payroll_to_the_same_employees_every_month_is_no_fan_out_but_a_burst_to_one_off_recipients_is()
    {
        var graph = new FlowGraphBuilder();
        for (var m = 0; m < 6; m++)
        {
            for (var e = 0; e < 30; e++)
            {
                graph.Transfer("EMPLOYER", $"EMP{e}", 2_800m, Some.Day(m * 30, 8));
            }
        }

        graph.Transfer("CUSTOMER", "SOURCE", 90_000m, Some.Day(10));
        for (var i = 0; i < 8; i++)
        {
            graph.Transfer("SOURCE", $"DROP{i}", 9_000m, Some.Day(12, 8 + (i * 5)), txId: $"O{i}");
        }

        var alerts = new FanOutDetector(Options).Detect(graph.Build());

        var alert = Assert.Single(alerts);
        Assert.Equal(("fan_out", "SOURCE", 9), (alert.Typology, alert.FocusAccount, alert.TxIds.Count));
        Assert.Equal(72_000m, alert.TotalAmount);
        Assert.Contains("CUSTOMER", alert.Accounts);
        Assert.Contains("SOURCE paid €72,000.00 to 8 one-off recipients", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("funded by €90,000.00 from 1 account(s) in the 44 h before", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Cash_deposits_are_not_counterparties()
    {
        var graph = OrdinaryLife(new FlowGraphBuilder(), "HUB");
        for (var i = 0; i < 8; i++)
        {
            graph.Transfer("CASH", "HUB", 4_000m, Some.Day(40, 9 + i), "cash_deposit");
        }

        Assert.Empty(new FanInDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void The_same_operation_found_again_gets_the_same_alert_id()
    {
        FlowGraph World()
        {
            var graph = OrdinaryLife(new FlowGraphBuilder(), "HUB");
            for (var i = 0; i < 6; i++)
            {
                graph.Transfer($"MULE{i}", "HUB", 4_000m, Some.Day(40, 9 + i), txId: $"F{i}");
            }

            return graph.Build();
        }

        Assert.Equal(
            Assert.Single(new FanInDetector(Options).Detect(World())).AlertId,
            Assert.Single(new FanInDetector(Options).Detect(World())).AlertId);
    }
}
