namespace Afpakken.Engine.Confiscation;

/// <summary>Transaction method (domain.md §4): wvv = Σ proven gross proceeds − Σ directly related costs.</summary>
public sealed class TransactionMethod
{
    public IReadOnlyList<LineItem> Proceeds { get; init; } = [];

    public IReadOnlyList<LineItem> DirectCosts { get; init; } = [];

    public decimal Benefit => LineItem.Sum(Proceeds) - LineItem.Sum(DirectCosts);
}

/// <summary>What the court can order to be paid: max(0, wvv − paid to victims − already forfeited − court reductions).</summary>
public static class Payable
{
    public static decimal Of(decimal benefit, decimal paidToVictims = 0, decimal alreadyForfeited = 0, decimal courtReductions = 0) =>
        Math.Max(0m, benefit - paidToVictims - alreadyForfeited - courtReductions);
}
