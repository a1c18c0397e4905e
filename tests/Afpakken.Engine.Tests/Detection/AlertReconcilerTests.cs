using Afpakken.Engine.Detection;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class AlertReconcilerTests
{
    private static Alert Alert(string id, string typology, params string[] txs) =>
        new(id, typology, "test", 0.8, "X", ["X"], txs, 1m, Some.Day(0), Some.Day(1), "");

    [Fact]
    public void A_fan_in_inside_a_scatter_gather_goes_and_a_fan_in_inside_a_mule_goes()
    {
        var kept = AlertReconciler.Reconcile(
        [
            Alert("fi", "fan_in", "j1", "j2", "j3", "j4", "j5"),
            Alert("sg", "scatter_gather", "s1", "s2", "s3", "s4", "s5", "j1", "j2", "j3", "j4", "j5"),
            Alert("fi2", "fan_in", "a1", "a2", "a3", "a4", "a5"),
            Alert("mu", "mule", "a1", "a2", "a3", "a4", "a5", "o1"),
            Alert("mu2", "mule", "m1", "m2", "m3"),
        ]);

        Assert.Equal(["mu", "mu2", "sg"], kept.Select(a => a.AlertId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Alerts_that_share_less_than_half_their_transactions_both_stay()
    {
        var kept = AlertReconciler.Reconcile(
        [
            Alert("cy", "cycle", "c1", "c2", "c3"),
            Alert("sg", "scatter_gather", "c1", "s2", "s3", "s4", "s5", "s6"),
        ]);

        Assert.Equal(2, kept.Count);
    }

    [Fact]
    public void A_stack_explains_its_scatter_gathers_a_banker_its_gather_scatters_and_a_front_its_near_threshold_takings()
    {
        var kept = AlertReconciler.Reconcile(
        [
            Alert("sg", "scatter_gather", "l1", "l2", "l3", "l4"),
            Alert("bl", "bipartite_layering", "l1", "l2", "l3", "l4", "l5", "l6"),
            Alert("gs", "gather_scatter", "c1", "c2", "c3", "p1"),
            Alert("fi", "fan_in", "c1", "c2", "c3", "c4", "c5"),
            Alert("ub", "underground_banking", "c1", "c2", "c3", "c4", "c5", "c6", "p1", "p2"),
            Alert("st", "structuring", "d1", "d2", "d3"),
            Alert("cf", "cash_front", "d1", "d2", "d3", "d4", "d5", "d6", "d7"),
        ]);

        Assert.Equal(["bl", "cf", "ub"], kept.Select(a => a.AlertId).Order(StringComparer.Ordinal));
    }
}
