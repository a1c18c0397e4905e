using Afpakken.Engine.Detection;

namespace Afpakken.Engine.Pipeline;

/// <summary>The detectors a detection run applies, in order, with their settings.</summary>
public static class DetectorSet
{
    /// <param name="settings">Every detector's settings (<see cref="DetectionSettings"/>).</param>
    /// <param name="profiles">Account kinds and holder sectors from the entity files (<see cref="Storage.EntityStore.AccountProfilesAsync"/>);
    /// with <see cref="AccountProfiles.None"/> the cash-front detector compares every account with all accounts.</param>
    public static IDetector[] Create(DetectionSettings settings, StrawManEvidence evidence, AccountProfiles profiles) =>
    [
        new FanInDetector(settings.Fan), new FanOutDetector(settings.Fan),
        new MuleDetector(settings.Mule), new StructuringDetector(settings.Structuring),
        new CycleDetector(settings.Cycle),
        new ScatterGatherDetector(settings.Layering), new GatherScatterDetector(settings.Layering),
        new BipartiteLayeringDetector(settings.StackLayering, settings.BipartiteBurst),
        new CryptoOffRampDetector(settings.OffRamp), new UndergroundBankingDetector(settings.OffRamp),
        new MirrorFlowDetector(settings.MirrorFlows),
        new CashFrontDetector(settings.CashFront, profiles),
        new StrawManDetector(evidence, settings.StrawMan),
    ];
}
