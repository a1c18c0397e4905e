using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class StrawManDetectorTests
{
    private static readonly StrawManOptions Options = new();

    private static FlowGraph Purchases() => new FlowGraphBuilder()
        .Transfer("PRINCIPAL-ACC", "CAR-DEALER", 65_000m, Some.Day(1), txId: "car")
        .Transfer("PRINCIPAL-ACC", "BOAT-YARD", 120_000m, Some.Day(3), txId: "boat")
        .Transfer("OWNER-ACC", "GROCER", 80m, Some.Day(4), txId: "groceries")
        .Build();

    private static readonly Dictionary<string, string> Holders = new()
    {
        ["PRINCIPAL-ACC"] = "PRINCIPAL",
        ["OWNER-ACC"] = "STRAWMAN",
    };

    [Fact]
    public void Assets_of_a_low_income_party_paid_from_someone_elses_account_point_at_the_payer()
    {
        var evidence = new StrawManEvidence(
            [new PaidAsset("A1", "vehicle", "STRAWMAN", 65_000m, ["car"]), new PaidAsset("A2", "vessel", "STRAWMAN", 120_000m, ["boat"])],
            Holders, new Dictionary<string, decimal> { ["STRAWMAN"] = 18_000m });

        var alert = Assert.Single(new StrawManDetector(evidence, Options).Detect(Purchases()));

        Assert.Equal(("straw_man", "PRINCIPAL-ACC", 185_000m), (alert.Typology, alert.FocusAccount, alert.TotalAmount));
        Assert.Equal(["car", "boat"], alert.TxIds);
        Assert.Equal(["PRINCIPAL-ACC", "BOAT-YARD", "CAR-DEALER", "OWNER-ACC"], alert.Accounts);
        Assert.Contains("PRINCIPAL-ACC paid for 2 assets (1 vehicle, 1 vessel) worth €185,000.00 registered to party STRAWMAN, 10.3× the owner's highest yearly legal income of €18,000.00", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_paid_owner_or_an_owner_who_paid_herself_is_not_a_straw_man()
    {
        var wellPaid = new StrawManEvidence(
            [new PaidAsset("A1", "vehicle", "STRAWMAN", 65_000m, ["car"]), new PaidAsset("A2", "vessel", "STRAWMAN", 120_000m, ["boat"])],
            Holders, new Dictionary<string, decimal> { ["STRAWMAN"] = 90_000m });
        var selfPaid = new StrawManEvidence(
            [new PaidAsset("A1", "vehicle", "PRINCIPAL", 65_000m, ["car"]), new PaidAsset("A2", "vessel", "PRINCIPAL", 120_000m, ["boat"])],
            Holders, new Dictionary<string, decimal>());

        Assert.Empty(new StrawManDetector(wellPaid, Options).Detect(Purchases()));
        Assert.Empty(new StrawManDetector(selfPaid, Options).Detect(Purchases()));
        Assert.Empty(new StrawManDetector(StrawManEvidence.None, Options).Detect(Purchases()));
    }
}
