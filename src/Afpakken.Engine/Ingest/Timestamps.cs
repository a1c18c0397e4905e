using System.Globalization;

namespace Afpakken.Engine.Ingest;

/// <summary>Parsing of textual timestamps: ISO 8601; without an offset the value is taken as UTC.</summary>
internal static class Timestamps
{
    public static bool TryParseUtc(string? text, out DateTime utc)
    {
        if (!string.IsNullOrWhiteSpace(text) &&
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
        {
            utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            return true;
        }

        utc = default;
        return false;
    }
}
