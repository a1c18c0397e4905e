using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Tests.Confiscation;

/// <summary>Worked examples of the eenvoudige kasopstelling, computed by hand (domain.md §4).</summary>
public class CashStatementTests
{
    private static readonly Period Year2024 = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

    private static LineItem Item(string what, decimal amount, params string[] records) => new(what, amount, Year2024, records);

    private static CashStatement Basic() => new()
    {
        Period = Year2024,
        CashWithdrawn = [Item("ATM", 2_000m, "T1"), Item("ATM", 1_500m, "T2")],
        LegalCashIncome = [Item("tips", 1_200m, "INC-1")],
        CashDeposited = [Item("deposit", 9_500m, "T3"), Item("deposit", 9_800m, "T4")],
        CashPurchases = [Item("watch paid in cash", 12_000m, "ASSET-7")],
        CashLivingCosts = [Item("living costs by norm", 6_000m, "NORM-2024")],
    };

    [Fact]
    public void Uses_not_explained_by_sources_are_the_benefit()
    {
        var statement = Basic();

        Assert.Equal(4_700m, statement.Sources);
        Assert.Equal(37_300m, statement.Uses);
        Assert.Equal(32_600m, statement.Benefit);
        Assert.Equal(7, statement.Lines().Count());
    }

    [Fact]
    public void Cash_found_at_a_search_counts_in_closing_cash_and_a_claimed_opening_cash_is_a_sensitivity_run()
    {
        var statement = new CashStatement
        {
            Period = Basic().Period,
            CashWithdrawn = Basic().CashWithdrawn,
            LegalCashIncome = Basic().LegalCashIncome,
            CashDeposited = Basic().CashDeposited,
            CashPurchases = Basic().CashPurchases,
            CashLivingCosts = Basic().CashLivingCosts,
            ClosingCash = [Item("cash found at the search of 2024-12-31", 25_000m, "PV-2024-118")],
        };
        var defence = statement.WithOpeningCash(Item("opening cash claimed by the defence", 40_000m, "PLEA-3") with { Status = ItemStatus.Contested });

        Assert.Equal(57_600m, statement.Benefit);
        Assert.Equal(44_700m, defence.Sources);
        Assert.Equal(17_600m, defence.Benefit);
    }

    [Fact]
    public void Sources_that_exceed_uses_give_no_benefit_not_a_negative_one()
    {
        var statement = new CashStatement
        {
            Period = Year2024,
            CashWithdrawn = [Item("ATM", 50_000m, "T9")],
            CashDeposited = [Item("deposit", 10_000m, "T10")],
            CashLivingCosts = [Item("living costs", 6_000m, "NORM-2024")],
        };

        Assert.Equal(0m, statement.Benefit);
    }

    [Fact]
    public void Living_costs_come_from_the_norm_table_pro_rata_minus_what_the_bank_paid()
    {
        var norms = new LivingCostNorms(new Dictionary<(string, int), decimal> { [("single", 2024)] = 1_500m, [("couple", 2024)] = 1_450m });

        var year = norms.CashLivingCosts("single", Year2024, 12_750m, ["NORM-2024", "BANK-SPEND"]);
        var partial = norms.CashLivingCosts("couple", new Period(new DateOnly(2024, 2, 15), new DateOnly(2024, 3, 31)), 300m, ["NORM-2024"]);
        var covered = norms.CashLivingCosts("single", Year2024, 20_000m, []);

        Assert.Equal(5_250m, year.Amount);
        Assert.Equal(1_900m, partial.Amount); // 1,450 × 15/29 (February 2024) + 1,450 (March) − 300
        Assert.Equal(0m, covered.Amount);
        Assert.Throws<Afpakken.Engine.Contract.InvalidInputException>(() => norms.CashLivingCosts("single", new Period(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)), 0, []));
    }
}
