using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Cycle / round-tripping (domain.md §3): funds return to their origin through 3–6 hops, ≤ 5 days a hop, 0–10 % loss a hop.</summary>
public sealed class CycleOptions
{
    public const string SectionName = "Detection:Cycle";

    [Range(2, 10)]
    public int MinHops { get; set; } = 3;

    [Range(2, 10)]
    public int MaxHops { get; set; } = 6;

    public TimeSpan MaxHopDelay { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Each hop may shrink the amount by at most this share (fees); it may not grow.</summary>
    [Range(0.0, 0.5)]
    public double MaxLossPerHop { get; set; } = 0.10;

    [Range(0, 1_000_000_000)]
    public decimal MinAmount { get; set; } = 1_000m;

    /// <summary>At most this many next hops are followed from one account at one step, so hubs cannot blow the search up.</summary>
    [Range(1, 10_000)]
    public int MaxBranching { get; set; } = 32;
}
