using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Tests.Confiscation;

/// <summary>Worked examples of the vermogensvergelijking, computed by hand (domain.md §4).</summary>
public class NetWorthComparisonTests
{
    private static readonly Period Year2023 = new(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31));

    private static Position Asset(string id, decimal value) => new(id, id, value, IsLiability: false, [id]);

    private static Position Liability(string id, decimal value, bool sham = false) => new(id, id, value, IsLiability: true, [id], sham);

    [Fact]
    public void An_asset_bought_in_the_period_counts_once_in_the_closing_net_worth_not_again_as_expenditure()
    {
        var comparison = new NetWorthComparison
        {
            Period = Year2023,
            Start = [Asset("BANK", 10_000m), Asset("CAR-A1", 15_000m)],
            End = [Asset("BANK", 5_000m), Asset("CAR-A1", 15_000m), Asset("HOUSE-A2", 300_000m), Liability("MORTGAGE-A2", 200_000m)],
            Expenditures =
            [
                new Expenditure("purchase of the house", 300_000m, "HOUSE-A2", ["T-KADASTER-1"]),
                new Expenditure("holidays and living", 20_000m, null, ["T-77", "T-78"]),
            ],
            LegalIncome = [new LineItem("wages", 40_000m, Year2023, ["IB-2023"])],
        };

        Assert.Equal(25_000m, comparison.NetWorthStart);
        Assert.Equal(120_000m, comparison.NetWorthEnd);
        Assert.Equal(["holidays and living"], comparison.CountedExpenditures.Select(e => e.Description));
        Assert.Equal(["purchase of the house"], comparison.CountedInNetWorth.Select(e => e.Description));
        Assert.Equal(75_000m, comparison.Benefit);
    }

    [Fact]
    public void A_loan_back_liability_is_left_out_of_net_worth()
    {
        var withShamLoan = new NetWorthComparison
        {
            Period = Year2023,
            End = [Asset("BANK", 50_000m), Asset("HOUSE-A9", 100_000m), Liability("LOAN-FROM-CURACAO-BV", 100_000m, sham: true)],
            Expenditures = [new Expenditure("purchase of the house", 100_000m, "HOUSE-A9", ["T-KADASTER-9"])],
            LegalIncome = [new LineItem("wages", 30_000m, Year2023, ["IB-2023"])],
        };
        var loanBelieved = new NetWorthComparison
        {
            Period = Year2023,
            End = [Asset("BANK", 50_000m), Asset("HOUSE-A9", 100_000m), Liability("LOAN-FROM-CURACAO-BV", 100_000m)],
            Expenditures = withShamLoan.Expenditures,
            LegalIncome = withShamLoan.LegalIncome,
        };

        Assert.Equal(150_000m, withShamLoan.NetWorthEnd);
        Assert.Equal(120_000m, withShamLoan.Benefit);
        Assert.Equal(20_000m, loanBelieved.Benefit);
    }

    [Fact]
    public void An_asset_bought_and_gone_before_the_end_is_an_expenditure()
    {
        var comparison = new NetWorthComparison
        {
            Period = Year2023,
            Start = [Asset("BANK", 50_000m)],
            End = [Asset("BANK", 10_000m)],
            Expenditures =
            [
                new Expenditure("watch bought and given away", 60_000m, "WATCH-A6", ["T-12"]),
                new Expenditure("living costs", 25_000m, null, ["NORM-2023"]),
            ],
            LegalIncome = [new LineItem("benefits", 30_000m, Year2023, ["UWV-2023"])],
        };

        Assert.Equal(15_000m, comparison.Benefit);
    }
}
