using System.ComponentModel.DataAnnotations;

namespace Afpakken.Engine.Detection;

/// <summary>Cash-intensive front company (domain.md §3): cash revenue out of proportion to its sector, no seasonality.</summary>
public sealed class CashFrontOptions
{
    public const string SectionName = "Detection:CashFront";

    /// <summary>The account's cash share of its credits must exceed this many times its sector's median share.</summary>
    [Range(1.0, 100.0)]
    public double SectorFactor { get; set; } = 2.0;

    /// <summary>Cash must also be a material part of what the account takes in, whatever its sector's median.</summary>
    [Range(0.0, 1.0)]
    public double MinCashShare { get; set; } = 0.3;

    /// <summary>Cash deposited over the analysed window; below this a high share is too little money to matter.</summary>
    [Range(0, 1_000_000_000)]
    public decimal MinCash { get; set; } = 25_000m;

    /// <summary>A sector with fewer accounts than this is compared with its division (two-digit SBI), else with all business accounts.</summary>
    [Range(1, 1_000_000)]
    public int MinSectorPeers { get; set; } = 5;

    /// <summary>Months (30-day buckets from the first cash deposit) the cash must span, so that seasonality can be judged.</summary>
    [Range(1, 12)]
    public int MinMonths { get; set; } = 3;

    /// <summary>
    /// Seasonal trade has a peak: when the busiest month holds more than this many times the median month's cash, the
    /// rhythm is the business's own and no alert is raised.
    /// </summary>
    [Range(1.0, 100.0)]
    public double MaxPeakToMedianMonth { get; set; } = 3.0;
}
