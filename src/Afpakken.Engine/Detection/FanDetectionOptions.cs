using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Parameters of the fan-in and fan-out detectors (domain.md §3: ≥ 5 new counterparties in 7 days; ≥ 5 recipients
/// in 72 h). The thresholds are relative to the account's own history so that busy merchants and payroll accounts,
/// whose many counterparties are their normal, do not fire.
/// </summary>
public sealed class FanDetectionOptions
{
    public const string SectionName = "Detection:Fan";

    /// <summary>Fan-in: the window in which one-off senders must arrive.</summary>
    public TimeSpan FanInWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Fan-out: the window in which one-off recipients must be paid.</summary>
    public TimeSpan FanOutWindow { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How far after a fan-in (before a fan-out) the alert looks for the money's other leg.</summary>
    public TimeSpan LinkedLeg { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Least number of distinct one-off counterparties in the window.</summary>
    [Range(2, 1000)]
    public int MinCounterparties { get; set; } = 5;

    /// <summary>The burst must have this many times the account's median weekly distinct counterparties.</summary>
    [Range(1.0, 100.0)]
    public double BurstFactor { get; set; } = 3.0;

    /// <summary>The burst's amount must be this many times the account's median monthly flow in the same direction.</summary>
    [Range(0.0, 100.0)]
    public double AmountFactor { get; set; } = 3.0;

    /// <summary>
    /// The median counterparty must have moved at least this share of its own outflow (fan-in) or inflow (fan-out)
    /// through the burst: instrumented accounts do, the customers of a busy business do not.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinCounterpartyShare { get; set; } = 0.5;

    /// <summary>Least total amount of a burst, in the transactions' currency units.</summary>
    [Range(0, 1_000_000_000)]
    public decimal MinTotal { get; set; } = 2_500m;
}
