namespace Afpakken.Engine.Generation;

/// <summary>How many operations of each planted typology (<see cref="Contract.Typologies.Planted"/>) a world holds.</summary>
public static class PlantingPlan
{
    /// <summary>Every world holds at least this many operations of each typology, however small.</summary>
    public const int MinimumOperationsPerTypology = 4;

    /// <summary>Above the minimum, one operation of each typology per this many transactions.</summary>
    public const int TransactionsPerOperation = 5_000;

    public static int OperationsPerTypology(long transactions) =>
        (int)Math.Max(MinimumOperationsPerTypology, transactions / TransactionsPerOperation);
}
