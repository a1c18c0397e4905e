using System.Text.Encodings.Web;
using System.Text.Json;
using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

/// <summary>
/// The machine-readable confiscation reports: field names after the data contract (snake_case), money as JSON numbers
/// with two decimals, every calculation with its line items (source record ids, period, status) and its <c>wvv</c>.
/// </summary>
public static class ConfiscationJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteSubjectAsync(SubjectReport report, Stream output, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, Subject(report), Options, cancellationToken);

    public static Task WriteCandidatesAsync(CandidateList list, Stream output, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, Candidates(list), Options, cancellationToken);

    public static object Subject(SubjectReport r) => new
    {
        report = "asset_overview",
        case_number = r.CaseNumber,
        produced_by = r.ProducedBy,
        produced_at = r.ProducedAt,
        period = Period(r.Benefit.Period),
        subject = Party(r.Control.Subject),
        network = new
        {
            controlled_parties = r.Control.Parties.Select(p => new { party_id = p.Party.PartyId, name = p.Party.Name, kind = p.Party.Kind, basis = p.Basis, confidence = p.Confidence, evidence = p.Evidence }),
            accounts = r.Control.Accounts.Select(a => new { account = a.Account, holder = a.Holder, basis = a.Basis, confidence = a.Confidence }),
            linked_parties = r.Control.Links.Select(l => new { party_id = l.Party.PartyId, name = l.Party.Name, kind = l.Party.Kind, reasons = l.Reasons }),
        },
        asset_overview = new
        {
            assets = r.Overview.Items.Select(i => new
            {
                asset_id = i.AssetId,
                kind = i.Kind,
                description = i.Description,
                legal_owner = i.LegalOwner,
                legal_owner_name = i.LegalOwnerName,
                controller = i.Controller,
                control_basis = i.ControlBasis,
                ownership_confidence = i.OwnershipConfidence,
                evidence = i.Evidence,
                paid_from_tx_ids = i.PayingTxIds,
                acquired_at = i.AcquiredAt,
                acquisition_price = i.AcquisitionPrice,
                current_value = i.Value,
                valuation_basis = i.ValuationBasis,
                valuation_date = i.ValuationDate,
                liabilities = i.Encumbrance,
                liability_kind = i.EncumbranceKind,
                liability_is_sham = i.EncumbranceIsSham,
                seizure_status = i.SeizureStatus,
                liquidity = i.Liquidity,
                dissipation_risk = i.DissipationRisk,
                net_realisable_value = i.NetRealisableValue,
                seizure_priority = i.SeizurePriority,
            }),
            reference_dates = r.Overview.Positions.Select(p => new
            {
                date = p.Date,
                classes = p.Classes.Select(c => new { kind = c.Kind, count = c.Count, gross = c.Gross, liabilities = c.Encumbrances, net = c.Net }),
                assets = p.Assets,
                liabilities = p.Liabilities,
                net_worth = p.NetWorth,
            }),
            recoverable_value = decimal.Round(r.Overview.RecoverableValue, 2),
            seizure_priority = r.Overview.SeizurePriority,
        },
        transaction_method = new
        {
            proceeds = r.Benefit.TransactionMethod.Proceeds.Select(Line),
            direct_costs = r.Benefit.TransactionMethod.DirectCosts.Select(Line),
            wvv = r.Benefit.TransactionMethod.Benefit,
        },
        cash_statements = r.Benefit.CashStatements.Select(c => new
        {
            period = Period(c.Period),
            opening_cash = c.OpeningCash.Select(Line),
            cash_withdrawn = c.CashWithdrawn.Select(Line),
            legal_cash_income = c.LegalCashIncome.Select(Line),
            cash_deposited = c.CashDeposited.Select(Line),
            cash_purchases = c.CashPurchases.Select(Line),
            cash_living_costs = c.CashLivingCosts.Select(Line),
            closing_cash = c.ClosingCash.Select(Line),
            sources = c.Sources,
            uses = c.Uses,
            wvv = c.Benefit,
        }),
        cash_statement_wvv = r.Benefit.CashStatementBenefit,
        sensitivity = r.Benefit.Sensitivity.Select(s => new { label = s.Label, opening_cash = s.OpeningCash, wvv = s.Benefit }),
        net_worth_comparison = new
        {
            period = Period(r.Benefit.NetWorthComparison.Period),
            start = r.Benefit.NetWorthComparison.Start.Select(Position),
            end = r.Benefit.NetWorthComparison.End.Select(Position),
            net_worth_start = r.Benefit.NetWorthComparison.NetWorthStart,
            net_worth_end = r.Benefit.NetWorthComparison.NetWorthEnd,
            expenditures = r.Benefit.NetWorthComparison.CountedExpenditures.Select(Expenditure),
            expenditures_counted_in_net_worth = r.Benefit.NetWorthComparison.CountedInNetWorth.Select(Expenditure),
            legal_income = r.Benefit.NetWorthComparison.LegalIncome.Select(Line),
            wvv = r.Benefit.NetWorthComparison.Benefit,
        },
        estimated_wvv = r.Benefit.Estimated,
        estimated_wvv_method = "transaction_method",
        evidence_strength = Math.Round(r.EvidenceStrength, 4),
        payable = r.Payable,
        payable_deductions = r.Deductions is { } d ? new { paid_to_victims = d.PaidToVictims, already_forfeited = d.AlreadyForfeited, court_reductions = d.CourtReductions } : null,
        alerts = r.Benefit.Alerts.Select(a => new
        {
            alert_id = a.Alert.AlertId,
            typology = a.Alert.Typology,
            score = a.Alert.Score,
            total_amount = a.Alert.TotalAmount,
            first_at = a.Alert.FirstAt,
            last_at = a.Alert.LastAt,
            explanation = a.Alert.Explanation,
            attributed_because = a.Reason,
            transactions = a.Transactions.Select(t => new { tx_id = t.TxId, booked_at = t.BookedAt, from_account = t.FromAccount, to_account = t.ToAccount, amount = t.Amount, channel = t.Channel }),
        }),
        note = "Scores and rankings are triage signals. No status of a person changes without a named official, a reason and a snapshot of this explanation.",
    };

    public static object Candidates(CandidateList list) => new
    {
        report = "confiscation_candidates",
        produced_by = list.ProducedBy,
        produced_at = list.ProducedAt,
        period = Period(list.Period),
        subjects_considered = list.SubjectsConsidered,
        candidates = list.Candidates.Select(c => new
        {
            rank = c.Rank,
            party_id = c.SubjectId,
            name = c.Name,
            kind = c.Kind,
            estimated_wvv = c.EstimatedBenefit,
            cash_statement_wvv = c.CashStatementBenefit,
            net_worth_comparison_wvv = c.NetWorthBenefit,
            recoverable_value = c.RecoverableValue,
            seizure_priority = c.SeizurePriority,
            evidence_strength = c.EvidenceStrength,
            expected_recovery = c.ExpectedRecovery,
            alerts = c.Alerts,
            typologies = c.Typologies,
            straw_men = c.StrawMen,
            companies = c.Companies,
            assets = c.Assets,
            reasons = c.Reasons,
        }),
        note = "A ranking for triage, not a decision: no one becomes a candidate, is proposed for seizure or changes status without a named person.",
    };

    private static object Period(Period p) => new { from = p.From, to = p.To };

    private static object Party(Contract.Party p) => new
    {
        party_id = p.PartyId,
        kind = p.Kind,
        name = p.Name,
        birth_date = p.BirthDate,
        registration_number = p.RegistrationNumber,
        address = p.Address,
        phone = p.Phone,
        email = p.Email,
        sector_code = p.SectorCode,
        role_hint = p.RoleHint,
        directors = p.Directors,
    };

    private static object Line(LineItem l) => new
    {
        description = l.Description,
        amount = l.Amount,
        period = Period(l.Period),
        source_record_ids = l.SourceRecordIds,
        status = l.Status.ToString().ToLowerInvariant(),
    };

    private static object Position(Position p) => new
    {
        asset_id = p.AssetId,
        description = p.Description,
        value = p.Value,
        is_liability = p.IsLiability,
        is_sham = p.IsSham,
        source_record_ids = p.SourceRecordIds,
        status = p.Status.ToString().ToLowerInvariant(),
    };

    private static object Expenditure(Expenditure e) => new
    {
        description = e.Description,
        amount = e.Amount,
        asset_id = e.AssetId,
        source_record_ids = e.SourceRecordIds,
        status = e.Status.ToString().ToLowerInvariant(),
    };
}
