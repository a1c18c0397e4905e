using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

public static partial class ConfiscationHtml
{
    /// <summary>The unlawfully obtained benefit by the three methods of domain.md §4, each line with its sources, period and status, and the arithmetic written out.</summary>
    private static void WriteBenefit(ConfiscationHtmlPage page, BenefitEstimate benefit)
    {
        var text = page.Text;
        page.Heading(2, text.Benefit, "benefit");
        page.TableStart(null, text.Method, "#" + text.Wvv);
        page.RawRow(null, ConfiscationHtmlPage.Cell(text.TransactionMethod), page.MoneyCell(benefit.TransactionMethod.Benefit));
        page.RawRow(null, ConfiscationHtmlPage.Cell(text.CashStatement), page.MoneyCell(benefit.CashStatementBenefit));
        page.RawRow(null, ConfiscationHtmlPage.Cell(text.NetWorthComparison), page.MoneyCell(benefit.NetWorthComparison.Benefit));
        page.TableEnd();
        page.Paragraph(text.EstimatedNote, "muted");

        WriteTransactionMethod(page, benefit);
        WriteCashStatements(page, benefit);
        WriteNetWorthComparison(page, benefit.NetWorthComparison);
    }

    private static void WriteTransactionMethod(ConfiscationHtmlPage page, BenefitEstimate benefit)
    {
        var text = page.Text;
        page.Heading(3, text.TransactionMethod, "transaction-method");
        page.Heading(4, text.Alerts);
        if (benefit.Alerts.Count == 0)
        {
            page.Paragraph(text.None);
        }
        else
        {
            page.TableStart(null, text.Alert, text.Period, "#" + text.Score, text.Reason, "#" + text.Transactions, "#" + text.Amount);
            foreach (var a in benefit.Alerts)
            {
                page.RawRow(null, ConfiscationHtmlPage.Lines(a.Alert.AlertId, a.Alert.Typology, a.Alert.Detector),
                    ConfiscationHtmlPage.Cell($"{ReportText.Instant(a.Alert.FirstAt)} – {ReportText.Instant(a.Alert.LastAt)}"),
                    ConfiscationHtmlPage.Cell(text.Ratio(a.Alert.Score), "num"), ConfiscationHtmlPage.Lines(text.Phrase(a.Reason), a.Alert.Explanation),
                    ConfiscationHtmlPage.Cell(text.Count(a.Alert.TxIds.Count), "num"), page.MoneyCell(a.Alert.TotalAmount));
            }

            page.TableEnd();
        }

        var method = benefit.TransactionMethod;
        page.Heading(4, text.Proceeds);
        LineItems(page, method.Proceeds);
        page.Heading(4, text.DirectCosts);
        LineItems(page, method.DirectCosts);
        page.Paragraph(ReportText.Fill(text.TransactionFormula, text.Money(LineItem.Sum(method.Proceeds)), text.Money(LineItem.Sum(method.DirectCosts)),
            text.Money(method.Benefit)), "formula");
    }

    private static void WriteCashStatements(ConfiscationHtmlPage page, BenefitEstimate benefit)
    {
        var text = page.Text;
        page.Heading(3, text.CashStatement, "cash-statement");
        page.Paragraph(text.CashStatementNote, "muted");
        if (benefit.CashStatements.Count == 0)
        {
            page.Paragraph(text.None);
        }

        foreach (var statement in benefit.CashStatements)
        {
            page.Heading(4, $"{text.CashStatement} {ReportText.Span(statement.Period)}");
            page.TableStart(null, text.Description, text.Period, text.Status, text.Sources, "#" + text.Amount);
            foreach (var group in statement.Lines().GroupBy(l => l.Heading, StringComparer.Ordinal))
            {
                page.RawRow("total", ConfiscationHtmlPage.Cell(text.Term(group.Key), colspan: 4), page.MoneyCell(LineItem.Sum(group.Select(l => l.Item))));
                foreach (var (_, item) in group)
                {
                    LineItemRow(page, item);
                }
            }

            page.TableEnd();
            var m = text.Money;
            page.Out.Write("<div class=\"formula\">");
            page.Out.Write(E(ReportText.Fill(text.CashSourcesFormula, m(LineItem.Sum(statement.OpeningCash)), m(LineItem.Sum(statement.CashWithdrawn)),
                m(LineItem.Sum(statement.LegalCashIncome)), m(statement.Sources))));
            page.Out.Write("<br />");
            page.Out.Write(E(ReportText.Fill(text.CashUsesFormula, m(LineItem.Sum(statement.CashDeposited)), m(LineItem.Sum(statement.CashPurchases)),
                m(LineItem.Sum(statement.CashLivingCosts)), m(LineItem.Sum(statement.ClosingCash)), m(statement.Uses))));
            page.Out.Write("<br />");
            page.Out.Write(E(ReportText.Fill(text.CashWvvFormula, m(statement.Uses), m(statement.Sources), m(statement.Uses - statement.Sources), m(statement.Benefit))));
            page.Out.Write("</div>\n");
        }

        page.Heading(4, text.Sensitivity);
        page.TableStart(null, text.Run, "#" + text.OpeningCash, "#" + text.Wvv);
        foreach (var run in benefit.Sensitivity)
        {
            page.RawRow(null, ConfiscationHtmlPage.Cell(text.Term(run.Label)), page.MoneyCell(run.OpeningCash), page.MoneyCell(run.Benefit));
        }

        page.TableEnd();
    }

