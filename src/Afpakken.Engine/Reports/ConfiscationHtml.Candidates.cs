using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

public static partial class ConfiscationHtml
{
    /// <summary>Afpakkandidaten: the ranked list with the figures and reasons behind each rank, and the triage note.</summary>
    private static void WriteCandidateTable(ConfiscationHtmlPage page, CandidateList list)
    {
        var text = page.Text;
        page.Heading(1, text.CandidatesTitle);
        page.TableStart("meta");
        page.Row(text.Period, ReportText.Span(list.Period));
        page.Row(text.SubjectsConsidered, text.Count(list.SubjectsConsidered));
        page.Row(text.CandidatesListed, text.Count(list.Candidates.Count));
        page.Row(text.ProducedBy, list.ProducedBy);
        page.Row(text.ProducedAt, ReportText.Instant(list.ProducedAt));
        page.TableEnd();
        page.Paragraph(text.TriageNote, "note");
        if (list.Candidates.Count == 0)
        {
            page.Paragraph(text.None);
            return;
        }

        page.TableStart("candidates", "#" + text.Rank, text.Subject, "#" + text.EstimatedBenefit, "#" + text.CashStatement, "#" + text.NetWorthComparison,
            "#" + text.RecoverableValue, "#" + text.SeizurePriority, "#" + text.EvidenceStrength, "#" + text.ExpectedRecovery, text.AlertsAndTypologies,
            text.Reasons);
        foreach (var c in list.Candidates)
        {
            var network = ReportText.Fill(text.CandidateNetwork, text.Count(c.StrawMen), text.Count(c.Companies), text.Count(c.Assets));
            page.RawRow(null,
                ConfiscationHtmlPage.Cell(text.Count(c.Rank), "num"),
                ConfiscationHtmlPage.Lines(c.Name, $"{c.SubjectId} · {text.Term(c.Kind)}", network),
                page.MoneyCell(c.EstimatedBenefit), page.MoneyCell(c.CashStatementBenefit), page.MoneyCell(c.NetWorthBenefit),
                page.MoneyCell(c.RecoverableValue), page.MoneyCell(c.SeizurePriority),
                ConfiscationHtmlPage.Cell(text.Ratio(c.EvidenceStrength), "num"), page.MoneyCell(c.ExpectedRecovery),
                ConfiscationHtmlPage.Lines(text.Count(c.Alerts), string.Join(", ", c.Typologies)),
                List(c.Reasons.Select(text.Phrase)));
        }

        page.TableEnd();
        page.Paragraph(text.CandidatesNote, "muted");
    }
}
