namespace Afpakken.Engine.Detection;

/// <summary>Typology names as alerts, ground truth and reports spell them.</summary>
public static class Typologies
{
    public const string FanIn = "fan_in";
    public const string FanOut = "fan_out";
    public const string Mule = "mule";
    public const string Structuring = "structuring";
    public const string Cycle = "cycle";
    public const string ScatterGather = "scatter_gather";
    public const string GatherScatter = "gather_scatter";
    public const string CryptoOffRamp = "crypto_off_ramp";
    public const string UndergroundBanking = "underground_banking";
}
