using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Money mule / rapid pass-through (domain.md §3): out/in ≥ 0.9 within 48 h, inflow from new senders.</summary>
public sealed class MuleOptions
{
    public const string SectionName = "Detection:Mule";

    /// <summary>How long money may stay before it counts as not passed through.</summary>
    public TimeSpan Dwell { get; set; } = TimeSpan.FromHours(48);

    /// <summary>An episode of inflows spans at most this long; a steady stream of new payers is business, not a mule.</summary>
    public TimeSpan MaxEpisode { get; set; } = TimeSpan.FromDays(7);

    [Range(0.5, 1.0)]
    public double MinPassThrough { get; set; } = 0.9;

    /// <summary>Out may exceed in a little (fees, an old balance); beyond this the outflow is not this inflow's.</summary>
    [Range(1.0, 2.0)]
    public double MaxPassThrough { get; set; } = 1.10;

    [Range(1, 100)]
    public int MinNewSenders { get; set; } = 2;

    /// <summary>At least this share of the outflow must leave as cash, crypto or a money transfer.</summary>
    [Range(0.0, 1.0)]
    public double MinExitShare { get; set; } = 0.5;

    [Range(0, 1_000_000_000)]
    public decimal MinTotal { get; set; } = 2_000m;

    /// <summary>The episode must dominate the account's inflow in this period around it, so busy business accounts do not fire.</summary>
    public TimeSpan Context { get; set; } = TimeSpan.FromDays(30);
}
