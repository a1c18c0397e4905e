using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class MuleDetectorTests
{
    private static readonly MuleOptions Options = new();

    [Fact]
    public void Money_from_new_senders_that_leaves_within_a_day_as_cash_is_a_mule_episode()
    {
        var graph = new FlowGraphBuilder()
            .Transfer("VICTIM1", "MULE", 2_500m, Some.Day(10, 9), txId: "in1")
            .Transfer("VICTIM2", "MULE", 3_000m, Some.Day(10, 11), txId: "in2")
            .Transfer("VICTIM3", "MULE", 1_500m, Some.Day(10, 15), txId: "in3")
            .Transfer("MULE", "CASH", 4_000m, Some.Day(10, 17), "cash_withdrawal", "out1")
            .Transfer("MULE", "EXCHANGE", 2_700m, Some.Day(11, 8), "crypto", "out2");

        var alert = Assert.Single(new MuleDetector(Options).Detect(graph.Build()));

        Assert.Equal(("mule", "MULE", 7_000m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(["in1", "in2", "in3", "out1", "out2"], alert.TxIds);
        Assert.Contains("€7,000.00 from 3 new senders into MULE and €6,700.00 (96 %) out again within 23 h, 100 % of it as cash, crypto or money transfer", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_that_stays_is_a_near_miss()
    {
        var graph = new FlowGraphBuilder()
            .Transfer("A", "SAVER", 2_500m, Some.Day(10, 9))
            .Transfer("B", "SAVER", 3_000m, Some.Day(10, 11))
            .Transfer("SAVER", "CASH", 1_000m, Some.Day(10, 17), "cash_withdrawal");

        Assert.Empty(new MuleDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void Salary_swept_to_savings_is_no_mule_one_known_sender()
    {
        var graph = new FlowGraphBuilder();
        for (var m = 0; m < 4; m++)
        {
            graph.Transfer("EMPLOYER", "CHECKING", 3_000m, Some.Day(m * 30))
                 .Transfer("CHECKING", "SAVINGS", 2_950m, Some.Day(m * 30, 14));
        }

        Assert.Empty(new MuleDetector(Options).Detect(graph.Build()));
    }

    [Fact]
    public void A_busy_shop_paying_its_supplier_the_same_day_does_not_fire()
    {
        var graph = new FlowGraphBuilder();
        for (var day = 0; day < 40; day++)
        {
            graph.Transfer($"CUSTOMER{day}A", "SHOP", 1_500m, Some.Day(day, 10))
                 .Transfer($"CUSTOMER{day}B", "SHOP", 1_600m, Some.Day(day, 11))
                 .Transfer("SHOP", "WHOLESALER", 2_900m, Some.Day(day, 16));
        }

        Assert.Empty(new MuleDetector(Options).Detect(graph.Build()));
    }
}
