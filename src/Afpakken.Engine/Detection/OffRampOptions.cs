using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Crypto off-ramp (domain.md §3: cash-out within 24 h; deposit &gt; 3× monthly income) and underground banking
/// (≥ 20 senders a month of small credits, remitted in a few large transfers).
/// </summary>
public sealed class OffRampOptions
{
    public const string SectionName = "Detection:OffRamp";

    public TimeSpan CryptoWindow { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan CashOutWithin { get; set; } = TimeSpan.FromHours(24);

    [Range(0.0, 1.0)]
    public double MinCashOutShare { get; set; } = 0.7;

    /// <summary>Crypto inflow must exceed this many times the account's median monthly other inflow (its income).</summary>
    [Range(0.0, 100.0)]
    public double IncomeFactor { get; set; } = 3.0;

    [Range(0, 1_000_000_000)]
    public decimal MinCrypto { get; set; } = 5_000m;

    public TimeSpan CollectionWindow { get; set; } = TimeSpan.FromDays(30);

    [Range(2, 10_000)]
    public int MinCollectionSenders { get; set; } = 20;

    [Range(0, 1_000_000)]
    public decimal MaxMedianCredit { get; set; } = 1_000m;

    [Range(0, 1_000_000_000)]
    public decimal MinCollected { get; set; } = 10_000m;
}
