using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

/// <summary>
/// The printable HTML reports of the confiscation side (issue 5): a subject's asset overview and unlawfully obtained
/// benefit, and the ranked list of confiscation candidates. Dutch by default ("nl"), English with "en". The output is
/// one self-contained HTML5 file (inline CSS and SVG, no scripts, no external resources) with the case number and the
/// producer on every printed page.
/// </summary>
public static partial class ConfiscationHtml
{
    /// <summary>Writes the report on one subject: its network, asset overview, benefit by each method, and the payable amount.</summary>
    /// <param name="lang">"nl" (default) or "en".</param>
    public static void WriteSubject(SubjectReport report, string lang, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var text = ReportText.For(lang);
        var page = new ConfiscationHtmlPage(writer, text);
        var subject = report.Control.Subject;
        var title = $"{text.AssetOverview} — {text.CaseNumber} {report.CaseNumber} — {subject.Name} ({subject.PartyId})";
        page.Begin(title, Running(text, report.CaseNumber, report.ProducedBy, report.ProducedAt),
            $"{E(text.Confidential)} · {E(text.Subject)} {E(subject.PartyId)} · {E(text.CaseNumber)} {E(report.CaseNumber)}", landscape: false);

        page.Heading(1, text.SubjectTitle);
        page.TableStart("meta");
        page.Row(text.CaseNumber, report.CaseNumber);
        page.Row(text.Subject, $"{subject.Name} ({subject.PartyId})");
        page.Row(text.Period, ReportText.Span(report.Overview.Period));
        page.Row(text.ProducedBy, report.ProducedBy);
        page.Row(text.ProducedAt, ReportText.Instant(report.ProducedAt));
        page.RawRow(null, ConfiscationHtmlPage.Cell(text.EstimatedBenefit), page.MoneyCell(report.Benefit.Estimated));
        page.RawRow(null, ConfiscationHtmlPage.Cell(text.Payable), page.MoneyCell(report.Payable));
        page.TableEnd();
        page.Paragraph(text.TriageNote, "note");
        if (text.UntranslatedNote.Length > 0)
        {
            page.Paragraph(text.UntranslatedNote, "muted");
        }

        WriteNetwork(page, report);
        WriteAssets(page, report.Overview);
        WriteBenefit(page, report.Benefit);
        WriteConclusion(page, report);
        page.End();
    }

    /// <summary>Writes the ranked list of confiscation candidates as a printable table.</summary>
    /// <param name="lang">"nl" (default) or "en".</param>
    public static void WriteCandidates(CandidateList list, string lang, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(writer);
        var text = ReportText.For(lang);
        var page = new ConfiscationHtmlPage(writer, text);
        var title = $"{text.CandidatesTitle} — {ReportText.Span(list.Period)} — {list.ProducedBy} {ReportText.Instant(list.ProducedAt)}";
        page.Begin(title, Running(text, null, list.ProducedBy, list.ProducedAt),
            $"{E(text.Confidential)} · {E(text.CandidatesTitle)} {E(ReportText.Span(list.Period))}", landscape: true);
        WriteCandidateTable(page, list);
        page.End();
    }

    private static string E(string? value) => ConfiscationHtmlPage.E(value);

    /// <summary>The running header: case number (when there is one), producer and time, on every printed page.</summary>
    private static string Running(ReportText text, string? caseNumber, string producedBy, DateTime producedAt)
    {
        var producer = $"<span class=\"producer\">{E(text.ProducedBy)}: {E(producedBy)}, {E(ReportText.Instant(producedAt))}</span>";
        return caseNumber is null ? producer : $"<span class=\"case\">{E(text.CaseNumber)}: {E(caseNumber)}</span> · {producer}";
    }

    private static void WriteConclusion(ConfiscationHtmlPage page, SubjectReport report)
    {
        var text = page.Text;
        page.Heading(2, text.Payable, "payable");
        page.Paragraph(ReportText.Fill(text.PayableFormula, text.Money(report.Benefit.Estimated), text.Money(report.Payable)), "formula");
        if (report.Deductions is { } d && (d.PaidToVictims != 0 || d.AlreadyForfeited != 0 || d.CourtReductions != 0))
        {
            page.Paragraph(ReportText.Fill(text.PayableDeducted, text.Money(d.PaidToVictims), text.Money(d.AlreadyForfeited), text.Money(d.CourtReductions)));
        }
        else
        {
            page.Paragraph(text.PayableNote);
        }

        page.Heading(2, text.EvidenceStrength, "evidence");
        page.Paragraph(ReportText.Fill(text.EvidenceFormula, text.Count(report.Benefit.Alerts.Count), text.Ratio(report.EvidenceStrength)), "formula");
        page.Paragraph(text.TriageNote, "note");

        page.Heading(3, text.Review);
        page.TableStart("meta");
        foreach (var field in text.ReviewFields)
        {
            page.RawRow(null, ConfiscationHtmlPage.Cell(field), "<td>&#160;</td>");
        }

        page.TableEnd();
    }
}
