using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Bipartite / stack layering (domain.md §3): sets of accounts paying sets of accounts, layer after layer.</summary>
public sealed class StackLayeringOptions
{
    public const string SectionName = "Detection:StackLayering";

    /// <summary>A relay account receives and passes the money on within this time.</summary>
    public TimeSpan RelayWindow { get; set; } = TimeSpan.FromDays(5);

    /// <summary>The whole structure, first payment to last, within this time.</summary>
    public TimeSpan MaxSpan { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Around a relay's episode, its other flows within this time must stay below what the episode moved.</summary>
    public TimeSpan RelayContext { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Least number of consecutive many-to-many payment layers (sources → relays → … → sinks).</summary>
    [Range(2, 20)]
    public int MinLayers { get; set; } = 2;

    /// <summary>Least number of accounts in a set on either side of a layer.</summary>
    [Range(2, 1000)]
    public int MinSetSize { get; set; } = 2;

    /// <summary>A relay passes on at least this share of what it received in the episode (and at most 110 %).</summary>
    [Range(0.0, 1.0)]
    public double MinForwardShare { get; set; } = 0.7;

    [Range(0, 1_000_000_000)]
    public decimal MinTotal { get; set; } = 5_000m;

    /// <summary>Relays that share a payer or payee with at most this many transactions belong to one structure; busier ones are hubs.</summary>
    [Range(2, 10_000_000)]
    public int MaxSharedCounterpartyDegree { get; set; } = 200;

    /// <summary>Accounts with more transactions than this are hubs, not relays, and are not searched.</summary>
    [Range(4, 10_000_000)]
    public int MaxRelayDegree { get; set; } = 5_000;
}
