namespace Afpakken.Engine.Generation;

/// <summary>The laundering typologies the generator plants (domain.md §3), as written in the truth files.</summary>
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

    public static IReadOnlyList<string> All { get; } =
        [FanIn, FanOut, Mule, ScatterGather, GatherScatter, Cycle, Structuring, StrawMan];

    /// <summary>Every world holds at least this many operations of each typology, however small.</summary>
    public const int MinimumOperationsPerTypology = 4;

    /// <summary>Above the minimum, one operation of each typology per this many transactions.</summary>
    public const int TransactionsPerOperation = 5_000;

    public static int OperationsPerTypology(long transactions) =>
        (int)Math.Max(MinimumOperationsPerTypology, transactions / TransactionsPerOperation);
}
