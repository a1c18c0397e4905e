using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Underground banking's mirror flows (domain.md §3): net ≈ 0 between paired clusters that are otherwise unlinked.</summary>
public sealed class MirrorFlowOptions
{
    public const string SectionName = "Detection:MirrorFlows";

    /// <summary>The collection period: a month, as for the collection half.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after the period the banker may still pay out (settlement lags collection).</summary>
    public TimeSpan SettlementLag { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Least number of distinct senders in the collecting cluster (≥ 20 a month).</summary>
    [Range(2, 10_000)]
    public int MinSenders { get; set; } = 20;

    /// <summary>The senders' credits are small: their median must not exceed this.</summary>
    [Range(0, 1_000_000)]
    public decimal MaxMedianCredit { get; set; } = 1_000m;

    [Range(0, 1_000_000_000)]
    public decimal MinTurnover { get; set; } = 5_000m;

    /// <summary>Net ≈ 0: |in − out| may be at most this share of what came in.</summary>
    [Range(0.0, 1.0)]
    public double MaxNetShare { get; set; } = 0.1;

    /// <summary>The account's other flows in the period must stay below this share of the turnover: the account is the bank.</summary>
    [Range(0.0, 10.0)]
    public double MaxOtherShare { get; set; } = 0.5;

    /// <summary>Recipients with more transactions than this are not checked edge by edge for links with the senders (they count as linked).</summary>
    [Range(1, 10_000_000)]
    public int MaxRecipientDegree { get; set; } = 20_000;
}
