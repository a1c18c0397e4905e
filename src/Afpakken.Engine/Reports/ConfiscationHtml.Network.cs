using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

public static partial class ConfiscationHtml
{
    /// <summary>The subject, the parties and accounts it controls (with basis, confidence, evidence), linked parties with reasons, and its money flows.</summary>
    private static void WriteNetwork(ConfiscationHtmlPage page, SubjectReport report)
    {
        var text = page.Text;
        var control = report.Control;
        var s = control.Subject;
        page.Heading(2, text.SubjectNetwork, "network");
        page.Heading(3, text.Subject);
        page.TableStart("meta");
        page.Row(text.Party, s.PartyId);
        page.Row(text.Name, s.Name);
        page.Row(text.Kind, text.Term(s.Kind));
        page.Row(text.Identification, s.BirthDate is { } born ? ReportText.Date(born) : s.RegistrationNumber ?? "");
        page.Row(text.Contact, string.Join(" · ", new[] { s.Address, s.Phone, s.Email }.Where(v => !string.IsNullOrWhiteSpace(v))));
        page.Row(text.RoleAndDirectors, string.Join(" · ", new[] { s.SectorCode, s.RoleHint, s.Directors }.Where(v => !string.IsNullOrWhiteSpace(v))));
        page.TableEnd();

        page.Heading(3, text.ControlledParties);
        page.TableStart(null, text.Party, text.Basis, "#" + text.Confidence, text.Evidence);
        foreach (var p in control.Parties)
        {
            page.RawRow(null, ConfiscationHtmlPage.Lines(p.Party.PartyId, p.Party.Name, text.Term(p.Party.Kind)), ConfiscationHtmlPage.Cell(text.Term(p.Basis)),
                ConfiscationHtmlPage.Cell(text.Ratio(p.Confidence), "num"), List(p.Evidence.Select(text.Phrase)));
        }

        page.TableEnd();

        page.Heading(3, text.ControlledAccounts);
        if (control.Accounts.Count == 0)
        {
            page.Paragraph(text.None);
        }
        else
        {
            page.TableStart(null, text.Account, text.Holder, text.Basis, "#" + text.Confidence);
            foreach (var a in control.Accounts)
            {
                page.RawRow(null, ConfiscationHtmlPage.Cell(a.Account), ConfiscationHtmlPage.Cell(a.Holder), ConfiscationHtmlPage.Cell(text.Term(a.Basis)),
                    ConfiscationHtmlPage.Cell(text.Ratio(a.Confidence), "num"));
            }

            page.TableEnd();
        }

        page.Heading(3, text.LinkedParties);
        page.Paragraph(text.LinkedPartiesNote, "muted");
        if (control.Links.Count == 0)
        {
            page.Paragraph(text.None);
        }
        else
        {
            page.TableStart(null, text.Party, text.Reasons);
            foreach (var link in control.Links)
            {
                page.RawRow(null, ConfiscationHtmlPage.Lines(link.Party.PartyId, link.Party.Name, text.Term(link.Party.Kind)), List(link.Reasons.Select(text.Phrase)));
            }

            page.TableEnd();
        }

        WriteFlows(page, report);
    }

    /// <summary>The money-flow picture over the attributed alerts' transactions, and every aggregated flow as a table.</summary>
    private static void WriteFlows(ConfiscationHtmlPage page, SubjectReport report)
    {
        var text = page.Text;
        var graph = SvgFlowGraph.Build(report.Control, report.Benefit.Alerts);
        page.Heading(3, text.MoneyFlows);
        page.Paragraph(text.MoneyFlowsNote, "muted");
        page.Out.Write("<figure>");
        page.Out.Write(SvgFlowNetwork.Render(graph, text, $"{text.MoneyFlows} — {report.Control.Subject.Name} ({report.Control.Subject.PartyId})"));
        var caption = ReportText.Fill(text.FlowsShown, text.Count(graph.Nodes.Count), text.Count(graph.Edges.Count), text.Count(graph.AllEdges.Count));
        if (graph.NodesLeftOut > 0 || graph.EdgesLeftOut > 0)
        {
            caption += " " + ReportText.Fill(text.FlowsLeftOut, text.Count(graph.NodesLeftOut), text.Count(graph.EdgesLeftOut), text.Count(SvgFlowGraph.DefaultMaxNodes));
        }

        page.Out.Write($"<figcaption>{E(caption)}</figcaption></figure>\n");
        if (graph.AllEdges.Count == 0)
        {
            return;
        }

        page.TableStart(null, text.From, text.To, "#" + text.Transactions, "#" + text.Amount);
        foreach (var edge in graph.AllEdges)
        {
            page.RawRow(null, ConfiscationHtmlPage.Cell(edge.From), ConfiscationHtmlPage.Cell(edge.To), ConfiscationHtmlPage.Cell(text.Count(edge.Transactions), "num"),
                page.MoneyCell(edge.Amount));
        }

        page.TableEnd();
    }

    /// <summary>A cell listing several encoded lines.</summary>
    private static string List(IEnumerable<string> lines) => "<td>" + string.Join("<br />", lines.Select(E)) + "</td>";
}
