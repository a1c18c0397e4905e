using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Facilitator score (domain.md §3): accounts in several independent structures, brokers between them, gatekeeper hubs.</summary>
public sealed class FacilitatorOptions
{
    public const string SectionName = "Detection:Facilitators";

    /// <summary>
    /// A broker's flagged counterparties must exceed what its number of counterparties explains at the run's base rate
    /// of flagged accounts by this many Poisson standard deviations — a supermarket serves flagged people by chance.
    /// </summary>
    [Range(0.0, 100.0)]
    public double MinSurprise { get; set; } = 2.5;

    /// <summary>A gatekeeper hub serves at least this many flagged clients …</summary>
    [Range(1, 1_000_000)]
    public int MinFlaggedClients { get; set; } = 3;

    /// <summary>… in at least this many times as many separate cases as the median gatekeeper: a centrality outlier among its peers.</summary>
    [Range(1.0, 1_000.0)]
    public double MinGatekeeperLift { get; set; } = 3.0;

    /// <summary>Betweenness is exact up to this many nodes in the structure graph, else estimated from this many sources.</summary>
    [Range(16, 1_000_000)]
    public int MaxBetweennessSources { get; set; } = 256;
}
