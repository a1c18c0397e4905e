using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Single-hop bipartite layering (<see cref="BipartiteBurstDetector"/>): sets of accounts each paying every account of another set.</summary>
public sealed class BipartiteBurstOptions
{
    public const string SectionName = "Detection:BipartiteBurst";

    /// <summary>Least number of paying accounts.</summary>
    [Range(2, 1000)]
    public int MinSources { get; set; } = 3;

    /// <summary>Least number of paid accounts, each paid by every payer.</summary>
    [Range(2, 1000)]
    public int MinTargets { get; set; } = 2;

    /// <summary>First payment to last within this time.</summary>
    public TimeSpan MaxSpan { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Around the structure, each member's other flows within this time are weighed against it.</summary>
    public TimeSpan Context { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The structure carries at least this share of what each payer sent and each payee received around it.</summary>
    [Range(0.0, 1.0)]
    public double MinShare { get; set; } = 0.5;

    /// <summary>At most this many payments per payer–payee pair on average (a standing order is not a burst).</summary>
    [Range(1, 100)]
    public int MaxPaymentsPerPair { get; set; } = 3;

    [Range(0, 1_000_000_000)]
    public decimal MinTotal { get; set; } = 5_000m;

    /// <summary>Members have at most this many transactions in the window; busier accounts are hubs.</summary>
    [Range(2, 10_000_000)]
    public int MaxMemberDegree { get; set; } = 200;

    /// <summary>A payer that paid more small accounts than this is not searched (businesses, payroll).</summary>
    [Range(2, 1000)]
    public int MaxTargetsPerSource { get; set; } = 16;
}
