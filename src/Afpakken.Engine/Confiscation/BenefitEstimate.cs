using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Confiscation;

/// <summary>A cash statement run with another opening cash (e.g. the amount the defence claims).</summary>
public sealed record SensitivityRun(string Label, decimal OpeningCash, decimal Benefit);

/// <summary>
/// The unlawfully obtained benefit (wvv) of a subject over a period by the three methods of domain.md §4, each with
/// its line items: the transaction method over the proceeds of the alerts attributed to the subject, the simple cash
/// statement per calendar year of the subject's own accounts, and the net-worth comparison over the asset overview.
/// </summary>
public sealed record BenefitEstimate(
    Period Period,
    TransactionMethod TransactionMethod,
    IReadOnlyList<AttributedAlert> Alerts,
    IReadOnlyList<CashStatement> CashStatements,
    IReadOnlyList<SensitivityRun> Sensitivity,
    NetWorthComparison NetWorthComparison)
{
    public decimal CashStatementBenefit => CashStatements.Sum(c => c.Benefit);

    /// <summary>
    /// The figure used to rank candidates: the transaction method, which rests on proven flows. The cash statement and
    /// the net-worth comparison are shown beside it as corroboration; which method goes to court is the prosecutor's call.
    /// </summary>
    public decimal Estimated => TransactionMethod.Benefit;

    public static async Task<BenefitEstimate> BuildAsync(
        SubjectControl control, AssetOverview overview, Period period, IReadOnlyList<AttributedAlert> attributed, PartyQueries parties,
        FlowFacts facts, ConfiscationOptions options, decimal? claimedOpeningCash, CancellationToken cancellationToken)
    {
        var inPeriod = attributed.Where(a => period.Contains(DateOnly.FromDateTime(a.Alert.FirstAt))).ToList();
        var transactionMethod = new TransactionMethod { Proceeds = Proceeds(inPeriod, period, control.AccountIds, options.Attribution.Payers) };

        var ownAccounts = control.Accounts.Where(a => a.Basis == ControlBasis.Own).Select(a => a.Account).ToList();
        var cash = await facts.CashOfAsync(ownAccounts, ToInstant(period.From), ToInstant(period.To.AddDays(1)), cancellationToken);
        var spending = await facts.SpendingOfAsync(ownAccounts, cancellationToken);
        var norms = options.Norms();
        var statements = new List<CashStatement>();
        foreach (var year in Years(period))
        {
            statements.Add(CashStatementFor(year, cash, spending, overview, norms, options.Household, control.Subject.PartyId));
        }

        var sensitivity = new List<SensitivityRun> { new("opening cash 0 (not proven)", 0m, statements.Sum(s => s.Benefit)) };
        if (claimedOpeningCash is { } claimed && statements.Count > 0)
        {
            var first = statements[0].WithOpeningCash(new LineItem("opening cash as claimed by the defence", claimed, statements[0].Period, [], ItemStatus.Contested));
            sensitivity.Add(new SensitivityRun("opening cash as claimed", claimed, first.Benefit + statements.Skip(1).Sum(s => s.Benefit)));
        }

        var income = await parties.IncomeOfAsync(control.Subject.PartyId, cancellationToken);
        var comparison = NetWorth(overview, period, income, norms, options.Household);
        return new BenefitEstimate(period, transactionMethod, inPeriod, statements, sensitivity, comparison);
    }

    /// <summary>
    /// One line per attributed alert, the money counted once. An alert that is mostly the same transactions as a larger
    /// one already counted is left out. From the others, a transaction already counted under an earlier line is
    /// deducted when it carries the same money (<see cref="SameMoney"/>): smurfed cash wired on into a funnel is the
    /// structuring's proceeds, not the funnel's again; a cycle's money coming home is not new money for a funnel on the
    /// same account. The total does not depend on which of two overlapping alerts comes first.
    /// </summary>
    private static List<LineItem> Proceeds(IEnumerable<AttributedAlert> alerts, Period period, IReadOnlySet<string> controlled, IReadOnlyList<string> collecting)
    {
        var counted = new Dictionary<string, Seen>(StringComparer.Ordinal);
        var lines = new List<LineItem>();
        foreach (var a in alerts.OrderByDescending(a => a.Alert.TotalAmount).ThenBy(a => a.Alert.AlertId, StringComparer.Ordinal))
        {
            var fresh = a.Alert.TxIds.Count(id => !counted.ContainsKey(id));
            if (fresh * 2 < a.Alert.TxIds.Count)
            {
                continue; // mostly the same transactions as a larger alert already counted
            }

            var ends = Ends(a.Alert, a.Transactions);
            var isCollecting = collecting.Contains(a.Alert.Typology, StringComparer.Ordinal);
            var again = a.Transactions.DistinctBy(t => t.TxId)
                .Where(t => counted.TryGetValue(t.TxId, out var seen) && SameMoney(seen, ends.Contains(t.ToAccount), controlled.Contains(t.FromAccount), isCollecting))
                .ToList();
            var deducted = Math.Min(a.Alert.TotalAmount, again.Sum(t => t.Amount));
            foreach (var t in a.Transactions)
            {
                var exit = ends.Contains(t.ToAccount);
                counted[t.TxId] = counted.TryGetValue(t.TxId, out var before)
                    ? new Seen(before.Exit && exit, before.CollectingEntry || (!exit && isCollecting))
                    : new Seen(exit, !exit && isCollecting);
            }

            var description = string.Create(CultureInfo.InvariantCulture, $"{a.Alert.Typology} {a.Alert.FirstAt:yyyy-MM-dd}: {a.Reason}");
            if (deducted > 0)
            {
                description += string.Create(CultureInfo.InvariantCulture,
                    $" (less {deducted:N2} already counted above: tx {string.Join(", ", again.Select(t => t.TxId).Order(StringComparer.Ordinal))})");
            }

            lines.Add(new LineItem(description, a.Alert.TotalAmount - deducted, period, [a.Alert.AlertId, .. a.Alert.TxIds]));
        }

        return lines;
    }

    /// <summary>How a counted transaction was seen: an exit (to an end) in every alert that counted it; entering a collecting structure in one.</summary>
    private readonly record struct Seen(bool Exit, bool CollectingEntry);

    /// <summary>
    /// Whether a transaction already counted carries the same money here. Not when it leaves both structures (two smurfs'
    /// payouts that both ring alerts name). From an account the subject does not control it is the same money seen
    /// twice. From one the subject controls, it is too when it is inside both structures (a cycle coming home into a
    /// funnel); when it leaves one and enters the other, it is the same money only if the one it enters is collecting
    /// (a funnel forwarding into the front's own funnel), not if it funds a distributing structure (the front paying a
    /// fan-out: the subject putting money into another operation, which counts there).
    /// </summary>
    private static bool SameMoney(Seen seen, bool exitHere, bool fromControlled, bool hereCollecting)
    {
        if (seen.Exit && exitHere)
        {
            return false;
        }

        if (!fromControlled || (!seen.Exit && !exitHere))
        {
            return true;
        }

        return seen.Exit ? hereCollecting : seen.CollectingEntry;
    }

    /// <summary>The accounts where an alert's money ends: they receive in it and send nothing in it (its focus is its centre, never an end).</summary>
    private static HashSet<string> Ends(Detection.Alert alert, IReadOnlyList<FlowTransaction> txs)
    {
        var senders = txs.Select(t => t.FromAccount).ToHashSet(StringComparer.Ordinal);
        return txs.Select(t => t.ToAccount).Where(a => a != alert.FocusAccount && !senders.Contains(a)).ToHashSet(StringComparer.Ordinal);
    }

    private static CashStatement CashStatementFor(
        Period year, IReadOnlyList<FlowTransaction> cash, IReadOnlyList<MonthlySpending> spending, AssetOverview overview,
        LivingCostNorms norms, string household, string subjectId)
    {
        var inYear = cash.Where(t => year.Contains(DateOnly.FromDateTime(t.BookedAt))).ToList();
        var withdrawn = inYear.Where(t => t.ToAccount == CashAccount.Id).GroupBy(t => t.FromAccount, StringComparer.Ordinal)
            .Select(g => new LineItem($"cash withdrawn from {g.Key} ({g.Count()}×)", g.Sum(t => t.Amount), year, [.. g.Select(t => t.TxId)])).ToList();
        var deposited = inYear.Where(t => t.FromAccount == CashAccount.Id).GroupBy(t => t.ToAccount, StringComparer.Ordinal)
            .Select(g => new LineItem($"cash deposited into {g.Key} ({g.Count()}×)", g.Sum(t => t.Amount), year, [.. g.Select(t => t.TxId)])).ToList();
        var paidThroughBank = decimal.Round(spending.Sum(s => s.Amount * CoveredShare(year, s.Year, s.Month)), 2);
        var living = norms.CashLivingCosts(household, year, paidThroughBank,
            [$"norm table '{household}'", .. spending.Select(s => s.Account).Distinct(StringComparer.Ordinal).Select(a => $"card/direct-debit payments of {a}")]);
        var closing = overview.Items.Where(i => i.Kind == "cash" && i.HeldOn(year.To) && i.AcquiredAt >= year.From)
            .Select(i => new LineItem($"cash found ({i.AssetId}, {i.LegalOwner})", i.ValueOn(year.To), year, [i.AssetId], ItemStatus.Accepted)).ToList();
        return new CashStatement
        {
            Period = year,
            CashWithdrawn = withdrawn,
            CashDeposited = deposited,
            CashLivingCosts = [living],
            ClosingCash = closing,
        };
    }

    private static NetWorthComparison NetWorth(
        AssetOverview overview, Period period, IReadOnlyList<LegalIncome> income, LivingCostNorms norms, string household)
    {
        var start = period.From.AddDays(-1);
        var end = period.To;
        IReadOnlyList<Position> PositionsOn(DateOnly day) => [.. overview.Items.Where(i => i.HeldOn(day)).SelectMany(Positions)];

        var expenditures = overview.Items.Where(i => period.Contains(i.AcquiredAt))
            .Select(i => new Expenditure($"purchase of {i.Kind} {i.AssetId} ({i.LegalOwner})", i.AcquisitionPrice, i.AssetId, [i.AssetId, .. i.PayingTxIds]))
            .ToList();
        var living = norms.CashLivingCosts(household, period, 0m, [$"norm table '{household}'"]);
        expenditures.Add(new Expenditure($"living costs by norm ({household})", living.Amount, null, living.SourceRecordIds));

        var legal = income.Where(i => i.Year >= period.From.Year && i.Year <= period.To.Year)
            .Select(i =>
            {
                var year = new Period(new DateOnly(i.Year, 1, 1), new DateOnly(i.Year, 12, 31));
                var share = Overlap(year, period) / (decimal)(year.To.DayNumber - year.From.DayNumber + 1);
                return new LineItem($"legal income {i.Year} ({i.Source})", decimal.Round(i.Amount * share, 2), period,
                    [$"legal_income {i.PartyId}/{i.Year}/{i.Source}"], ItemStatus.Accepted);
            })
            .Where(l => l.Amount != 0).ToList();
        return new NetWorthComparison { Period = period, Start = PositionsOn(start), End = PositionsOn(end), Expenditures = expenditures, LegalIncome = legal };
    }

    /// <summary>
    /// An asset and its liability at cost: a rise in value is not income, so the comparison values every asset at its
    /// acquisition price (domain.md §4: valuation at cost unless stated); the overview shows current values beside it.
    /// </summary>
    private static IEnumerable<Position> Positions(OverviewItem item)
    {
        yield return new Position(item.AssetId, $"{item.Kind} {item.AssetId} ({item.LegalOwner}), at cost",
            item.AcquisitionPrice, IsLiability: false, [item.AssetId]);
        if (item.Encumbrance > 0)
        {
            yield return new Position(item.AssetId + "/liability", $"{item.EncumbranceKind ?? "liability"} on {item.AssetId}", item.Encumbrance,
                IsLiability: true, [item.AssetId], IsSham: item.EncumbranceIsSham);
        }
    }

    /// <summary>Calendar years of the period, clipped to it.</summary>
    public static IEnumerable<Period> Years(Period period)
    {
        for (var year = period.From.Year; year <= period.To.Year; year++)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            yield return new Period(from > period.From ? from : period.From, to < period.To ? to : period.To);
        }
    }

    private static decimal CoveredShare(Period period, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var monthPeriod = new Period(first, first.AddMonths(1).AddDays(-1));
        return Overlap(monthPeriod, period) / (decimal)DateTime.DaysInMonth(year, month);
    }

    private static int Overlap(Period a, Period b)
    {
        var from = a.From > b.From ? a.From : b.From;
        var to = a.To < b.To ? a.To : b.To;
        return Math.Max(0, to.DayNumber - from.DayNumber + 1);
    }

    private static DateTime ToInstant(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
