using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Confiscation;

/// <summary>
/// One asset in an overview: what it is, who legally owns it and who controls it (and why), the records that show it,
/// acquisition, valuation, encumbrance, seizure status, and how fast it can be realised or disappear.
/// </summary>
public sealed record OverviewItem(
    string AssetId,
    string Kind,
    string? Description,
    string LegalOwner,
    string LegalOwnerName,
    string Controller,
    string ControlBasis,
    double OwnershipConfidence,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> PayingTxIds,
    DateOnly AcquiredAt,
    decimal AcquisitionPrice,
    decimal Value,
    string ValuationBasis,
    DateOnly ValuationDate,
    decimal Encumbrance,
    string? EncumbranceKind,
    bool EncumbranceIsSham,
    string SeizureStatus,
    string Liquidity,
    double DissipationRisk)
{
    /// <summary>Value less encumbrances (a sham liability does not reduce it), never below zero.</summary>
    public decimal NetRealisableValue => Math.Max(0m, Value - (EncumbranceIsSham ? 0m : Encumbrance));

    /// <summary>Net realisable value × dissipation risk × ownership confidence (domain.md §4); zero once seized.</summary>
    public decimal SeizurePriority => IsSeized ? 0m : decimal.Round(NetRealisableValue * (decimal)DissipationRisk * (decimal)OwnershipConfidence, 2);

    public bool IsSeized => SeizureStatus.StartsWith("seized", StringComparison.OrdinalIgnoreCase) || SeizureStatus.Equals("forfeited", StringComparison.OrdinalIgnoreCase);

    /// <summary>Held on the day: acquired on or before it. Valued at cost unless a valuation on or before the day states otherwise.</summary>
    public bool HeldOn(DateOnly day) => AcquiredAt <= day;

    public decimal ValueOn(DateOnly day) => ValuationDate <= day ? Value : AcquisitionPrice;
}

/// <summary>Totals of one asset class at a reference date.</summary>
public sealed record ClassTotal(string Kind, int Count, decimal Gross, decimal Encumbrances, decimal Net);

/// <summary>The position of the subject and its network at a reference date: totals per class and net worth.</summary>
public sealed record ReferencePosition(DateOnly Date, IReadOnlyList<ClassTotal> Classes, decimal Assets, decimal Liabilities, decimal NetWorth);

/// <summary>
/// Vermogensoverzicht (asset overview, issue 5 and domain.md §4): every asset and liability of a subject and of its
/// straw men and front companies, with legal owner vs. controller, evidence, valuation, encumbrances, seizure status
/// and liquidity, and totals per class and net worth at each reference date.
/// </summary>
public sealed record AssetOverview(SubjectControl Control, Period Period, IReadOnlyList<OverviewItem> Items, IReadOnlyList<ReferencePosition> Positions)
{
    public decimal RecoverableValue => Items.Where(i => !i.IsSeized).Sum(i => i.NetRealisableValue * (decimal)i.OwnershipConfidence);

    public decimal SeizurePriority => Items.Sum(i => i.SeizurePriority);

    public static async Task<AssetOverview> BuildAsync(
        SubjectControl control, Period period, PartyQueries parties, FlowFacts facts, ConfiscationOptions options, CancellationToken cancellationToken)
    {
        var items = new List<OverviewItem>();
        var sham = options.ShamLiabilityKinds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var party in control.Parties)
        {
            var assets = await parties.AssetsOfAsync(party.Party.PartyId, cancellationToken);
            var payments = (await facts.AssetPaymentsOfAsync(assets.Select(a => a.AssetId), cancellationToken))
                .ToLookup(p => p.AssetId, p => p.Payment, StringComparer.Ordinal);
            foreach (var asset in assets)
            {
                var paying = payments[asset.AssetId].Select(p => p.TxId)
                    .Concat(Split(asset.PaidFromTxIds)).Distinct(StringComparer.Ordinal).ToList();
                var evidence = new List<string> { $"assets record {asset.AssetId}" };
                evidence.AddRange(payments[asset.AssetId].Select(p => $"paid by tx {p.TxId} from {p.FromAccount} to {p.ToAccount} ({p.Amount:0.00})"));
                if (party.Basis != ControlBasis.Own)
                {
                    // Why the owner is the subject's: its link and indicators, not the lines about its other assets.
                    evidence.AddRange(party.Evidence.Where(e => !e.StartsWith("asset ", StringComparison.Ordinal)));
                }

                var kind = options.KindSettings(asset.Kind);
                items.Add(new OverviewItem(
                    asset.AssetId, asset.Kind, asset.Description, party.Party.PartyId, party.Party.Name, control.Subject.PartyId, party.Basis,
                    party.Confidence, evidence, paying, asset.AcquiredAt, asset.AcquisitionPrice, asset.CurrentValue, asset.ValuationBasis,
                    asset.ValuationDate, asset.Liabilities, asset.LiabilityKind, asset.LiabilityKind is { } k && sham.Contains(k),
                    asset.SeizureStatus, kind.Liquidity, kind.DissipationRisk));
            }
        }

        items.Sort((x, y) => y.SeizurePriority != x.SeizurePriority ? y.SeizurePriority.CompareTo(x.SeizurePriority) : string.CompareOrdinal(x.AssetId, y.AssetId));
        return new AssetOverview(control, period, items, [.. ReferenceDates(period).Select(d => PositionOn(items, d))]);
    }

    /// <summary>The day before the period, every 31 December inside it, and its last day.</summary>
    public static IReadOnlyList<DateOnly> ReferenceDates(Period period)
    {
        var dates = new SortedSet<DateOnly> { period.From.AddDays(-1), period.To };
        for (var year = period.From.Year; year < period.To.Year; year++)
        {
            dates.Add(new DateOnly(year, 12, 31));
        }

        return [.. dates];
    }

    public static ReferencePosition PositionOn(IReadOnlyList<OverviewItem> items, DateOnly day)
    {
        var held = items.Where(i => i.HeldOn(day)).ToList();
        var classes = held.GroupBy(i => i.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var gross = g.Sum(i => i.ValueOn(day));
                var debt = g.Where(i => !i.EncumbranceIsSham).Sum(i => i.Encumbrance);
                return new ClassTotal(g.Key, g.Count(), gross, debt, gross - debt);
            }).ToList();
        var assets = classes.Sum(c => c.Gross);
        var liabilities = classes.Sum(c => c.Encumbrances);
        return new ReferencePosition(day, classes, assets, liabilities, assets - liabilities);
    }

    private static IEnumerable<string> Split(string? ids) => (ids ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
