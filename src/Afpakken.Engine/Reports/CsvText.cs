namespace Afpakken.Engine.Reports;

/// <summary>RFC 4180 quoting for the CSV reports.</summary>
internal static class CsvText
{
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Quotes free text from input files and defuses spreadsheet formulas: a cell starting with = + - @ gets a leading
    /// apostrophe, so a name like <c>=HYPERLINK(…)</c> stays text when a report is opened in a spreadsheet.
    /// </summary>
    public static string Text(string? value)
    {
        value ??= "";
        return Quote(value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value);
    }
}
