using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Storage;
using Serilog;

namespace Afpakken.Engine.Confiscation;

/// <summary>What is deducted from the benefit to get the payable amount (domain.md §4), as the case file states it.</summary>
public sealed record PayableDeductions(decimal PaidToVictims, decimal AlreadyForfeited, decimal CourtReductions);

/// <summary>Everything a prosecutor's report on one subject holds.</summary>
/// <param name="Payable">max(0, wvv − paid to victims − already forfeited − court reductions), on the estimated wvv.</param>
/// <param name="Deductions">The deductions applied; null when none were given.</param>
public sealed record SubjectReport(
    string CaseNumber, string ProducedBy, DateTime ProducedAt, SubjectControl Control, AssetOverview Overview, BenefitEstimate Benefit,
    double EvidenceStrength, decimal Payable, PayableDeductions? Deductions = null);

/// <summary>One subject on the ranked list, with the figures and the reasons that put it there.</summary>
public sealed record Candidate(
    int Rank,
    string SubjectId,
    string Name,
    string Kind,
    decimal EstimatedBenefit,
    decimal CashStatementBenefit,
    decimal NetWorthBenefit,
    decimal RecoverableValue,
    decimal SeizurePriority,
    double EvidenceStrength,
    decimal ExpectedRecovery,
    int Alerts,
    IReadOnlyList<string> Typologies,
    int StrawMen,
    int Companies,
    int Assets,
    IReadOnlyList<string> Reasons);

/// <summary>The ranked list: triage for a person to act on, never a decision (domain.md §6).</summary>
public sealed record CandidateList(string ProducedBy, DateTime ProducedAt, Period Period, int SubjectsConsidered, IReadOnlyList<Candidate> Candidates);

/// <summary>
/// The confiscation side over a data directory (issue 5): the asset overview and benefit of one subject, and the
/// ranked list of confiscation candidates found through the alerts of the last detection run.
/// </summary>
public sealed class ConfiscationService
{
    private readonly SqliteStore _store;
    private readonly ConfiscationOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PartyQueries _parties;
    private readonly FlowFacts _facts;
    private readonly AuditLog _audit;

