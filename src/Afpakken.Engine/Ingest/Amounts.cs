namespace Afpakken.Engine.Ingest;

/// <summary>Conversions of source amounts into decimal; floating point only at the border, rounded to cents once.</summary>
internal static class Amounts
{
    public static decimal? FromDouble(double? value, out string? problem)
    {
        problem = null;
        if (value is not { } v)
        {
            return null;
        }

        if (!double.IsFinite(v) || Math.Abs(v) > 1e15)
        {
            problem = "amount is not a finite number in range";
            return null;
        }

        return Math.Round((decimal)v, 2, MidpointRounding.ToEven);
    }
}
