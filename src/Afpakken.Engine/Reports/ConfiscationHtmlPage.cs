using System.Net;

namespace Afpakken.Engine.Reports;

/// <summary>
/// The shell of a printable, self-contained report: inline CSS, no scripts, no external resources, and a running
/// header and footer with the case number and producer that Chromium repeats on every printed page (fixed elements
/// over spacer rows of a layout table, whose thead and tfoot repeat too, so no page's text runs under them).
/// Every piece of data goes through <see cref="E"/>; the markup is also well-formed XML, so it can be checked as such.
/// </summary>
internal sealed class ConfiscationHtmlPage(TextWriter writer, ReportText text)
{
    public TextWriter Out { get; } = writer;

    public ReportText Text { get; } = text;

    /// <summary>HTML-encodes data (names, descriptions, ids come from input files).</summary>
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    public void Begin(string title, string runningHeader, string runningFooter, bool landscape)
    {
        Out.Write("<!DOCTYPE html>\n");
        Out.Write($"<html lang=\"{Text.Language}\">\n<head>\n<meta charset=\"utf-8\" />\n");
        Out.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\" />\n");
        Out.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        Out.Write($"<title>{E(title)}</title>\n<style>\n");
        Out.Write(landscape ? "@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm; }\n" : "@page { size: A4; margin: 12mm 12mm 14mm 12mm; }\n");
        Out.Write($"@page {{ @bottom-right {{ content: \"{Text.Page} \" counter(page) \" {Text.Of} \" counter(pages); font: 8pt sans-serif; }} }}\n");
        Out.Write(Css);
        Out.Write("</style>\n</head>\n<body>\n");
        Out.Write($"<header class=\"running\">{runningHeader}</header>\n");
        Out.Write($"<footer class=\"running\">{runningFooter}</footer>\n");
        Out.Write("<table class=\"layout\"><thead><tr><td><div class=\"space-top\"></div></td></tr></thead>\n");
        Out.Write("<tfoot><tr><td><div class=\"space-bottom\"></div></td></tr></tfoot>\n");
        Out.Write("<tbody><tr><td>\n<main>\n");
    }

    public void End() => Out.Write("</main>\n</td></tr></tbody></table>\n</body>\n</html>\n");

    /// <summary>A heading from the report's own texts (encoded all the same).</summary>
    public void Heading(int level, string heading, string? id = null) =>
        Out.Write(id is null ? $"<h{level}>{E(heading)}</h{level}>\n" : $"<h{level} id=\"{E(id)}\">{E(heading)}</h{level}>\n");

    public void Paragraph(string content, string? cssClass = null) =>
        Out.Write(cssClass is null ? $"<p>{E(content)}</p>\n" : $"<p class=\"{cssClass}\">{E(content)}</p>\n");

    /// <summary>Opens a table with its header cells; a header starting with '#' is right-aligned (a number column).</summary>
    public void TableStart(string? cssClass, params string[] headers)
    {
        Out.Write(cssClass is null ? "<table>\n" : $"<table class=\"{cssClass}\">\n");
        if (headers.Length > 0)
        {
            Out.Write("<thead><tr>");
            foreach (var header in headers)
            {
                Out.Write(header.StartsWith('#') ? $"<th class=\"num\">{E(header[1..])}</th>" : $"<th>{E(header)}</th>");
            }

            Out.Write("</tr></thead>\n");
        }

        Out.Write("<tbody>\n");
    }

    public void TableEnd() => Out.Write("</tbody>\n</table>\n");

    /// <summary>A row of plain data cells, each encoded.</summary>
    public void Row(params string[] cells) => RawRow(null, [.. cells.Select(c => Cell(c))]);

    /// <summary>A row of cells already built with <see cref="Cell"/>, <see cref="MoneyCell"/> or <see cref="Lines"/>.</summary>
    public void RawRow(string? cssClass, params string[] cells) =>
        Out.Write((cssClass is null ? "<tr>" : $"<tr class=\"{cssClass}\">") + string.Concat(cells) + "</tr>\n");

    public static string Cell(string? value, string? cssClass = null, int colspan = 1) =>
        $"<td{(cssClass is null ? "" : $" class=\"{cssClass}\"")}{(colspan > 1 ? $" colspan=\"{colspan}\"" : "")}>{E(value)}</td>";

    public string MoneyCell(decimal amount) => $"<td class=\"num\">{E(Text.Money(amount))}</td>";

    /// <summary>A cell of several encoded lines, the first plain and the others small.</summary>
    public static string Lines(params string?[] lines) =>
        "<td>" + string.Join("<br />", lines.Where(l => !string.IsNullOrEmpty(l)).Select((l, i) => i == 0 ? E(l) : $"<small>{E(l)}</small>")) + "</td>";

    /// <summary>Source record ids, all of them: every number traces back to records.</summary>
    public static string Ids(IEnumerable<string> ids) => $"<td class=\"ids\">{E(string.Join(", ", ids))}</td>";

    private const string Css = """
        * { box-sizing: border-box; }
        body { font: 9.5pt/1.35 "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0; }
        main { padding: 0 2mm; }
        h1 { font-size: 16pt; margin: 0 0 4pt; }
        h2 { font-size: 13pt; margin: 16pt 0 5pt; border-bottom: 1.5pt solid #1f3a5f; color: #1f3a5f; break-after: avoid; }
        h3 { font-size: 11pt; margin: 11pt 0 4pt; break-after: avoid; }
        h4 { font-size: 10pt; margin: 8pt 0 3pt; break-after: avoid; }
        p { margin: 3pt 0 6pt; }
        table { border-collapse: collapse; width: 100%; margin: 3pt 0 8pt; }
        th, td { border: 0.5pt solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
        th { background: #e8edf3; font-weight: 600; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        .num { text-align: right; white-space: nowrap; }
        .ids { font-size: 7.5pt; word-break: break-all; color: #333; }
        .total td { font-weight: 700; background: #f4f6f9; }
        .sub td { border-top: none; font-size: 8pt; color: #333; }
        .muted td, .muted { color: #777; }
        .formula { font-family: "DejaVu Sans Mono", Consolas, monospace; background: #f4f6f9; padding: 4pt 6pt; border-left: 2pt solid #1f3a5f; }
        .note { border: 1pt solid #b85c00; background: #fff6ec; padding: 4pt 6pt; }
        .meta td:first-child { width: 30%; font-weight: 600; }
        small { color: #444; }
        svg { display: block; max-width: 100%; height: auto; margin: 4pt 0; }
        figure { margin: 4pt 0 10pt; break-inside: avoid; }
        figcaption { font-size: 8pt; color: #333; }
        table.layout, table.layout > thead > tr > td, table.layout > tfoot > tr > td, table.layout > tbody > tr > td { border: none; padding: 0; margin: 0; }
        table.layout > tbody > tr { break-inside: auto; }
        .running { font-size: 8pt; color: #333; background: #fff; }
        header.running { border-bottom: 0.5pt solid #999; padding-bottom: 2pt; }
        footer.running { border-top: 0.5pt solid #999; padding-top: 2pt; }
        .space-top, .space-bottom { height: 0; }
        @media print {
          header.running { position: fixed; top: 0; left: 0; right: 0; height: 9mm; }
          footer.running { position: fixed; bottom: 0; left: 0; right: 0; height: 7mm; }
          .space-top { height: 11mm; }
          .space-bottom { height: 9mm; }
          h2 { break-before: auto; }
        }
        @media screen {
          body { max-width: 260mm; margin: 0 auto; padding: 6mm; }
          header.running, footer.running { padding: 3pt 0; }
        }

        """;
}
