namespace Afpakken.Engine.Graph;

/// <summary>Robust statistics the detectors and features share.</summary>
internal static class Statistics
{
    /// <summary>The median; 0 for no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
