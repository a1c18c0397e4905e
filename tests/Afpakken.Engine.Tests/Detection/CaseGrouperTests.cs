using Afpakken.Engine.Detection;
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
}
