namespace Afpakken.Engine.Confiscation;

/// <summary>
/// A Nibud-style norm table of monthly living costs per household type and year — configuration, not code
/// (the figures come from options or a file, never from constants in the engine).
/// </summary>
public sealed class LivingCostNorms
{
    private readonly IReadOnlyDictionary<(string Household, int Year), decimal> _monthly;

    public LivingCostNorms(IReadOnlyDictionary<(string Household, int Year), decimal> monthly) => _monthly = monthly;

    public decimal Monthly(string household, int year) =>
        _monthly.TryGetValue((household, year), out var norm)
            ? norm
            : throw new Contract.InvalidInputException("living_cost_norms", $"no living-cost norm for household '{household}' in {year}: add it to the settings");

    /// <summary>
    /// Cash living costs over a period: the norm for each month the period touches (pro rata by day), minus what
    /// was paid for living through the bank in the period; never below zero.
    /// </summary>
    public LineItem CashLivingCosts(string household, Period period, decimal paidThroughBank, IReadOnlyList<string> sourceRecordIds)
    {
        decimal norm = 0;
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            var first = period.From > month ? period.From : month;
            var lastOfMonth = month.AddDays(days - 1);
            var last = period.To < lastOfMonth ? period.To : lastOfMonth;
            var covered = last.DayNumber - first.DayNumber + 1;
            norm += Monthly(household, month.Year) * covered / days;
        }

        var cash = Math.Max(0m, decimal.Round(norm - paidThroughBank, 2, MidpointRounding.ToEven));
        return new LineItem($"living costs by norm ({household}) {Math.Round(norm, 2)} minus {paidThroughBank} paid through the bank", cash, period, sourceRecordIds);
    }
}
