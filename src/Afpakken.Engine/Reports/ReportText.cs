using System.Globalization;
using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Reports;

/// <summary>
/// The words and number formats of a printed report in one language: Dutch (the default, for the Dutch court) or
/// English. Money is always formatted with an explicit number format, never the machine's culture, so a report
/// reads the same wherever it is produced.
/// </summary>
internal sealed partial class ReportText
{
    private readonly NumberFormatInfo _numbers;
    private readonly IReadOnlyDictionary<string, string> _terms;

    private ReportText(string language, NumberFormatInfo numbers, IReadOnlyDictionary<string, string> terms)
    {
        Language = language;
        _numbers = numbers;
        _terms = terms;
    }

    /// <summary>"nl" or "en" (ISO 639-1), as written in the html lang attribute.</summary>
    public string Language { get; }

    /// <summary>The texts for <paramref name="lang"/>: "nl" (also when empty) or "en".</summary>
    public static ReportText For(string? lang) => (lang ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "nl" => Dutch,
        "en" => English,
        _ => throw new ArgumentOutOfRangeException(nameof(lang), lang, "a report is written in 'nl' (default) or 'en'"),
    };

    /// <summary>nl: € 1.234.567,89 — en: €1,234,567.89.</summary>
    public string Money(decimal amount) => amount.ToString("C2", _numbers);

    /// <summary>A ratio such as a confidence or a score, with two decimals in the language's style.</summary>
    public string Ratio(double value) => value.ToString("N2", _numbers);

    public string Count(int value) => value.ToString("N0", _numbers);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Span(Period period) => $"{Date(period.From)} – {Date(period.To)}";

    /// <summary>Fills a label's {0}… placeholders with values already formatted in this language.</summary>
    public static string Fill(string template, params string[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    /// <summary>A term of the engine's vocabulary (control basis, asset kind, cash-statement heading, status…) in this language; unknown terms as they are.</summary>
    public string Term(string term) => _terms.TryGetValue(term, out var text) ? text : term;

    public string StatusOf(ItemStatus status) => Term(status.ToString().ToLowerInvariant());

    /// <summary>A sentence of the engine (a line item, evidence, a reason) in this language; see <see cref="EnginePhrases"/>.</summary>
    public string Phrase(string engineText) => Language == "nl" ? EnginePhrases.ToDutch(engineText, Term) : engineText;

    private static NumberFormatInfo Numbers(string group, string decimalSeparator, int positivePattern, int negativePattern) => new()
    {
        CurrencySymbol = "€",
        CurrencyGroupSeparator = group,
        CurrencyDecimalSeparator = decimalSeparator,
        CurrencyGroupSizes = [3],
        CurrencyPositivePattern = positivePattern,
        CurrencyNegativePattern = negativePattern,
        NumberGroupSeparator = group,
        NumberDecimalSeparator = decimalSeparator,
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };
}
