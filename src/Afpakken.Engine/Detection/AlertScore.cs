namespace Afpakken.Engine.Detection;

/// <summary>
/// The one mapping from a detector's evidence strength to an alert score: z ≥ 0 (how far the
/// evidence is beyond the detector's thresholds, on a log scale) becomes a score in [0.5, 1) — every alert
/// outranks every unflagged row, and stronger evidence ranks higher.
/// </summary>
internal static class AlertScore
{
    public static double FromEvidence(double z) => Math.Round(0.5 + (0.5 * (1 - Math.Exp(-(0.5 + Math.Max(0, z))))), 6);
}
