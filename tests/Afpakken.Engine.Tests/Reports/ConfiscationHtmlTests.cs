using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Reports;
using static Afpakken.Engine.Tests.Reports.ConfiscationHtmlSamples;

namespace Afpakken.Engine.Tests.Reports;

/// <summary>The printable HTML reports: headings per language, exact figures, encoding of input data, the SVG pictures, and the running header.</summary>
public partial class ConfiscationHtmlTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string Subject(string lang, SubjectReport? report = null)
    {
        using var writer = new StringWriter();
        ConfiscationHtml.WriteSubject(report ?? Report(), lang, writer);
        return writer.ToString();
    }

    private static string CandidateHtml(string lang)
    {
        using var writer = new StringWriter();
        ConfiscationHtml.WriteCandidates(Candidates(), lang, writer);
        return writer.ToString();
    }

    /// <summary>The report is written as well-formed markup, so an XML parser reads it whole (and would throw on an unbalanced tag).</summary>
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> WithClass(XContainer root, string name, string cssClass) =>
        root.Descendants().Where(e => e.Name.LocalName == name && ((string?)e.Attribute("class") ?? "").Split(' ').Contains(cssClass));

    private static List<string> Headings(XDocument doc, string level) => [.. doc.Descendants(level).Select(h => h.Value)];

    private static List<string> Paragraphs(XDocument doc) => [.. doc.Descendants("p").Select(p => p.Value)];

    /// <summary>The first table after the heading with this text (skipping notes in between).</summary>
    private static XElement TableAfter(XDocument doc, string heading) =>
        doc.Descendants().First(e => e.Name.LocalName.StartsWith('h') && e.Value == heading).ElementsAfterSelf("table").First();

    [Fact]
    public void The_Dutch_report_has_the_Dutch_headings_and_the_exact_totals_of_each_method()
    {
        var doc = Parse(Subject("nl"));

        Assert.Equal("nl", (string?)doc.Root!.Attribute("lang"));
        Assert.Equal(["Netwerk van de betrokkene", "Vermogensoverzicht", "Wederrechtelijk verkregen voordeel per methode", "Te betalen bedrag", "Bewijssterkte"], Headings(doc, "h2"));
        Assert.Contains("Transactiemethode", Headings(doc, "h3"));
        Assert.Contains("Eenvoudige kasopstelling", Headings(doc, "h3"));
        Assert.Contains("Vermogensvergelijking", Headings(doc, "h3"));
        Assert.Contains("Eenvoudige kasopstelling 2023-01-01 – 2023-12-31", Headings(doc, "h4"));

        var paragraphs = Paragraphs(doc);
        Assert.Contains("wvv = Σ bewezen bruto opbrengsten − Σ direct samenhangende kosten = € 120.000,00 − € 5.000,00 = € 115.000,00", paragraphs);
        Assert.Contains("wvv = vermogen(einde) − vermogen(aanvang) + uitgaven(periode) − legaal inkomen(periode) = € 150.000,00 − € 40.000,00 + € 24.000,00 − € 30.000,00 = € 104.000,00", paragraphs);
        Assert.Contains(paragraphs, p => p.EndsWith("op een geschat voordeel van € 115.000,00: € 115.000,00", StringComparison.Ordinal));
        Assert.Contains("bewijssterkte = 1 − Π(1 − score) over 2 toegerekende melding(en) = 0,95", paragraphs);

        var cash = WithClass(doc, "div", "formula").Single().Nodes().OfType<XText>().Select(t => t.Value).ToList();
        Assert.Equal(
        [
            "bronnen = beginkas + kasopnamen bij de bank + legale contante inkomsten = € 0,00 + € 3.000,00 + € 0,00 = € 3.000,00",
            "bestedingen = kasstortingen bij de bank + contante aankopen + contante kosten van levensonderhoud + eindkas = € 27.000,00 + € 0,00 + € 12.000,00 + € 8.000,00 = € 47.000,00",
            "wvv = max(0, bestedingen − bronnen) = max(0, € 47.000,00 − € 3.000,00) = max(0, € 44.000,00) = € 44.000,00",
        ], cash);
    }

    [Fact]
    public void The_Dutch_report_groups_cash_lines_by_heading_and_shows_the_counted_once_rule_and_the_sham_liability()
    {
        var doc = Parse(Subject("nl"));

        var cashRows = TableAfter(doc, "Eenvoudige kasopstelling 2023-01-01 – 2023-12-31").Descendants("tr").Select(r => r.Elements("td").Select(c => c.Value).ToList()).Skip(1).ToList();
        Assert.Equal(["kasopnamen bij de bank", "€ 3.000,00"], cashRows[0]);
        Assert.Equal(["kasopnamen van NL01SUBJ (2×)", "2023-01-01 – 2023-12-31", "geschat", "T10, T11", "€ 3.000,00"], cashRows[1]);
        Assert.Equal(["eindkas", "€ 8.000,00"], cashRows[^2]);
        Assert.Equal(["bij doorzoeking aangetroffen contant geld (CASH1, P1)", "2023-01-01 – 2023-12-31", "aanvaard", "CASH1", "€ 8.000,00"], cashRows[^1]);

        var notCounted = TableAfter(doc, "Aankopen die al in het eindvermogen zitten (niet nogmaals meegeteld)").Value;
        Assert.Contains("aankoop van onroerend goed HOUSE1 (P2)", notCounted, StringComparison.Ordinal);
        var counted = TableAfter(doc, "Uitgaven in de periode (meegeteld)").Value;
        Assert.DoesNotContain("HOUSE1 (P2)", counted, StringComparison.Ordinal);
        Assert.Contains("€ 24.000,00", counted, StringComparison.Ordinal);

        var sham = TableAfter(doc, "Vermogen bij aanvang (peildatum 2022-12-31)").Descendants("tr").Single(r => (string?)r.Attribute("class") == "muted");
        Assert.Contains("schijnschuld, buiten beschouwing", sham.Value, StringComparison.Ordinal);
        Assert.Equal("€ 40.000,00", TableAfter(doc, "Vermogen bij aanvang (peildatum 2022-12-31)").Descendants("tr").Last().Elements("td").Last().Value);

        var sensitivity = TableAfter(doc, "Gevoeligheidsanalyse").Descendants("tr").Skip(1).Select(r => string.Join(" | ", r.Elements("td").Select(c => c.Value))).ToList();
        Assert.Equal(["beginkas 0 (niet bewezen) | € 0,00 | € 44.000,00", "beginkas zoals gesteld door de verdediging | € 50.000,00 | € 0,00"], sensitivity);
    }

    [Fact]
    public void The_English_report_has_the_English_headings_and_English_money()
    {
        var doc = Parse(Subject("en"));

        Assert.Equal("en", (string?)doc.Root!.Attribute("lang"));
        Assert.Equal(["The subject's network", "Asset overview", "Unlawfully obtained benefit by method", "Payable amount", "Evidence strength"], Headings(doc, "h2"));
        Assert.Contains("Transaction method", Headings(doc, "h3"));
        Assert.Contains("Simple cash statement", Headings(doc, "h3"));
        Assert.Contains("Net-worth comparison", Headings(doc, "h3"));
        Assert.Contains("wvv = NW(end) − NW(start) + expenditures(period) − legal income(period) = €150,000.00 − €40,000.00 + €24,000.00 − €30,000.00 = €104,000.00", Paragraphs(doc));
        Assert.Contains("wvv = max(0, uses − sources) = max(0, €47,000.00 − €3,000.00) = max(0, €44,000.00) = €44,000.00",
            WithClass(doc, "div", "formula").Single().Nodes().OfType<XText>().Select(t => t.Value));
    }

    [Theory]
    [InlineData("nl", "Zaaknummer: PAR-2024/0042 <b>", "Opgesteld door: mr. A. de Officier & co, 2024-05-06 07:08 UTC")]
    [InlineData("en", "Case number: PAR-2024/0042 <b>", "Produced by: mr. A. de Officier & co, 2024-05-06 07:08 UTC")]
    public void The_case_number_and_producer_are_in_the_running_header_that_every_printed_page_repeats(string lang, string caseLine, string producerLine)
    {
        var html = Subject(lang);
        var doc = Parse(html);

        var header = WithClass(doc, "header", "running").Single();
        Assert.Equal(caseLine, WithClass(header, "span", "case").Single().Value);
        Assert.Equal(producerLine, WithClass(header, "span", "producer").Single().Value);
        Assert.Contains("PAR-2024/0042 <b>", WithClass(doc, "footer", "running").Single().Value, StringComparison.Ordinal);
        Assert.Contains("PAR-2024/0042 <b>", doc.Descendants("title").First().Value, StringComparison.Ordinal);
        var css = doc.Descendants("style").Single().Value;
        Assert.Matches(@"@media print \{\s*header\.running \{ position: fixed; top: 0;", css);
        Assert.Matches(@"footer\.running \{ position: fixed; bottom: 0;", css);
        Assert.Contains("@page { size: A4;", css, StringComparison.Ordinal);
        // The layout table's thead and tfoot reserve the room under the fixed header and footer on every page.
        Assert.Single(WithClass(doc.Descendants("thead").First(), "div", "space-top"));
    }

    [Fact]
    public void Names_ids_and_case_numbers_from_input_files_are_encoded_never_markup()
    {
        var html = Subject("nl");
        var doc = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("Jan &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; de Vries", html, StringComparison.Ordinal);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "b" or "img" or "iframe" or "object" or "link");
        Assert.Contains(doc.Descendants("td"), td => td.Value == EvilName);
        Assert.Contains(doc.Descendants(Svg + "title"), t => t.Value == EvilAccount);
        Assert.Contains("Front &amp; Zonen B.V.", html, StringComparison.Ordinal);
        Assert.Contains(doc.Descendants("small"), s => s.Value == "Front & Zonen B.V.");
    }

    [Fact]
    public void The_report_is_self_contained_without_scripts_or_external_resources()
    {
        var html = Subject("nl");
        var doc = Parse(html);

        Assert.DoesNotContain(doc.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Equal(["http://www.w3.org/2000/svg"], UrlPattern().Matches(html).Select(m => m.Value).Distinct());
        Assert.Contains("default-src 'none'", (string?)doc.Descendants("meta").Single(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy").Attribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_money_flow_picture_has_a_node_per_account_and_an_edge_per_aggregated_flow()
    {
        var doc = Parse(Subject("nl"));

        var svg = doc.Descendants(Svg + "svg").Single(s => ((string?)s.Attribute("class"))!.Contains("flows", StringComparison.Ordinal));
        Assert.Equal(7, WithClass(svg, "g", "node").Count());
        Assert.Equal(3, WithClass(svg, "g", "controlled").Count());
        var edges = WithClass(svg, "g", "edge").ToList();
        Assert.Equal(5, edges.Count);
        Assert.All(edges, e => Assert.Single(e.Elements(Svg + "path")));
        Assert.All(edges, e => Assert.Single(e.Elements(Svg + "text")));
        Assert.Contains(edges, e => e.Element(Svg + "title")!.Value == "NL01SUBJ → NL02STRAW: € 15.000,00 (2×)");
        Assert.Contains(edges, e => e.Element(Svg + "text")!.Value == "€ 50.000,00");
        Assert.Equal("Getoond: 7 rekening(en) en 5 van 5 stromen.", svg.Parent!.Element("figcaption")!.Value);
        Assert.Single(doc.Descendants(Svg + "marker"));
    }

    [Fact]
    public void The_money_flow_picture_keeps_the_subjects_accounts_and_says_how_many_counterparties_it_leaves_out()
    {
        var report = Report(ManyCounterparties(50));
        var graph = SvgFlowGraph.Build(report.Control, report.Benefit.Alerts);
        var doc = Parse(Subject("nl", report));

        // 3 controlled + 4 counterparties + 50 senders = 57 accounts: the 3 controlled and the 37 largest counterparties are drawn.
        Assert.Equal(40, graph.Nodes.Count);
        Assert.Equal(17, graph.NodesLeftOut);
        Assert.True(graph.Nodes.Take(3).All(n => n.Controlled));
        Assert.Equal(55, graph.AllEdges.Count);
        Assert.Equal(38, graph.Edges.Count);
        var svg = doc.Descendants(Svg + "svg").Single(s => ((string?)s.Attribute("class"))!.Contains("flows", StringComparison.Ordinal));
        Assert.Equal(40, WithClass(svg, "g", "node").Count());
        Assert.Equal(38, WithClass(svg, "g", "edge").Count());
        Assert.Equal(SvgFlowNetwork.LabelledEdges, WithClass(svg, "g", "edge").Count(e => e.Element(Svg + "text") is not null));
        Assert.Equal("Getoond: 40 rekening(en) en 38 van 55 stromen. Niet getoond: 17 rekening(en) en 17 stroom/stromen (ten hoogste 40 rekeningen in de figuur); de tabel hieronder bevat alle stromen.",
            svg.Parent!.Element("figcaption")!.Value);
        Assert.Equal(56, TableAfter(doc, "Geldstromen").Descendants("tr").Count()); // header + every flow
    }

    [Fact]
    public void The_net_worth_chart_plots_each_reference_date_with_its_value_on_a_scale_from_zero()
    {
        var doc = Parse(Subject("nl"));

        var svg = doc.Descendants(Svg + "svg").Single(s => ((string?)s.Attribute("class"))!.Contains("networth", StringComparison.Ordinal));
        Assert.Equal(2, WithClass(svg, "circle", "point").Count());
        Assert.Equal(2, ((string)WithClass(svg, "polyline", "series").Single().Attribute("points")!).Split(' ').Length);
        Assert.Equal(["€ 40.000,00", "€ 150.000,00"], WithClass(svg, "text", "value").Select(t => t.Value));
        Assert.Equal(["2022-12-31", "2023-12-31"], WithClass(svg, "text", "date").Select(t => t.Value));
        Assert.Equal(["€ 0,00", "€ 50.000,00", "€ 100.000,00", "€ 150.000,00"], WithClass(svg, "text", "tick").Select(t => t.Value));
    }

    [Theory]
    [InlineData("nl", "Geen.")]
    [InlineData("en", "None.")]
    public void A_subject_without_alerts_assets_or_cash_statements_still_gets_a_well_formed_report(string lang, string none)
    {
        var full = Report();
        var period = full.Overview.Period;
        var empty = full with
        {
            Overview = new AssetOverview(full.Control, period, [], []),
            Benefit = new BenefitEstimate(period, new TransactionMethod(), [], [], [],
                new NetWorthComparison { Period = period }),
            EvidenceStrength = 0,
            Payable = 0m,
        };

        var doc = Parse(Subject(lang, empty));

        var flows = doc.Descendants(Svg + "svg").Single(s => ((string?)s.Attribute("class"))!.Contains("flows", StringComparison.Ordinal));
        Assert.Equal(3, WithClass(flows, "g", "controlled").Count());
        Assert.Empty(WithClass(flows, "g", "edge"));
        var chart = doc.Descendants(Svg + "svg").Single(s => ((string?)s.Attribute("class"))!.Contains("networth", StringComparison.Ordinal));
        Assert.Empty(WithClass(chart, "circle", "point"));
        Assert.True(Paragraphs(doc).Count(p => p == none) >= 5);
        Assert.Contains(lang == "nl" ? "€ 0,00" : "€0.00", doc.Descendants("td").Select(td => td.Value));
    }

    [Theory]
    [InlineData(0, 150_000, 0, 150_000, 50_000)]
    [InlineData(-12_000, 0, -15_000, 0, 5_000)]
    [InlineData(0, 0, 0, 1, 0.2)]
    public void The_chart_scale_has_round_steps_and_covers_the_values(decimal low, decimal high, decimal scaleLow, decimal scaleHigh, decimal step) =>
        Assert.Equal((scaleLow, scaleHigh, step), SvgNetWorthChart.Scale(low, high));

    [Theory]
    [InlineData("nl", "Afpakkandidaten", "€ 1.234.567,89", "€ -5.000,50", "Opgesteld door: mr. A. de Officier & co, 2024-05-06 07:08 UTC")]
    [InlineData("en", "Confiscation candidates", "€1,234,567.89", "-€5,000.50", "Produced by: mr. A. de Officier & co, 2024-05-06 07:08 UTC")]
    public void The_candidate_list_is_a_ranked_printable_table_with_the_triage_note_and_the_producer_on_every_page(
        string lang, string heading, string firstBenefit, string negativeNetWorth, string producer)
    {
        var html = CandidateHtml(lang);
        var doc = Parse(html);

        Assert.Equal(heading, doc.Descendants("h1").Single().Value);
        Assert.Equal(producer, WithClass(WithClass(doc, "header", "running").Single(), "span", "producer").Single().Value);
        Assert.Contains("size: A4 landscape", doc.Descendants("style").Single().Value, StringComparison.Ordinal);
        Assert.Single(WithClass(doc, "p", "note"));
        var rows = WithClass(doc, "table", "candidates").Single().Element("tbody")!.Elements("tr").Select(r => r.Elements("td").Select(c => c.Value).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "2"], rows.Select(r => r[0]));
        Assert.Equal(11, rows[0].Count);
        Assert.StartsWith(EvilName, rows[0][1], StringComparison.Ordinal);
        Assert.Equal(firstBenefit, rows[0][2]);
        Assert.Equal(negativeNetWorth, rows[1][4]);
        Assert.Equal(lang == "nl" ? "0,95" : "0.95", rows[0][7]);
        Assert.Equal("2fan_in, money_mule", rows[0][9]);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NL")]
    public void Dutch_is_the_default_language(string lang) =>
        Assert.Equal("nl", (string?)Parse(Subject(lang)).Root!.Attribute("lang"));

    [Fact]
    public void An_unknown_language_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Subject("de"));

    [GeneratedRegex(@"https?://[^\s""'<)]+")]
    private static partial Regex UrlPattern();
}
