using Afpakken.Engine.Detection;

namespace Afpakken.Engine.Pipeline;

/// <summary>The detectors a detection run applies, in order, with their options.</summary>
public static class DetectorSet
{
    /// <summary>Without account profiles: the cash-front detector compares every account with all accounts.</summary>
    public static IDetector[] Create(FanDetectionOptions fanOptions, StrawManEvidence evidence) =>
        Create(fanOptions, evidence, AccountProfiles.None);

    /// <param name="profiles">Account kinds and holder sectors from the entity files (<see cref="Storage.EntityStore.AccountProfilesAsync"/>).</param>
    public static IDetector[] Create(FanDetectionOptions fanOptions, StrawManEvidence evidence, AccountProfiles profiles) =>
    [
        new FanInDetector(fanOptions), new FanOutDetector(fanOptions),
        new MuleDetector(new MuleOptions()), new StructuringDetector(new StructuringOptions()),
        new CycleDetector(new CycleOptions()),
        new ScatterGatherDetector(new LayeringOptions()), new GatherScatterDetector(new LayeringOptions()),
        new BipartiteLayeringDetector(new StackLayeringOptions(), new BipartiteBurstOptions()),
        new CryptoOffRampDetector(new OffRampOptions()), new UndergroundBankingDetector(new OffRampOptions()),
        new MirrorFlowDetector(new MirrorFlowOptions()),
        new CashFrontDetector(new CashFrontOptions(), profiles),
        new StrawManDetector(evidence, new StrawManOptions()),
    ];
}
