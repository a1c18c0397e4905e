namespace Afpakken.Engine.Confiscation;

/// <summary>
/// Eenvoudige kasopstelling (simple cash statement, domain.md §4): for cash only and per period,
/// <c>sources = opening cash + cash withdrawn from bank + legal cash income</c>,
/// <c>uses = cash deposited at bank + cash purchases + cash living costs + closing cash</c>,
/// <c>wvv = max(0, uses − sources)</c>. Opening cash is 0 unless proven; cash found at a search counts in closing cash.
/// </summary>
public sealed class CashStatement
{
    public required Period Period { get; init; }

    /// <summary>Proven opening cash; none means 0.</summary>
    public IReadOnlyList<LineItem> OpeningCash { get; init; } = [];

    public IReadOnlyList<LineItem> CashWithdrawn { get; init; } = [];

    public IReadOnlyList<LineItem> LegalCashIncome { get; init; } = [];

    public IReadOnlyList<LineItem> CashDeposited { get; init; } = [];

    public IReadOnlyList<LineItem> CashPurchases { get; init; } = [];

    /// <summary>Living costs paid in cash: the norm minus what was paid through the bank (see <see cref="LivingCostNorms"/>).</summary>
    public IReadOnlyList<LineItem> CashLivingCosts { get; init; } = [];

    /// <summary>Cash at the end of the period, including cash found at a search.</summary>
    public IReadOnlyList<LineItem> ClosingCash { get; init; } = [];

    public decimal Sources => LineItem.Sum(OpeningCash) + LineItem.Sum(CashWithdrawn) + LineItem.Sum(LegalCashIncome);

    public decimal Uses => LineItem.Sum(CashDeposited) + LineItem.Sum(CashPurchases) + LineItem.Sum(CashLivingCosts) + LineItem.Sum(ClosingCash);

    /// <summary>The unlawfully obtained benefit by this method: uses not explained by sources, never negative.</summary>
    public decimal Benefit => Math.Max(0m, Uses - Sources);

    /// <summary>The same statement with another opening cash, e.g. the amount the defence claims.</summary>
    public CashStatement WithOpeningCash(LineItem openingCash) => new()
    {
        Period = Period,
        OpeningCash = [openingCash],
        CashWithdrawn = CashWithdrawn,
        LegalCashIncome = LegalCashIncome,
        CashDeposited = CashDeposited,
        CashPurchases = CashPurchases,
        CashLivingCosts = CashLivingCosts,
        ClosingCash = ClosingCash,
    };

    /// <summary>Every line item with the heading it belongs to, for reports.</summary>
    public IEnumerable<(string Heading, LineItem Item)> Lines() =>
        OpeningCash.Select(i => ("opening cash", i))
            .Concat(CashWithdrawn.Select(i => ("cash withdrawn from bank", i)))
            .Concat(LegalCashIncome.Select(i => ("legal cash income", i)))
            .Concat(CashDeposited.Select(i => ("cash deposited at bank", i)))
            .Concat(CashPurchases.Select(i => ("cash purchases", i)))
            .Concat(CashLivingCosts.Select(i => ("cash living costs", i)))
            .Concat(ClosingCash.Select(i => ("closing cash", i)));
}
