using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class StructuringDetectorTests
{
    private static readonly StructuringOptions Options = new();

    [Fact]
    public void Four_cash_deposits_just_below_ten_thousand_in_nine_days_raise_one_alert()
    {
        var graph = new FlowGraphBuilder();
        decimal[] amounts = [9_500m, 9_800m, 9_000m, 9_850m];
        for (var i = 0; i < amounts.Length; i++)
        {
            graph.Transfer("CASH", "SMURFED", amounts[i], Some.Day(i * 3), "cash_deposit", $"S{i}");
        }

        graph.Transfer("EMPLOYER", "SMURFED", 2_000m, Some.Day(1));

        var alert = Assert.Single(new StructuringDetector(Options).Detect(graph.Build()));

        Assert.Equal(("structuring", "SMURFED", 38_150m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(["S0", "S1", "S2", "S3"], alert.TxIds);
        Assert.Contains("4 cash deposits of €9,000.00–€9,850.00 into SMURFED in 9 days", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Deposits_below_the_three_thousand_line_are_found_too()
    {
        var graph = new FlowGraphBuilder();
        for (var i = 0; i < 5; i++)
        {
            graph.Transfer("CASH", "SMALL", 2_900m, Some.Day(i * 4), "cash_deposit");
        }

        var alert = Assert.Single(new StructuringDetector(Options).Detect(graph.Build()));
        Assert.Contains("€3,000.00 threshold", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Deposits_spread_over_three_accounts_that_all_pay_one_collector_are_structuring_together()
    {
        var graph = new FlowGraphBuilder();
        string[] smurfs = ["S1", "S2", "S3"];
        for (var i = 0; i < smurfs.Length; i++)
        {
            graph.Transfer("CASH", smurfs[i], 9_400m, Some.Day(i * 3), "cash_deposit", $"d{i}a")
                 .Transfer("CASH", smurfs[i], 9_100m, Some.Day((i * 3) + 8), "cash_deposit", $"d{i}b")
                 .Transfer(smurfs[i], "COLLECTOR", 18_300m, Some.Day((i * 3) + 10), txId: $"o{i}");
        }

        graph.Transfer("CASH", "HONEST", 9_300m, Some.Day(2), "cash_deposit")
             .Transfer("HONEST", "LANDLORD", 1_000m, Some.Day(4));

        var alert = Assert.Single(new StructuringDetector(Options).Detect(graph.Build()));

        Assert.Equal(["S1", "S2", "S3", "COLLECTOR"], alert.Accounts);
        Assert.Equal(["d0a", "d1a", "d2a", "d0b", "o0", "d1b", "o1", "d2b", "o2"], alert.TxIds);
        Assert.Contains("6 cash deposits of €9,100.00–€9,400.00 spread over 3 accounts (S1, S2, S3)", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("passed on to COLLECTOR", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_smurfs_paying_one_collector_weeks_apart_keep_their_own_alerts_and_every_deposit()
    {
        // A: five deposits from day 0 to day 24; B: seven from day 50 to day 69. A's last and B's first two fall within 30
        // days of each other, which must not become a "ring" that swallows the rest of both.
        var graph = new FlowGraphBuilder();
        int[] aDays = [0, 1, 14, 20, 24];
        int[] bDays = [50, 53, 57, 64, 67, 68, 69];
        for (var i = 0; i < aDays.Length; i++)
        {
            graph.Transfer("CASH", "A", 8_500m + (i * 100m), Some.Day(aDays[i]), "cash_deposit", $"a{i}");
        }

        for (var i = 0; i < bDays.Length; i++)
        {
            graph.Transfer("CASH", "B", 8_300m + (i * 150m), Some.Day(bDays[i]), "cash_deposit", $"b{i}");
        }

        graph.Transfer("A", "FRONT", 40_000m, Some.Day(26), txId: "aout")
             .Transfer("B", "FRONT", 60_000m, Some.Day(71), txId: "bout");

        var alerts = new StructuringDetector(Options).Detect(graph.Build()).OrderBy(a => a.FocusAccount, StringComparer.Ordinal).ToList();

        Assert.Equal(["A", "B"], alerts.Select(a => a.FocusAccount));
        Assert.Equal(43_500m, alerts[0].TotalAmount);
        Assert.Equal(61_250m, alerts[1].TotalAmount);
        Assert.Equal(12, alerts.Sum(a => a.TxIds.Count(id => id[0] is 'a' or 'b' && id[1] != 'o')));
    }

    [Fact]
    public void A_household_of_three_accounts_smurfing_below_three_thousand_over_thirty_days_is_one_ring()
    {
        // The shape of a missed generated operation: 2 + 1 + 1 deposits of €2,510–€2,880, the last exactly 30 days after
        // the first, each account wiring its cash on to the same front within days.
        var start = Some.Day(0).AddHours(8);
        var graph = new FlowGraphBuilder()
            .Transfer("CASH", "H1", 2_510m, start, "cash_deposit", "d1")
            .Transfer("CASH", "H1", 2_700m, start.AddDays(2.7), "cash_deposit", "d2")
            .Transfer("CASH", "H2", 2_510m, start.AddDays(12.7), "cash_deposit", "d3")
            .Transfer("CASH", "H3", 2_880m, start.AddDays(30), "cash_deposit", "d4")
            .Transfer("H3", "FRONT", 2_772.70m, start.AddDays(30.75), txId: "o3")
            .Transfer("H2", "FRONT", 2_373.12m, start.AddDays(31.5), txId: "o2")
            .Transfer("H1", "FRONT", 5_141.97m, start.AddDays(32.9), txId: "o1");

        var alert = Assert.Single(new StructuringDetector(Options).Detect(graph.Build()));

        Assert.Equal(10_600m, alert.TotalAmount);
        Assert.Equal(["H1", "H2", "H3", "FRONT"], alert.Accounts);
    }

    [Fact]
    public void Two_deposits_or_deposits_spread_over_months_are_near_misses()
    {
        var graph = new FlowGraphBuilder()
            .Transfer("CASH", "TWO", 9_500m, Some.Day(0), "cash_deposit")
            .Transfer("CASH", "TWO", 9_500m, Some.Day(2), "cash_deposit");
        for (var i = 0; i < 4; i++)
        {
            graph.Transfer("CASH", "SLOW", 9_500m, Some.Day(i * 40), "cash_deposit");
        }

        Assert.Empty(new StructuringDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void A_cash_business_depositing_all_kinds_of_amounts_does_not_fire_on_the_few_near_the_line()
    {
        var graph = new FlowGraphBuilder();
        var random = new Random(4);
        for (var day = 0; day < 90; day++)
        {
            graph.Transfer("CASH", "SNACKBAR", random.Next(500, 15_000), Some.Day(day), "cash_deposit");
        }

        Assert.Empty(new StructuringDetector(Options).Detect(graph.Build()));
    }
}
