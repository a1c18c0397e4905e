using System.Globalization;
using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

/// <summary>
/// The confiscation reports as CSV for spreadsheets: for a subject one row per line item of every calculation and
/// per asset (a <c>section</c> column says which), for the ranking one row per candidate. Money with a dot and two
/// decimals, dates yyyy-MM-dd, ids separated by ';'.
/// </summary>
public static class ConfiscationCsv
{
    public const string SubjectHeader = "case_number,section,item,description,amount,period_from,period_to,status,source_record_ids";

    public static void WriteSubject(SubjectReport r, TextWriter w)
    {
        w.WriteLine(SubjectHeader);
        void Row(string section, string item, string description, decimal amount, Period period, string status, IEnumerable<string> ids) =>
            w.WriteLine(string.Join(',', CsvText.Text(r.CaseNumber), section, CsvText.Text(item), CsvText.Text(description), Money(amount),
                Day(period.From), Day(period.To), status, CsvText.Text(string.Join(';', ids))));
        void Line(string section, string item, LineItem l) => Row(section, item, l.Description, l.Amount, l.Period, Status(l.Status), l.SourceRecordIds);

        var period = r.Benefit.Period;
        foreach (var i in r.Overview.Items)
        {
            Row("asset_overview", $"{i.Kind} {i.AssetId}",
                string.Create(CultureInfo.InvariantCulture, $"legal owner {i.LegalOwner} ({i.LegalOwnerName}), controller {i.Controller} ({i.ControlBasis}, confidence {i.OwnershipConfidence:0.00}); acquired {Day(i.AcquiredAt)} for {Money(i.AcquisitionPrice)}; {i.ValuationBasis} {Day(i.ValuationDate)}; liabilities {Money(i.Encumbrance)}{(i.EncumbranceIsSham ? " (sham, left out)" : "")}; seizure {i.SeizureStatus}; {i.Liquidity}; priority {Money(i.SeizurePriority)}"),
                i.Value, period, "estimated", [i.AssetId, .. i.PayingTxIds]);
        }

        foreach (var p in r.Overview.Positions)
        {
            Row("net_worth_on", Day(p.Date), $"assets {Money(p.Assets)} − liabilities {Money(p.Liabilities)}", p.NetWorth, new Period(p.Date, p.Date), "estimated", []);
        }

        foreach (var l in r.Benefit.TransactionMethod.Proceeds)
        {
            Line("transaction_method", "proceeds", l);
        }

        foreach (var l in r.Benefit.TransactionMethod.DirectCosts)
        {
            Line("transaction_method", "direct costs", l);
        }

        Row("transaction_method", "wvv", "Σ proceeds − Σ direct costs", r.Benefit.TransactionMethod.Benefit, period, "estimated", []);
        foreach (var c in r.Benefit.CashStatements)
        {
            foreach (var (heading, l) in c.Lines())
            {
                Line("cash_statement", heading, l);
            }

            Row("cash_statement", "sources", "opening cash + cash withdrawn + legal cash income", c.Sources, c.Period, "estimated", []);
            Row("cash_statement", "uses", "cash deposited + cash purchases + cash living costs + closing cash", c.Uses, c.Period, "estimated", []);
            Row("cash_statement", "wvv", "max(0, uses − sources)", c.Benefit, c.Period, "estimated", []);
        }

        foreach (var s in r.Benefit.Sensitivity)
        {
            Row("cash_statement_sensitivity", s.Label, $"opening cash {Money(s.OpeningCash)}", s.Benefit, period, "estimated", []);
        }

        var nw = r.Benefit.NetWorthComparison;
        foreach (var (section, positions) in (ReadOnlySpan<(string, IReadOnlyList<Position>)>)[("net_worth_start", nw.Start), ("net_worth_end", nw.End)])
        {
            foreach (var p in positions)
            {
                Row("net_worth_comparison", section, p.Description + (p.IsSham ? " (sham, left out)" : ""), p.IsLiability ? -p.Value : p.Value, nw.Period,
                    Status(p.Status), p.SourceRecordIds);
            }
        }

        foreach (var e in nw.CountedExpenditures)
        {
            Row("net_worth_comparison", "expenditure", e.Description, e.Amount, nw.Period, Status(e.Status), e.SourceRecordIds);
        }

        foreach (var e in nw.CountedInNetWorth)
        {
            Row("net_worth_comparison", "expenditure counted in NW(end)", e.Description, 0m, nw.Period, Status(e.Status), e.SourceRecordIds);
        }

        foreach (var l in nw.LegalIncome)
        {
            Line("net_worth_comparison", "legal income", l);
        }

        Row("net_worth_comparison", "wvv", "NW(end) − NW(start) + expenditures − legal income", nw.Benefit, nw.Period, "estimated", []);
        Row("payable", "payable", "max(0, wvv − paid to victims − already forfeited − court reductions) on the transaction method", r.Payable, period, "estimated", []);
    }

    public const string CandidatesHeader =
        "rank,party_id,name,kind,estimated_wvv,cash_statement_wvv,net_worth_comparison_wvv,recoverable_value,seizure_priority,evidence_strength,expected_recovery,alerts,typologies,straw_men,companies,assets,reasons";

    public static void WriteCandidates(CandidateList list, TextWriter w)
    {
        w.WriteLine(CandidatesHeader);
        foreach (var c in list.Candidates)
        {
            w.WriteLine(string.Join(',',
                c.Rank.ToString(CultureInfo.InvariantCulture), CsvText.Text(c.SubjectId), CsvText.Text(c.Name), c.Kind, Money(c.EstimatedBenefit),
                Money(c.CashStatementBenefit), Money(c.NetWorthBenefit), Money(c.RecoverableValue), Money(c.SeizurePriority),
                c.EvidenceStrength.ToString("0.0000", CultureInfo.InvariantCulture), Money(c.ExpectedRecovery), c.Alerts.ToString(CultureInfo.InvariantCulture),
                CsvText.Text(string.Join(';', c.Typologies)), c.StrawMen.ToString(CultureInfo.InvariantCulture), c.Companies.ToString(CultureInfo.InvariantCulture),
                c.Assets.ToString(CultureInfo.InvariantCulture), CsvText.Text(string.Join(" | ", c.Reasons))));
        }
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Status(ItemStatus status) => status.ToString().ToLowerInvariant();
}