    private static void WriteNetWorthComparison(ConfiscationHtmlPage page, NetWorthComparison comparison)
    {
        var text = page.Text;
        page.Heading(3, text.NetWorthComparison, "net-worth-comparison");
        page.Heading(4, ReportText.Fill(text.StartPositions, ReportText.Date(comparison.Period.From.AddDays(-1))));
        Positions(page, comparison.Start, comparison.NetWorthStart);
        page.Heading(4, ReportText.Fill(text.EndPositions, ReportText.Date(comparison.Period.To)));
        Positions(page, comparison.End, comparison.NetWorthEnd);

        page.Heading(4, text.CountedExpenditures);
        Expenditures(page, comparison.CountedExpenditures, counted: true);
        page.Heading(4, text.CountedInNetWorth);
        page.Paragraph(text.CountedOnceNote, "muted");
        Expenditures(page, comparison.CountedInNetWorth, counted: false);
        page.Heading(4, text.LegalIncome);
        LineItems(page, comparison.LegalIncome);

        var m = text.Money;
        var spent = comparison.CountedExpenditures.Sum(e => e.Amount);
        page.Paragraph(ReportText.Fill(text.NetWorthFormula, m(comparison.NetWorthEnd), m(comparison.NetWorthStart), m(spent),
            m(LineItem.Sum(comparison.LegalIncome)), m(comparison.Benefit)), "formula");
    }

    private static void Positions(ConfiscationHtmlPage page, IReadOnlyList<Position> positions, decimal netWorth)
    {
        var text = page.Text;
        page.TableStart(null, text.Description, text.Kind, text.Status, text.Sources, "#" + text.Value);
        foreach (var p in positions)
        {
            var kind = p.IsSham ? text.ShamLeftOut : p.IsLiability ? text.Liability : text.Asset;
            page.RawRow(p.IsSham ? "muted" : null, ConfiscationHtmlPage.Lines(text.Phrase(p.Description), p.AssetId), ConfiscationHtmlPage.Cell(kind),
                ConfiscationHtmlPage.Cell(page.Text.StatusOf(p.Status)), ConfiscationHtmlPage.Ids(p.SourceRecordIds.Select(page.Text.Phrase)), page.MoneyCell(p.IsLiability ? -p.Value : p.Value));
        }

        page.RawRow("total", ConfiscationHtmlPage.Cell(text.NetWorth, colspan: 4), page.MoneyCell(netWorth));
        page.TableEnd();
    }

    private static void Expenditures(ConfiscationHtmlPage page, IReadOnlyList<Expenditure> expenditures, bool counted)
    {
        var text = page.Text;
        if (expenditures.Count == 0)
        {
            page.Paragraph(text.None);
            return;
        }

        page.TableStart(null, text.Description, text.Asset, text.Status, text.Sources, "#" + text.Amount);
        foreach (var e in expenditures)
        {
            page.RawRow(counted ? null : "muted", ConfiscationHtmlPage.Cell(text.Phrase(e.Description)), ConfiscationHtmlPage.Cell(e.AssetId ?? "–"),
                ConfiscationHtmlPage.Cell(text.StatusOf(e.Status)), ConfiscationHtmlPage.Ids(e.SourceRecordIds.Select(text.Phrase)), page.MoneyCell(e.Amount));
        }

        page.RawRow("total", ConfiscationHtmlPage.Cell(counted ? text.Total : text.NotCounted, colspan: 4), page.MoneyCell(expenditures.Sum(e => e.Amount)));
        page.TableEnd();
    }

    private static void LineItems(ConfiscationHtmlPage page, IReadOnlyList<LineItem> items)
    {
        var text = page.Text;
        if (items.Count == 0)
        {
            page.Paragraph(text.None);
            return;
        }

        page.TableStart(null, text.Description, text.Period, text.Status, text.Sources, "#" + text.Amount);
        foreach (var item in items)
        {
            LineItemRow(page, item);
        }

        page.RawRow("total", ConfiscationHtmlPage.Cell(text.Total, colspan: 4), page.MoneyCell(LineItem.Sum(items)));
        page.TableEnd();
    }

    private static void LineItemRow(ConfiscationHtmlPage page, LineItem item) =>
        page.RawRow(null, ConfiscationHtmlPage.Cell(page.Text.Phrase(item.Description)), ConfiscationHtmlPage.Cell(ReportText.Span(item.Period)),
            ConfiscationHtmlPage.Cell(page.Text.StatusOf(item.Status)), ConfiscationHtmlPage.Ids(item.SourceRecordIds.Select(page.Text.Phrase)), page.MoneyCell(item.Amount));
}
