using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Tests.Confiscation;

/// <summary>Worked examples of the transaction method and the payable amount (domain.md §4).</summary>
public class TransactionMethodTests
{
    private static readonly Period Year = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

    [Fact]
    public void Proven_proceeds_minus_direct_costs_and_then_what_is_payable()
    {
        var method = new TransactionMethod
        {
            Proceeds =
            [
                new LineItem("sale 1", 12_000m, Year, ["PV-1"], ItemStatus.Accepted),
                new LineItem("sale 2", 8_500m, Year, ["PV-2"], ItemStatus.Accepted),
                new LineItem("sale 3", 4_250m, Year, ["PV-3"], ItemStatus.Contested),
            ],
            DirectCosts = [new LineItem("purchase", 5_000m, Year, ["PV-4"]), new LineItem("transport", 750m, Year, ["PV-5"])],
        };

        Assert.Equal(19_000m, method.Benefit);
        Assert.Equal(15_500m, Payable.Of(method.Benefit, paidToVictims: 2_000m, alreadyForfeited: 1_000m, courtReductions: 500m));
    }

    [Fact]
    public void Payable_is_never_negative()
    {
        Assert.Equal(0m, Payable.Of(1_000m, paidToVictims: 5_000m));
        Assert.Equal(0m, Payable.Of(-250m));
    }

    [Fact]
    public void Decimal_arithmetic_keeps_every_cent()
    {
        var method = new TransactionMethod
        {
            Proceeds = Enumerable.Range(0, 10).Select(i => new LineItem($"sale {i}", 0.10m, Year, [$"PV-{i}"])).ToList(),
        };

        Assert.Equal(1.00m, method.Benefit);
    }
}
