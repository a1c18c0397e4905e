using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Structuring (smurfing): repeated cash deposits just below a reporting or cash threshold (domain.md §3). The
/// thresholds are configuration, not law: €10,000 (EU cash / due diligence) and €3,000 (NL cash-payment ban, start
/// date unverified) by default.
/// </summary>
public sealed class StructuringOptions
{
    public const string SectionName = "Detection:Structuring";

    public IReadOnlyList<decimal> Thresholds { get; set; } = [10_000m, 3_000m];

    /// <summary>A deposit counts when it is at least this share of the threshold …</summary>
    [Range(0.5, 1.0)]
    public decimal LowerShare { get; set; } = 0.80m;

    /// <summary>… and below the threshold itself (at most 99 % of it).</summary>
    [Range(0.5, 1.0)]
    public decimal UpperShare { get; set; } = 0.99m;

    [Range(2, 100)]
    public int MinDeposits { get; set; } = 3;

    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Deposits just below the line must outnumber those just above it (as far above as the band is below) by this factor, plus one.</summary>
    [Range(1.0, 100.0)]
    public double CliffFactor { get; set; } = 3.0;

    /// <summary>Near-threshold deposits must be at least this share of all the account's cash deposits in the window,
    /// so that a cash business depositing all kinds of amounts does not fire on the few that land near the line.</summary>
    [Range(0.0, 1.0)]
    public double MinShareOfCashDeposits { get; set; } = 0.5;
}
