using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class CashFrontDetectorTests
{
    private static readonly CashFrontOptions Options = new() { MinSectorPeers = 3 };

    private readonly FlowGraphBuilder _graph = new();
    private readonly Dictionary<string, (string Kind, string? Sector)> _profiles = new(StringComparer.Ordinal);

    private CashFrontDetectorTests Business(string account, string sector)
    {
        _profiles[account] = ("business", sector);
        return this;
    }

    /// <summary>A business paid by clients' invoices every week of the year.</summary>
    private CashFrontDetectorTests Trade(string account, string sector, decimal weekly = 2_000m)
    {
        Business(account, sector);
        for (var week = 0; week < 40; week++)
        {
            _graph.Transfer("CLIENT-" + account, account, weekly, Some.Day(week * 7));
        }

        return this;
    }

    /// <summary>Cash takings banked every <paramref name="everyDays"/> days over <paramref name="days"/> days.</summary>
    private CashFrontDetectorTests Takings(string account, decimal amount, int days = 200, int everyDays = 5, int from = 0)
    {
        for (var d = from; d < from + days; d += everyDays)
        {
            _graph.Transfer("CASH", account, amount, Some.Day(d), "cash_deposit", $"{account}-c{d}");
        }

        return this;
    }

    private IReadOnlyList<Alert> Detect(bool withProfiles = true) =>
        new CashFrontDetector(Options, withProfiles ? new AccountProfiles(_profiles) : AccountProfiles.None).Detect(_graph.Build());

    [Fact]
    public void A_consultancy_banking_steady_cash_far_above_its_sector_is_a_cash_front()
    {
        Trade("ADVICE1", "7022").Trade("ADVICE2", "7022").Trade("ADVICE3", "7022");
        Trade("FRONT", "7022").Takings("FRONT", 3_000m);

        var alert = Assert.Single(Detect());

        Assert.Equal(("cash_front", "FRONT", 120_000m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(["FRONT"], alert.Accounts);
        Assert.Equal(40, alert.TxIds.Count);
        Assert.All(alert.TxIds, id => Assert.StartsWith("FRONT-c", id, StringComparison.Ordinal));
        Assert.Contains("FRONT banked €120,000.00 in 40 cash deposits over 7 months: 60 % of its credits, against a median of 0 % for sector 7022", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("FRONT-c0, FRONT-c5", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snack_bar_as_cash_heavy_as_its_sector_is_not_a_front()
    {
        foreach (var bar in new[] { "BAR1", "BAR2", "BAR3", "BAR4" })
        {
            Trade(bar, "5610", weekly: 500m).Takings(bar, 2_500m);
        }

        Assert.Empty(Detect());
    }

    [Fact]
    public void Seasonal_takings_a_small_amount_or_a_few_weeks_are_near_misses()
    {
        Trade("ADVICE1", "7022").Trade("ADVICE2", "7022").Trade("ADVICE3", "7022");

        // An ice-cream trade: most of the cash in two summer months.
        Trade("SEASONAL", "7022").Takings("SEASONAL", 500m, days: 150, everyDays: 10).Takings("SEASONAL", 6_000m, days: 60, everyDays: 2, from: 150);

        // A steady cash share, but too little money to matter.
        Trade("SMALL", "7022", weekly: 100m).Takings("SMALL", 300m);

        // Much cash, but within a month: structuring's business, not a front's revenue.
        Trade("BRIEF", "7022").Takings("BRIEF", 9_000m, days: 25, everyDays: 2);

        Assert.Empty(Detect());
    }

    [Fact]
    public void Personal_accounts_are_no_front_companies_when_the_kinds_are_known()
    {
        Trade("ADVICE1", "7022").Trade("ADVICE2", "7022").Trade("ADVICE3", "7022");
        Takings("PERSON", 3_000m);
        _profiles["PERSON"] = ("personal", null);

        Assert.Empty(Detect());
        Assert.Equal("PERSON", Assert.Single(Detect(withProfiles: false)).FocusAccount);
    }

    [Fact]
    public void Without_entity_files_an_account_is_compared_with_all_accounts()
    {
        Trade("ADVICE1", "7022").Trade("ADVICE2", "7022").Trade("ADVICE3", "7022");
        Trade("FRONT", "7022").Takings("FRONT", 3_000m);

        var alert = Assert.Single(Detect(withProfiles: false));
        Assert.Contains("against a median of 0 % for all accounts", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sector_too_small_to_judge_is_compared_with_its_division()
    {
        // One restaurant (5610) and two bars (5630): the restaurant's sector is too small, its division (56) is not.
        foreach (var adviser in new[] { "ADVICE1", "ADVICE2", "ADVICE3", "ADVICE4", "ADVICE5" })
        {
            Trade(adviser, "7022");
        }

        Trade("RESTAURANT", "5610", weekly: 500m).Takings("RESTAURANT", 2_500m);
        Trade("BAR1", "5630", weekly: 500m).Takings("BAR1", 2_500m);
        Trade("BAR2", "5630", weekly: 500m).Takings("BAR2", 2_500m);

        Assert.Empty(Detect());
    }
}
