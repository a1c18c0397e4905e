using Afpakken.Engine.Confiscation;

namespace Afpakken.Engine.Tests.Confiscation;

/// <summary>Confiscation settings for hand-computed cases: one household ("single", €1,500 a month in 2025) and the shipped thresholds.</summary>
internal static class TestOptions
{
    public static ConfiscationOptions Create(IReadOnlyDictionary<string, AssetKindSettings> assets, IReadOnlyList<string>? shamLiabilityKinds = null) => new()
    {
        Household = "single",
        LivingCostNorms = new Dictionary<string, IReadOnlyDictionary<string, decimal>> { ["single"] = new Dictionary<string, decimal> { ["2025"] = 1_500m } },
        Attribution = new AttributionSettings(0.4, ["cash_intensive_business"]),
        Candidates = new CandidateSettings(10_000m, 0.5, 100),
        OwnershipConfidence = new OwnershipConfidence(1.0, 0.8, 0.8, 0.6, 0.6),
        Assets = assets,
        ShamLiabilityKinds = shamLiabilityKinds ?? [],
    };
}