    public ConfiscationService(SqliteStore store, ConfiscationOptions options, ILogger logger, TimeProvider time)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _time = time;
        _parties = new PartyQueries(store);
        _facts = new FlowFacts(store);
        _audit = new AuditLog(store, time);
    }

    /// <summary>The role of whoever uses this service, as written to the audit log (the CLI has no login: "cli").</summary>
    public string Role { get; init; } = "cli";

    /// <summary>Why the data is consulted, as written to the audit log.</summary>
    public string Purpose { get; init; } = DefaultPurpose;

    /// <summary>
    /// True (the CLI): each overview and ranking is written to the audit log here. A host that records every read of
    /// personal data itself (the API's access audit) sets false, so that one read is one entry.
    /// </summary>
    public bool RecordsReads { get; init; } = true;

    /// <summary>The purpose of an asset overview when none is given.</summary>
    public const string DefaultPurpose = "confiscation (art. 36e Sr)";

    /// <summary>The purpose of a candidate ranking.</summary>
    public const string TriagePurpose = "confiscation triage";

    /// <summary>
    /// The analysed window of the last detection run as the whole days inside it (a window starting at 20:00 starts the
    /// period the next day), or null before any run.
    /// </summary>
    public async Task<Period?> DefaultPeriodAsync(CancellationToken cancellationToken) =>
        await _facts.RunAsync(cancellationToken) is { } run
            ? new Period(DateOnly.FromDateTime(run.From).AddDays(run.From.TimeOfDay > TimeSpan.Zero ? 1 : 0), DateOnly.FromDateTime(run.To.AddTicks(-1)))
            : null;

    public async Task<SubjectReport> SubjectReportAsync(
        string subjectId, Period period, string caseNumber, string producedBy, decimal? claimedOpeningCash, CancellationToken cancellationToken,
        PayableDeductions? deductions = null)
    {
        if (string.IsNullOrWhiteSpace(caseNumber))
        {
            throw new InvalidInputException("--case", "an asset overview requires a case number (domain.md §6: purpose-bound access)");
        }

        var context = await ContextAsync(cancellationToken);
        var report = await BuildAsync(subjectId, period, context, claimedOpeningCash, caseNumber, producedBy, cancellationToken);
        if (deductions is not null)
        {
            report = report with
            {
                Deductions = deductions,
                Payable = Payable.Of(report.Benefit.Estimated, deductions.PaidToVictims, deductions.AlreadyForfeited, deductions.CourtReductions),
            };
        }
        if (RecordsReads)
        {
            await _audit.AppendAsync(producedBy, Role, "consult",
                $"asset overview of party {subjectId} and {report.Control.Parties.Count - 1} controlled parties, {report.Control.Accounts.Count} accounts, " +
                $"{report.Overview.Items.Count} assets, period {period}", caseNumber, Purpose, recipient: null, cancellationToken);
            _logger.ForContext("Audit", true).ForContext("SubjectId", subjectId).ForContext("CaseNumber", caseNumber)
                .Information("Asset overview of {SubjectId} for case {CaseNumber} produced by {User}: {Items} assets, estimated benefit {Benefit}",
                    subjectId, caseNumber, producedBy, report.Overview.Items.Count, report.Benefit.Estimated);
        }
        return report;
    }

    public async Task<CandidateList> CandidatesAsync(Period period, string producedBy, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken);
        var alerts = await _facts.AllAlertsAsync(cancellationToken);
        var byAccount = alerts
            .SelectMany(a => a.Alert.Accounts.Distinct(StringComparer.Ordinal).Select(account => (Account: account, Alert: a)))
            .ToLookup(x => x.Account, x => x.Alert, StringComparer.Ordinal);
        var seeds = await SeedsAsync(alerts, context, cancellationToken);
        var considered = 0;
        var candidates = new List<Candidate>();
        foreach (var subjectId in seeds)
        {
            considered++;
            var control = await SubjectControl.BuildAsync(_parties, _facts, _options, subjectId, cancellationToken);
            // The alerts touching the subject's accounts, from those already read (in alert id order, as the store gives them).
            var touching = control.AccountIds.SelectMany(account => byAccount[account]).DistinctBy(a => a.Alert.AlertId)
                .OrderBy(a => a.Alert.AlertId, StringComparer.Ordinal).ToList();
            var attributed = Attributed(control, touching, context);
            var inPeriod = attributed.Where(a => period.Contains(DateOnly.FromDateTime(a.Alert.FirstAt))).ToList();
            if (inPeriod.Sum(a => a.Alert.TotalAmount) < _options.Candidates.MinBenefit || Evidence(inPeriod) < _options.Candidates.MinEvidence)
            {
                continue;
            }

            var overview = await AssetOverview.BuildAsync(control, period, _parties, _facts, _options, cancellationToken);
            var benefit = await BenefitEstimate.BuildAsync(control, overview, period, attributed, _parties, _facts, _options, null, cancellationToken);
            var evidence = Evidence(benefit.Alerts);
            if (benefit.Estimated < _options.Candidates.MinBenefit || evidence < _options.Candidates.MinEvidence)
            {
                continue;
            }

            candidates.Add(ToCandidate(control, overview, benefit, evidence));
        }

        var ranked = candidates
            .OrderByDescending(c => c.ExpectedRecovery).ThenByDescending(c => c.EstimatedBenefit).ThenBy(c => c.SubjectId, StringComparer.Ordinal)
            .Take(_options.Candidates.MaxListed)
            .Select((c, i) => c with { Rank = i + 1 }).ToList();
        if (RecordsReads)
        {
            await _audit.AppendAsync(producedBy, Role, "consult",
                $"confiscation candidate ranking, period {period}: {ranked.Count} subjects listed ({string.Join(", ", ranked.Take(20).Select(c => c.SubjectId))}{(ranked.Count > 20 ? ", …" : "")})",
                caseNumber: null, Purpose, recipient: null, cancellationToken);
            _logger.ForContext("Audit", true)
                .Information("Candidate ranking produced by {User}: {Candidates} candidates of {Considered} subjects reached through {Alerts} alerts",
                    producedBy, ranked.Count, considered, alerts.Count);
        }
        return new CandidateList(producedBy, _time.GetUtcNow().UtcDateTime, period, considered, ranked);
    }

    private sealed record Context(IReadOnlySet<string> Gatekeepers, IReadOnlySet<string> AssetPaymentTxIds, IReadOnlySet<string> CashTradeAccounts);

    private async Task<Context> ContextAsync(CancellationToken cancellationToken)
    {
        var gatekeepers = await new EntityStore(_store).AccountsOfKindsAsync(EntityStore.GatekeeperKinds, cancellationToken);
        var cashTrade = await _parties.AccountsOfRoleHintsAsync(_options.Attribution.CashTradeRoleHints ?? [], cancellationToken);
        return new Context(gatekeepers.ToHashSet(StringComparer.Ordinal), await _facts.AssetPaymentTxIdsAsync(cancellationToken), cashTrade);
    }

    private IReadOnlyList<AttributedAlert> Attributed(
        SubjectControl control, IReadOnlyList<(Alert Alert, IReadOnlyList<FlowTransaction> Transactions)> touching, Context context) =>
        Attribution.For(control.AccountIds, touching, context.Gatekeepers, context.AssetPaymentTxIds, _options.Attribution, context.CashTradeAccounts);

    private async Task<SubjectReport> BuildAsync(
        string subjectId, Period period, Context context, decimal? claimedOpeningCash, string caseNumber, string producedBy, CancellationToken cancellationToken)
    {
        var control = await SubjectControl.BuildAsync(_parties, _facts, _options, subjectId, cancellationToken);
        var attributed = Attributed(control, await _facts.AlertsTouchingAsync(control.AccountIds, cancellationToken), context);
        var overview = await AssetOverview.BuildAsync(control, period, _parties, _facts, _options, cancellationToken);
        var benefit = await BenefitEstimate.BuildAsync(control, overview, period, attributed, _parties, _facts, _options, claimedOpeningCash, cancellationToken);
        return new SubjectReport(caseNumber, producedBy, _time.GetUtcNow().UtcDateTime, control, overview, benefit, Evidence(benefit.Alerts),
            Payable.Of(benefit.Estimated));
    }

    /// <summary>
    /// The parties reached through the beneficiary side of the alerts: the holder of each such account, or — for a
    /// company with known directors / UBOs — those directors (the company is then part of their network); and for a
    /// person holding the hub account of a pass-through alert, the persons sharing its phone or e-mail.
    /// </summary>
    private async Task<IReadOnlyList<string>> SeedsAsync(
        IReadOnlyList<(Alert Alert, IReadOnlyList<FlowTransaction> Transactions)> alerts, Context context, CancellationToken cancellationToken)
    {
        var accounts = alerts.Where(a => !Attribution.IsCashTrade(a.Alert, context.CashTradeAccounts))
            .SelectMany(a => Attribution.BeneficiarySide(a.Alert, a.Transactions, context.Gatekeepers, context.AssetPaymentTxIds, _options.Attribution))
            .Select(x => x.Account).ToHashSet(StringComparer.Ordinal);
        var holders = await _parties.HoldersAsync(accounts, cancellationToken);
        var seeds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var holder in holders.Values.Distinct(StringComparer.Ordinal))
        {
            var directors = await _facts.DirectorsOfAsync(holder, cancellationToken);
            if (directors.Count == 0)
            {
                seeds.Add(holder);
            }
            else
            {
                seeds.UnionWith(directors);
            }
        }

        // A mule account leads to whoever registered it with their own phone or e-mail (see SubjectControl).
        var herded = _options.Attribution.Herded;
        var hubs = alerts.Where(a => herded.Contains(a.Alert.Typology, StringComparer.Ordinal)).Select(a => a.Alert.FocusAccount).ToHashSet(StringComparer.Ordinal);
        foreach (var holder in holders.Where(h => hubs.Contains(h.Key)).Select(h => h.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (await _parties.PartyAsync(holder, cancellationToken) is { Kind: not "company" } party)
            {
                seeds.UnionWith((await _parties.LinkedAsync(party, cancellationToken))
                    .Where(p => p.Kind != "company" && SubjectNetwork.SharesContact(party, p)).Select(p => p.PartyId));
            }
        }

        return [.. seeds];
    }

    /// <summary>
    /// 1 − Π(1 − score × share) over the alerts: how strongly independent alerts together point at the subject, each
    /// weighed by how much of its money is on the subject's side (all of it when the subject's account is its focus).
    /// </summary>
    public static double Evidence(IEnumerable<AttributedAlert> alerts) =>
        1 - alerts.Aggregate(1.0, (p, a) => p * (1 - (Math.Clamp(a.Alert.Score, 0, 1) * Math.Clamp(a.Share, 0, 1))));

    private static Candidate ToCandidate(SubjectControl control, AssetOverview overview, BenefitEstimate benefit, double evidence)
    {
        var recoverable = decimal.Round(overview.RecoverableValue, 2);
        var expected = decimal.Round(Math.Min(benefit.Estimated, recoverable) * (decimal)evidence, 2);
        var typologies = benefit.Alerts.Select(a => a.Alert.Typology).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var strawMen = control.Parties.Count(p => p.Basis == ControlBasis.StrawManPaidAssets);
        var companies = control.Parties.Count(p => p.Basis is ControlBasis.CompanyDirected or ControlBasis.CompanyOfStrawMan);
        var reasons = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{benefit.Alerts.Count} alert(s) attributed ({string.Join(", ", typologies)}); evidence strength {evidence:0.00}"),
            string.Create(CultureInfo.InvariantCulture, $"estimated benefit {benefit.Estimated:N2} by the transaction method (cash statement {benefit.CashStatementBenefit:N2}, net-worth comparison {benefit.NetWorthComparison.Benefit:N2})"),
            string.Create(CultureInfo.InvariantCulture, $"recoverable {recoverable:N2} in {overview.Items.Count(i => !i.IsSeized)} asset(s)"),
        };
        if (overview.Items.FirstOrDefault(i => i.SeizurePriority > 0) is { } first)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"seize first: {first.Kind} {first.AssetId} held by {first.LegalOwner} (priority {first.SeizurePriority:N2})"));
        }

        if (strawMen + companies > 0)
        {
            reasons.Add($"controls {strawMen} straw man/men and {companies} company/companies");
        }

        return new Candidate(0, control.Subject.PartyId, control.Subject.Name, control.Subject.Kind, benefit.Estimated, benefit.CashStatementBenefit,
            benefit.NetWorthComparison.Benefit, recoverable, overview.SeizurePriority, Math.Round(evidence, 4), expected, benefit.Alerts.Count,
            typologies, strawMen, companies, overview.Items.Count, reasons);
    }
}
