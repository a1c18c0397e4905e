using System.Globalization;
using System.Text;
using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

/// <summary>
/// Net worth at the reference dates of an asset overview as an inline SVG line chart: dates on the x axis at their
/// true distance, net worth on the y axis from a rounded scale that always includes zero, each point labelled with
/// its value. Coordinates are written in the invariant culture; every label is encoded.
/// </summary>
internal static class SvgNetWorthChart
{
    private const double Width = 720;
    private const double Height = 300;
    private const double Left = 118;
    private const double Right = 40;
    private const double Top = 24;
    private const double Bottom = 46;

    public static string Render(IReadOnlyList<ReferencePosition> positions, ReportText text, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart networth\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">");
        svg.Append($"<title>{ConfiscationHtmlPage.E(title)}</title>");
        var points = positions.OrderBy(p => p.Date).ToList();
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">–</text></svg>");
            return svg.ToString();
        }

        var (low, high, step) = Scale(Math.Min(0m, points.Min(p => p.NetWorth)), Math.Max(0m, points.Max(p => p.NetWorth)));
        var firstDay = points[0].Date.DayNumber;
        var span = Math.Max(1, points[^1].Date.DayNumber - firstDay);
        double X(DateOnly day) => points.Count == 1 ? Left + (Width - Left - Right) / 2 : Left + (day.DayNumber - firstDay) * (Width - Left - Right) / span;
        double Y(decimal value) => Top + (double)((high - value) / (high - low)) * (Height - Top - Bottom);

        svg.Append("<g class=\"y-axis\">");
        for (var tick = low; tick <= high; tick += step)
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left:0.#}\" y1=\"{y:0.#}\" x2=\"{Width - Right:0.#}\" y2=\"{y:0.#}\" stroke=\"{(tick == 0 ? "#555" : "#ddd")}\" stroke-width=\"{(tick == 0 ? 1 : 0.5)}\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6:0.#}\" y=\"{y + 3.5:0.#}\" text-anchor=\"end\">{ConfiscationHtmlPage.E(text.Money(tick))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left:0.#}\" y1=\"{Top:0.#}\" x2=\"{Left:0.#}\" y2=\"{Height - Bottom:0.#}\" stroke=\"#555\" />");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2:0.#}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2:0.#})\">{ConfiscationHtmlPage.E(text.NetWorth)}</text>");
        svg.Append("</g><g class=\"x-axis\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left:0.#}\" y1=\"{Height - Bottom:0.#}\" x2=\"{Width - Right:0.#}\" y2=\"{Height - Bottom:0.#}\" stroke=\"#555\" />");
        for (var i = 0; i < points.Count; i++)
        {
            var x = X(points[i].Date);
            var labelY = Height - Bottom + (i % 2 == 0 ? 14 : 26); // two rows: the day before the period and its first year end can be days apart
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Height - Bottom:0.#}\" x2=\"{x:0.#}\" y2=\"{labelY - 10:0.#}\" stroke=\"#555\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"date\" x=\"{x:0.#}\" y=\"{labelY:0.#}\" text-anchor=\"middle\">{ReportText.Date(points[i].Date)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2:0.#}\" y=\"{Height - 4:0.#}\" text-anchor=\"middle\">{ConfiscationHtmlPage.E(text.ReferenceDate)}</text>");
        svg.Append("</g>");

        var line = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Date):0.#},{Y(p.NetWorth):0.#}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" points=\"{line}\" fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"2\" />");
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = (X(points[i].Date), Y(points[i].NetWorth));
            var value = ConfiscationHtmlPage.E(text.Money(points[i].NetWorth));
            var labelY = i % 2 == 0 ? y - 8 : y + 16; // alternate above and below so neighbouring labels do not collide
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"point\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"#1f3a5f\"><title>{ReportText.Date(points[i].Date)}: {value}</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{x:0.#}\" y=\"{labelY:0.#}\" text-anchor=\"middle\" font-size=\"9\">{value}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A scale from <paramref name="low"/> to <paramref name="high"/> widened to whole steps of 1, 2 or 5 × 10ⁿ, about five ticks.</summary>
    internal static (decimal Low, decimal High, decimal Step) Scale(decimal low, decimal high)
    {
        if (high == low)
        {
            high = low + 1;
        }

        var raw = (high - low) / 5;
        var magnitude = 1m;
        while (magnitude * 10 <= raw)
        {
            magnitude *= 10;
        }

        while (magnitude > raw && magnitude > 0.01m)
        {
            magnitude /= 10;
        }

        var step = new[] { 1m, 2m, 5m, 10m }.Select(f => f * magnitude).First(s => s >= raw);
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }
}
