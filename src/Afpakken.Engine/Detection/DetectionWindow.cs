using Afpakken.Engine.Ingest;

namespace Afpakken.Engine.Detection;

/// <summary>
/// The period a detection run analyses, [From, To): by default the 12 months up to the latest booking in the
/// curated store — the data's own clock, not the wall clock, so that re-running on old data gives the same result.
/// </summary>
public sealed record DetectionWindow(DateTime From, DateTime To)
{
    public static DetectionWindow Default(CuratedManifest manifest, int months = 12)
    {
        if (manifest.Parts.Count == 0)
        {
            return new DetectionWindow(DateTime.UnixEpoch, DateTime.UnixEpoch);
        }

        var latest = manifest.Parts.Max(p => p.MaxBookedAt);
        var to = latest.AddTicks(1);
        return new DetectionWindow(to.AddMonths(-months), to);
    }
}
