using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Scatter-gather and gather-scatter (domain.md §3): splits over intermediaries that re-join, 2 hops, ≤ 10 days.</summary>
public sealed class LayeringOptions
{
    public const string SectionName = "Detection:Layering";

    public TimeSpan Window { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Least number of distinct intermediaries (scatter-gather) or of sources and of targets (gather-scatter).</summary>
    [Range(2, 1000)]
    public int MinBranches { get; set; } = 3;

    /// <summary>An intermediary (or the hub) must pass on at least this share of what it received in the structure.</summary>
    [Range(0.0, 1.5)]
    public double MinForwardShare { get; set; } = 0.7;

    [Range(0, 1_000_000_000)]
    public decimal MinTotal { get; set; } = 5_000m;

    /// <summary>Cap on next hops followed from one account, so hubs cannot blow the search up.</summary>
    [Range(1, 100_000)]
    public int MaxBranching { get; set; } = 64;
}
