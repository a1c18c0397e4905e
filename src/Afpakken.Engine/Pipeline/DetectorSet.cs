using Afpakken.Engine.Detection;

namespace Afpakken.Engine.Pipeline;

/// <summary>The detectors a detection run applies, in order, with their options.</summary>
public static class DetectorSet
{
    public static IDetector[] Create(FanDetectionOptions fanOptions, StrawManEvidence evidence) =>
    [
        new FanInDetector(fanOptions), new FanOutDetector(fanOptions),
        new MuleDetector(new MuleOptions()), new StructuringDetector(new StructuringOptions()),
        new CycleDetector(new CycleOptions()),
        new ScatterGatherDetector(new LayeringOptions()), new GatherScatterDetector(new LayeringOptions()),
        new CryptoOffRampDetector(new OffRampOptions()), new UndergroundBankingDetector(new OffRampOptions()),
        new StrawManDetector(evidence, new StrawManOptions()),
    ];
}
