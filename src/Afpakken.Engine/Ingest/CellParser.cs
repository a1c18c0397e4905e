using System.Globalization;

namespace Afpakken.Engine.Ingest;

/// <summary>Converts textual cells (CSV, or text columns of typed files) into canonical values under a mapping.</summary>
internal sealed class CellParser
{
    private readonly ColumnMapping _mapping;
    private readonly CultureInfo _numbers;

    public CellParser(ColumnMapping mapping)
    {
        _mapping = mapping;
        _numbers = mapping.NumberCulture;
    }

    public DateTime? Timestamp(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        const DateTimeStyles utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (_mapping.TimestampFormat is { } format)
        {
            return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, utc, out var exact)
                ? DateTime.SpecifyKind(exact, DateTimeKind.Utc)
                : null;
        }

        return Timestamps.TryParseUtc(text, out var value) ? value : null;
    }

    /// <summary>A decimal amount, or null with <paramref name="problem"/> set when the text is not a number.</summary>
    public decimal? Amount(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, _numbers, out var value))
        {
            return value;
        }

        problem = "amount is not a number";
        return null;
    }

    public static bool? Flag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "1" or "true" or "yes" or "y" or "t" => true,
        "0" or "false" or "no" or "n" or "f" => false,
        _ => null,
    };

    public string? Text(string field, string? value) => _mapping.Translate(field, value);
}
