using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

public static partial class ConfiscationHtml
{
    /// <summary>Vermogensoverzicht: every asset with owner vs. controller, evidence, valuation, encumbrance and seizure facts; totals per class and net worth per reference date; the chart.</summary>
    private static void WriteAssets(ConfiscationHtmlPage page, AssetOverview overview)
    {
        var text = page.Text;
        page.Heading(2, text.AssetOverview, "assets");
        page.Paragraph(ReportText.Fill(text.AssetOverviewSummary, ReportText.Span(overview.Period), text.Count(overview.Items.Count),
            text.Money(overview.RecoverableValue), text.Money(overview.SeizurePriority)));
        if (overview.Items.Count == 0)
        {
            page.Paragraph(text.None);
        }
        else
        {
            page.TableStart("assets", text.Asset, text.LegalOwner, text.Controller, text.Acquired, "#" + text.Value, "#" + text.Encumbrance,
                text.SeizureStatus, text.Liquidity, "#" + text.SeizurePriority);
            foreach (var item in overview.Items)
            {
                WriteAsset(page, item);
            }

            page.TableEnd();
            page.Paragraph(text.SeizurePriorityNote, "muted");
        }

        page.Heading(3, text.TotalsPerClass);
        page.TableStart(null, text.ReferenceDate, text.Kind, "#" + text.Number, "#" + text.Gross, "#" + text.Liabilities, "#" + text.Net);
        foreach (var position in overview.Positions)
        {
            var date = ReportText.Date(position.Date);
            foreach (var c in position.Classes)
            {
                page.RawRow(null, ConfiscationHtmlPage.Cell(date), ConfiscationHtmlPage.Cell(text.Term(c.Kind)), ConfiscationHtmlPage.Cell(text.Count(c.Count), "num"),
                    page.MoneyCell(c.Gross), page.MoneyCell(c.Encumbrances), page.MoneyCell(c.Net));
            }

            page.RawRow("total", ConfiscationHtmlPage.Cell(date), ConfiscationHtmlPage.Cell(text.NetWorth, colspan: 2),
                page.MoneyCell(position.Assets), page.MoneyCell(position.Liabilities), page.MoneyCell(position.NetWorth));
        }

        page.TableEnd();

        page.Heading(3, text.NetWorthChart);
        page.Out.Write("<figure>");
        page.Out.Write(SvgNetWorthChart.Render(overview.Positions, text, $"{text.NetWorthChart} ({ReportText.Span(overview.Period)})"));
        page.Out.Write($"<figcaption>{E(text.NetWorthChartNote)}</figcaption></figure>\n");
    }

    private static void WriteAsset(ConfiscationHtmlPage page, OverviewItem item)
    {
        var text = page.Text;
        var encumbrance = item.Encumbrance == 0
            ? ConfiscationHtmlPage.Cell("–", "num")
            : $"<td class=\"num\">{E(text.Money(item.Encumbrance))}<br /><small>{E(text.Term(item.EncumbranceKind ?? ""))}{(item.EncumbranceIsSham ? E($" ({text.ShamNotDeducted})") : "")}</small></td>";
        page.RawRow(null,
            ConfiscationHtmlPage.Lines(item.AssetId, text.Term(item.Kind), item.Description),
            ConfiscationHtmlPage.Lines(item.LegalOwner, item.LegalOwnerName),
            ConfiscationHtmlPage.Lines(item.Controller, $"{text.Term(item.ControlBasis)}, {text.Confidence.ToLowerInvariant()} {text.Ratio(item.OwnershipConfidence)}"),
            ConfiscationHtmlPage.Lines(ReportText.Date(item.AcquiredAt), text.Money(item.AcquisitionPrice)),
            $"<td class=\"num\">{E(text.Money(item.Value))}<br /><small>{E(text.Term(item.ValuationBasis))}, {E(ReportText.Date(item.ValuationDate))}</small></td>",
            encumbrance,
            ConfiscationHtmlPage.Cell(text.Term(item.SeizureStatus)),
            ConfiscationHtmlPage.Lines(text.Term(item.Liquidity), $"{text.DissipationRisk} {text.Ratio(item.DissipationRisk)}"),
            $"<td class=\"num\">{E(text.Money(item.SeizurePriority))}<br /><small>{E(text.NetRealisable)} {E(text.Money(item.NetRealisableValue))}</small></td>");
        var evidence = $"{text.Evidence}: {string.Join("; ", item.Evidence.Select(text.Phrase))}";
        var paying = item.PayingTxIds.Count == 0 ? "" : $" — {text.PayingTransactions}: {string.Join(", ", item.PayingTxIds)}";
        page.RawRow("sub", ConfiscationHtmlPage.Cell(evidence + paying, "ids", colspan: 9));
    }
}
