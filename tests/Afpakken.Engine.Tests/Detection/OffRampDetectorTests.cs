using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class OffRampDetectorTests
{
    private static readonly OffRampOptions Options = new();

    private static FlowGraphBuilder Salary(FlowGraphBuilder graph, string account)
    {
        for (var m = 0; m < 4; m++)
        {
            graph.Transfer("EMPLOYER", account, 2_200m, Some.Day(m * 30));
        }

        return graph;
    }

    [Fact]
    public void Exchange_payouts_far_above_income_withdrawn_in_cash_the_same_day_are_an_off_ramp()
    {
        var graph = Salary(new FlowGraphBuilder(), "PERSON")
            .Transfer("EXCHANGE1", "PERSON", 9_000m, Some.Day(50, 9), "crypto", "p1")
            .Transfer("EXCHANGE2", "PERSON", 8_000m, Some.Day(51, 9), "crypto", "p2")
            .Transfer("PERSON", "CASH", 9_000m, Some.Day(50, 15), "cash_withdrawal", "w1")
            .Transfer("PERSON", "CASH", 7_500m, Some.Day(51, 16), "cash_withdrawal", "w2");

        var alert = Assert.Single(new CryptoOffRampDetector(Options).Detect(graph.Build()));

        Assert.Equal(("crypto_off_ramp", "PERSON", 17_000m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(["p1", "w1", "p2", "w2"], alert.TxIds);
        Assert.Contains("2 crypto payouts from 2 sources brought €17,000.00 into PERSON (7.7× its usual monthly inflow); €16,500.00 was withdrawn in cash", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Crypto_gains_that_stay_in_the_account_are_a_near_miss()
    {
        var graph = Salary(new FlowGraphBuilder(), "INVESTOR")
            .Transfer("EXCHANGE1", "INVESTOR", 20_000m, Some.Day(50), "crypto")
            .Transfer("INVESTOR", "CASH", 500m, Some.Day(50, 15), "cash_withdrawal");

        Assert.Empty(new CryptoOffRampDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Many_small_diaspora_credits_remitted_in_two_lumps_are_underground_banking()
    {
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 25; i++)
        {
            graph.Transfer($"SENDER{i}", "COLLECTOR", 400m + (i * 10), Some.Day(i % 20, 10));
        }

        graph.Transfer("COLLECTOR", "REMITTER", 7_000m, Some.Day(20))
             .Transfer("COLLECTOR", "REMITTER", 6_500m, Some.Day(25));

        var alert = Assert.Single(new UndergroundBankingDetector(Options).Detect(graph.Build()));

        Assert.Equal(("underground_banking", "COLLECTOR"), (alert.Typology, alert.FocusAccount));
        Assert.Equal(27, alert.TxIds.Count);
        Assert.Contains("25 senders paid 25 small credits (median €520.00, €13,000.00 in all) into COLLECTOR within 30 days, remitted in 2 transfers of €13,500.00", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_landlord_collecting_rent_that_stays_is_not_underground_banking()
    {
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 25; i++)
        {
            graph.Transfer($"TENANT{i}", "LANDLORD", 800m, Some.Day(1, 8 + (i % 10)));
        }

        graph.Transfer("LANDLORD", "PLUMBER", 600m, Some.Day(10));

        Assert.Empty(new UndergroundBankingDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void A_business_collecting_direct_debits_and_paying_its_supplier_is_not_underground_banking()
    {
        // The shape of the positive case above, but the credits are direct-debit collections (a billing channel).
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 25; i++)
        {
            graph.Transfer($"CUSTOMER{i}", "COLLECTOR", 400m + (i * 10), Some.Day(i % 20, 10), "ach");
        }

        graph.Transfer("COLLECTOR", "REMITTER", 7_000m, Some.Day(20))
             .Transfer("COLLECTOR", "REMITTER", 6_500m, Some.Day(25));

        Assert.Empty(new UndergroundBankingDetector(Options).Detect(graph.Build()));
    }
}
