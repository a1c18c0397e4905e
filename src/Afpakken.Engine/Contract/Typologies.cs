namespace Afpakken.Engine.Contract;

/// <summary>
/// Typology names (domain.md §3) as alerts, ground truth, score files and reports spell them: one list for the
/// detectors, the generator and the evaluation.
/// </summary>
public static class Typologies
{
    public const string FanIn = "fan_in";
    public const string FanOut = "fan_out";
    public const string Mule = "mule";
    public const string ScatterGather = "scatter_gather";
    public const string GatherScatter = "gather_scatter";
    public const string Cycle = "cycle";
    public const string Structuring = "structuring";
    public const string StrawMan = "straw_man";
    public const string CryptoOffRamp = "crypto_off_ramp";
    public const string UndergroundBanking = "underground_banking";
    public const string BipartiteLayering = "bipartite_layering";
    public const string CashFront = "cash_front";

    /// <summary>The typologies the synthetic world plants.</summary>
    public static IReadOnlyList<string> Planted { get; } =
        [FanIn, FanOut, Mule, ScatterGather, GatherScatter, Cycle, Structuring, StrawMan, BipartiteLayering, CashFront, UndergroundBanking];

    /// <summary>Every typology a detector can raise.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>([.. Planted, CryptoOffRamp], StringComparer.Ordinal);
}
