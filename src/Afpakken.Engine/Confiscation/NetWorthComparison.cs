namespace Afpakken.Engine.Confiscation;

/// <summary>An asset or liability position at a reference date, valued at cost unless stated otherwise.</summary>
/// <param name="AssetId">The asset (or liability) record; the key of the counted-once rule.</param>
/// <param name="IsSham">A sham or loan-back liability: left out of net worth.</param>
public sealed record Position(string AssetId, string Description, decimal Value, bool IsLiability, IReadOnlyList<string> SourceRecordIds, bool IsSham = false, ItemStatus Status = ItemStatus.Estimated);

/// <summary>An expenditure in the period; <paramref name="AssetId"/> set when it bought an asset.</summary>
public sealed record Expenditure(string Description, decimal Amount, string? AssetId, IReadOnlyList<string> SourceRecordIds, ItemStatus Status = ItemStatus.Estimated);

/// <summary>
/// Vermogensvergelijking (net-worth comparison, domain.md §4): <c>NW(t) = Σ assets(t) − Σ liabilities(t)</c> and
/// <c>wvv = NW(end) − NW(start) + expenditures(period) − legal income(period)</c>. An asset bought in the period
/// counts once — in NW(end) if it is still held, so its purchase is then not an expenditure; sham and loan-back
/// liabilities are left out.
/// </summary>
public sealed class NetWorthComparison
{
    public required Period Period { get; init; }

    public IReadOnlyList<Position> Start { get; init; } = [];

    public IReadOnlyList<Position> End { get; init; } = [];

    public IReadOnlyList<Expenditure> Expenditures { get; init; } = [];

    public IReadOnlyList<LineItem> LegalIncome { get; init; } = [];

    public static decimal NetWorth(IEnumerable<Position> positions) =>
        positions.Where(p => !p.IsSham).Sum(p => p.IsLiability ? -p.Value : p.Value);

    public decimal NetWorthStart => NetWorth(Start);

    public decimal NetWorthEnd => NetWorth(End);

    /// <summary>Expenditures that count: a purchase of an asset still held at the end is already in NW(end).</summary>
    public IReadOnlyList<Expenditure> CountedExpenditures
    {
        get
        {
            var heldAtEnd = End.Where(p => !p.IsLiability).Select(p => p.AssetId).ToHashSet(StringComparer.Ordinal);
            return Expenditures.Where(e => e.AssetId is null || !heldAtEnd.Contains(e.AssetId)).ToList();
        }
    }

    /// <summary>Expenditures left out because the asset they bought is counted in NW(end).</summary>
    public IReadOnlyList<Expenditure> CountedInNetWorth => Expenditures.Except(CountedExpenditures).ToList();

    public decimal Benefit =>
        NetWorthEnd - NetWorthStart + CountedExpenditures.Sum(e => e.Amount) - LineItem.Sum(LegalIncome);
}
