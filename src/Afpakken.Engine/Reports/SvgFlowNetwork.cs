using System.Globalization;
using System.Text;
using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Reports;

/// <summary>
/// Draws a <see cref="SvgFlowGraph"/> as inline SVG with a deterministic layout: the subject's accounts in the centre
/// (on a small inner circle when there are several), counterparties on an outer circle, in the graph's order starting
/// at twelve o'clock. Each flow is a curved arrow — curved so that flows in both directions between two accounts
/// stay apart — whose width grows with the amount, labelled with the amount (the largest
/// <see cref="LabelledEdges"/> when there are more; every amount is in the flow's title and in the report's table).
/// </summary>
internal static class SvgFlowNetwork
{
    private const double Width = 960;
    private const double Height = 720;
    private const double CentreX = Width / 2;
    private const double CentreY = Height / 2;
    private const double OuterRadius = 250;

    /// <summary>Beyond this many flows only the largest carry their amount on the picture (all are in the titles and the table).</summary>
    internal const int LabelledEdges = 15;
    private const double NodeRadius = 8;

    public static string Render(SvgFlowGraph graph, ReportText text, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart flows\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"9\">");
        svg.Append($"<title>{ConfiscationHtmlPage.E(title)}</title>");
        svg.Append("<defs><marker id=\"afp-flow-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8a2a2a\" /></marker></defs>");
        Legend(svg, text);
        var at = Layout(graph.Nodes);
        var max = graph.Edges.Count == 0 ? 1m : Math.Max(0.01m, graph.Edges.Max(e => e.Amount));

        svg.Append("<g class=\"edges\">");
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var edge = graph.Edges[i];
            Edge(svg, edge, at[edge.From], at[edge.To], (double)(edge.Amount / max), labelled: i < LabelledEdges, text);
        }

        svg.Append("</g><g class=\"nodes\">");
        foreach (var node in graph.Nodes)
        {
            Node(svg, node, at[node.Account]);
        }

        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>Positions: controlled accounts on an inner circle (alone: the centre), the others on the outer circle.</summary>
    internal static Dictionary<string, (double X, double Y)> Layout(IReadOnlyList<FlowNode> nodes)
    {
        var at = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        var inner = nodes.Where(n => n.Controlled).ToList();
        var outer = nodes.Where(n => !n.Controlled).ToList();
        var innerRadius = inner.Count <= 1 ? 0 : Math.Min(150, 40 + 12 * inner.Count);
        Circle(inner, innerRadius, at);
        Circle(outer, OuterRadius, at);
        return at;
    }

    private static void Circle(List<FlowNode> nodes, double radius, Dictionary<string, (double, double)> at)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * i / nodes.Count;
            at[nodes[i].Account] = (CentreX + radius * Math.Cos(angle), CentreY + radius * Math.Sin(angle));
        }
    }

    private static void Edge(StringBuilder svg, FlowEdge edge, (double X, double Y) from, (double X, double Y) to, double share, bool labelled, ReportText text)
    {
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
        var (ux, uy) = (dx / length, dy / length);
        // Start and end on the node's rim; bend to the right of the direction of travel by a sixth of the length.
        var (x1, y1) = (from.X + ux * NodeRadius, from.Y + uy * NodeRadius);
        var (x2, y2) = (to.X - ux * (NodeRadius + 1), to.Y - uy * (NodeRadius + 1));
        var (cx, cy) = ((x1 + x2) / 2 - uy * length / 6, (y1 + y2) / 2 + ux * length / 6);
        var (mx, my) = (0.25 * x1 + 0.5 * cx + 0.25 * x2, 0.25 * y1 + 0.5 * cy + 0.25 * y2);
        var width = 0.8 + 3.2 * Math.Sqrt(Math.Clamp(share, 0, 1));
        var amount = ConfiscationHtmlPage.E(text.Money(edge.Amount));
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"edge\"><title>{ConfiscationHtmlPage.E(edge.From)} → {ConfiscationHtmlPage.E(edge.To)}: {amount} ({edge.Transactions}×)</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x1:0.#},{y1:0.#} Q{cx:0.#},{cy:0.#} {x2:0.#},{y2:0.#}\" fill=\"none\" stroke=\"#8a2a2a\" stroke-opacity=\"0.75\" stroke-width=\"{width:0.##}\" marker-end=\"url(#afp-flow-arrow)\" />");
        if (labelled)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{mx:0.#}\" y=\"{my:0.#}\" text-anchor=\"middle\" font-size=\"8\" fill=\"#5a1a1a\" stroke=\"#fff\" stroke-width=\"2.5\" paint-order=\"stroke\">{amount}</text>");
        }

        svg.Append("</g>");
    }

    private static void Node(StringBuilder svg, FlowNode node, (double X, double Y) at)
    {
        var fill = node.Controlled ? "#1f3a5f" : node.Account == CashAccount.Id ? "#999" : "#e8edf3";
        var label = Short(node.Account);
        var caption = node.Holder is null ? ConfiscationHtmlPage.E(node.Account) : $"{ConfiscationHtmlPage.E(node.Account)} ({ConfiscationHtmlPage.E(node.Holder)})";
        // Labels point away from the centre so they do not cross the flows inside the circle.
        var (dx, dy) = (at.X - CentreX, at.Y - CentreY);
        var distance = Math.Sqrt(dx * dx + dy * dy);
        var (ox, oy) = distance < 1 ? (0.0, 1.0) : (dx / distance, dy / distance);
        var (lx, ly) = (at.X + ox * 14, at.Y + oy * 14 + 3);
        var anchor = ox > 0.3 ? "start" : ox < -0.3 ? "end" : "middle";
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node{(node.Controlled ? " controlled" : "")}\"><title>{caption}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{at.X:0.#}\" cy=\"{at.Y:0.#}\" r=\"{NodeRadius}\" fill=\"{fill}\" stroke=\"#1f3a5f\" stroke-width=\"1\" />");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx:0.#}\" y=\"{ly:0.#}\" text-anchor=\"{anchor}\"{(node.Controlled ? " font-weight=\"bold\"" : "")}>{ConfiscationHtmlPage.E(label)}</text>");
        if (node.Holder is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx:0.#}\" y=\"{ly + 10:0.#}\" text-anchor=\"{anchor}\" font-size=\"8\" fill=\"#444\">{ConfiscationHtmlPage.E(Short(node.Holder))}</text>");
        }

        svg.Append("</g>");
    }

    private static void Legend(StringBuilder svg, ReportText text)
    {
        svg.Append("<g class=\"legend\" font-size=\"9\">");
        svg.Append($"<circle cx=\"12\" cy=\"12\" r=\"5\" fill=\"#1f3a5f\" /><text x=\"22\" y=\"15\">{ConfiscationHtmlPage.E(text.SubjectAccount)}</text>");
        svg.Append($"<circle cx=\"12\" cy=\"28\" r=\"5\" fill=\"#e8edf3\" stroke=\"#1f3a5f\" /><text x=\"22\" y=\"31\">{ConfiscationHtmlPage.E(text.Counterparty)}</text>");
        svg.Append("</g>");
    }

    /// <summary>A label short enough to read on the picture; the full id is in the node's title and the table.</summary>
    private static string Short(string value) => value.Length <= 24 ? value : value[..23] + "…";
}
