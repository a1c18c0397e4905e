using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Confiscation;

/// <summary>
/// A hand-built case computed by hand: BOSS directs FRONT-BV, whose account pays a car registered to STRAW (who directs
/// STRAW-BV); five one-off senders fund FRONT-BV, which sends the money abroad; BOSS deposits structured cash, lives
/// partly by card, owns a mortgaged house, and €25,000 was found at a search; FRONT-BV holds a boat "financed" by a
/// loan-back. Every figure below is worked out in the comments.
/// </summary>
public sealed class ConfiscationServiceTests : IDisposable
{
    private static readonly Period Year2025 = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ConfiscationOptions Options() => TestOptions.Create(
        new Dictionary<string, AssetKindSettings>
        {
            ["vehicle"] = new("movable", 0.6),
            ["vessel"] = new("movable", 0.5),
            ["real_estate"] = new("slow", 0.15),
            ["cash"] = new("immediate", 0.9),
        },
        shamLiabilityKinds: ["loan_back"]);

    private static Party Person(string id, string? directors = null) => new(id, "person", id, new DateOnly(1980, 1, 1), null, $"Straat {id}", null, null, null, null, directors);

    private static Party Company(string id, string directors, string? roleHint = null) => new(id, "company", id + " B.V.", null, "1234", $"Weg {id}", null, null, "7022", roleHint, directors);

    private async Task<ConfiscationService> WorldAsync()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(Path.Combine(_dir, "data")));
        var entities = new EntityStore(store);
        await entities.UpsertPartiesAsync(
        [
            Person("BOSS"), Company("FRONT", "BOSS"), Person("STRAW"), Company("STRAWBV", "STRAW"), Person("DEALERBOSS"), Company("DEALER", "DEALERBOSS"),
            Company("FOREIGN", ""), Person("M1"), Person("M2"), Person("M3"), Person("M4"), Person("M5"), Person("SHOPKEEPER"), Company("SHOP", "SHOPKEEPER", "cash_intensive_business"),
        ], "h", CancellationToken.None);
        var opened = new DateOnly(2010, 1, 1);
        await entities.UpsertAccountsAsync(
        [
            new("BOSS-ACC", "BOSS", "B", opened, null, "personal"), new("FRONT-ACC", "FRONT", "B", opened, null, "business"),
            new("STRAW-ACC", "STRAW", "B", opened, null, "personal"), new("DEALER-ACC", "DEALER", "B", opened, null, "business"),
            new("FOREIGN-ACC", "FOREIGN", "B", opened, null, "business"), new("SHOP-ACC", "SHOP", "B", opened, null, "business"),
            .. Enumerable.Range(1, 5).Select(i => new Account($"M{i}-ACC", $"M{i}", "B", opened, null, "personal")),
        ], "h", CancellationToken.None);
        await entities.UpsertAssetsAsync(
        [
            new("HOUSE", "real_estate", "BOSS", new DateOnly(2015, 5, 1), 300_000m, 390_000m, "WOZ", new DateOnly(2025, 1, 1), 180_000m, "mortgage", null, "none", "Woning"),
            new("CAR", "vehicle", "STRAW", new DateOnly(2025, 4, 10), 60_000m, 51_000m, "catalogue", new DateOnly(2025, 12, 31), 0m, null, "PAY-CAR", "none", "Auto"),
            new("BOAT", "vessel", "FRONT", new DateOnly(2025, 6, 1), 80_000m, 80_000m, "purchase_price", new DateOnly(2025, 6, 1), 80_000m, "loan_back", null, "none", "Boot"),
            new("FOUND", "cash", "BOSS", new DateOnly(2025, 11, 15), 25_000m, 25_000m, "counted", new DateOnly(2025, 11, 15), 0m, null, null, "seized", "Contant bij doorzoeking"),
        ], "h", CancellationToken.None);
        await entities.UpsertIncomeAsync([new LegalIncome("BOSS", 2025, 24_000m, "wages")], "h", CancellationToken.None);

        var graph = new FlowGraphBuilder();
        for (var i = 1; i <= 5; i++)
        {
            graph.Transfer($"M{i}-ACC", "FRONT-ACC", 4_000m, new DateTime(2025, 3, 1 + i, 10, 0, 0, DateTimeKind.Utc), txId: $"FI{i}");
        }

        graph.Transfer("FRONT-ACC", "FOREIGN-ACC", 19_000m, new DateTime(2025, 3, 8, 10, 0, 0, DateTimeKind.Utc), txId: "FI-OUT");
        graph.Transfer("FRONT-ACC", "DEALER-ACC", 60_000m, new DateTime(2025, 4, 10, 10, 0, 0, DateTimeKind.Utc), txId: "PAY-CAR");
        for (var i = 1; i <= 3; i++)
        {
            graph.Transfer(CashAccount.Id, "BOSS-ACC", 9_000m, new DateTime(2025, 5, i * 3, 10, 0, 0, DateTimeKind.Utc), Channels.CashDeposit, $"DEP{i}");
            graph.Transfer(CashAccount.Id, "SHOP-ACC", 9_500m, new DateTime(2025, 5, i * 3, 11, 0, 0, DateTimeKind.Utc), Channels.CashDeposit, $"SHOPDEP{i}");
        }

        graph.Transfer("BOSS-ACC", CashAccount.Id, 500m, new DateTime(2025, 2, 1, 10, 0, 0, DateTimeKind.Utc), Channels.CashWithdrawal, "WD1");
        graph.Transfer("BOSS-ACC", CashAccount.Id, 500m, new DateTime(2025, 8, 1, 10, 0, 0, DateTimeKind.Utc), Channels.CashWithdrawal, "WD2");
        for (var m = 1; m <= 12; m++)
        {
            graph.Transfer("BOSS-ACC", "DEALER-ACC", 600m, new DateTime(2025, m, 20, 10, 0, 0, DateTimeKind.Utc), Channels.Card, $"CARD{m}");
        }

        var built = graph.Build();
        var first = new DateTime(2025, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        Alert[] alerts =
        [
            new("fan_in-1", Typologies.FanIn, "test", 0.9, "FRONT-ACC", ["FRONT-ACC", "M1-ACC", "M2-ACC", "M3-ACC", "M4-ACC", "M5-ACC", "FOREIGN-ACC"],
                ["FI1", "FI2", "FI3", "FI4", "FI5", "FI-OUT"], 20_000m, first, first.AddDays(6), "five one-off senders"),
            new("structuring-1", Typologies.Structuring, "test", 0.8, "BOSS-ACC", ["BOSS-ACC"], ["DEP1", "DEP2", "DEP3"], 27_000m,
                new DateTime(2025, 5, 3, 10, 0, 0, DateTimeKind.Utc), new DateTime(2025, 5, 9, 10, 0, 0, DateTimeKind.Utc), "three deposits"),
            new("straw_man-1", Typologies.StrawMan, "test", 0.7, "FRONT-ACC", ["FRONT-ACC", "DEALER-ACC", "STRAW-ACC"], ["PAY-CAR"], 60_000m,
                new DateTime(2025, 4, 10, 10, 0, 0, DateTimeKind.Utc), new DateTime(2025, 4, 10, 10, 0, 0, DateTimeKind.Utc), "car for STRAW"),
            new("structuring-2", Typologies.Structuring, "test", 0.9, "SHOP-ACC", ["SHOP-ACC"], ["SHOPDEP1", "SHOPDEP2", "SHOPDEP3"], 28_500m,
                new DateTime(2025, 5, 3, 11, 0, 0, DateTimeKind.Utc), new DateTime(2025, 5, 9, 11, 0, 0, DateTimeKind.Utc), "a shop's takings"),
        ];
        await store.ReplaceAlertsAsync("run-1", alerts);
        await new FlowFacts(store).ReplaceAsync("run-1", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            built, alerts, TimeProvider.System, CancellationToken.None);
        return new ConfiscationService(store, Options(), Serilog.Core.Logger.None, TimeProvider.System);
    }

    [Fact]
    public async Task The_subject_controls_its_company_its_straw_man_and_the_straw_mans_company_with_evidence()
    {
        var service = await WorldAsync();

        var report = await service.SubjectReportAsync("BOSS", Year2025, "ZAAK-2025-001", "officier", null, CancellationToken.None);

        Assert.Equal(
            [("BOSS", ControlBasis.Own, 1.0), ("FRONT", ControlBasis.CompanyDirected, 0.8), ("STRAW", ControlBasis.StrawManPaidAssets, 0.8), ("STRAWBV", ControlBasis.CompanyOfStrawMan, 0.6)],
            report.Control.Parties.Select(p => (p.Party.PartyId, p.Basis, p.Confidence)));
        Assert.Contains("asset CAR registered to STRAW paid by tx PAY-CAR from FRONT-ACC (FRONT)", report.Control.PartyOf("STRAW")!.Evidence);
        Assert.Equal(["BOSS-ACC", "FRONT-ACC", "STRAW-ACC"], report.Control.Accounts.Select(a => a.Account).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_asset_overview_has_owner_controller_evidence_priority_and_positions()
    {
        var service = await WorldAsync();

        var overview = (await service.SubjectReportAsync("BOSS", Year2025, "ZAAK-2025-001", "officier", null, CancellationToken.None)).Overview;

        // Seizure priority = NRV × dissipation × confidence: boat 80,000 (loan-back ignored) × 0.5 × 0.8 = 32,000;
        // house (390,000 − 180,000) × 0.15 × 1.0 = 31,500; car 51,000 × 0.6 × 0.8 = 24,480; the found cash is seized already.
        Assert.Equal([("BOAT", 32_000m), ("HOUSE", 31_500m), ("CAR", 24_480m), ("FOUND", 0m)], overview.Items.Select(i => (i.AssetId, i.SeizurePriority)));
        var car = overview.Items.Single(i => i.AssetId == "CAR");
        Assert.Equal(("STRAW", "BOSS", ControlBasis.StrawManPaidAssets), (car.LegalOwner, car.Controller, car.ControlBasis));
        Assert.Equal(["PAY-CAR"], car.PayingTxIds);
        Assert.Contains("paid by tx PAY-CAR from FRONT-ACC to DEALER-ACC (60000.00)", car.Evidence);

        // Reference dates: 2024-12-31 (house at cost 300,000 − 180,000) and 2025-12-31 (house at WOZ 390,000 − 180,000,
        // car 51,000, boat 80,000 with its loan-back left out, cash 25,000).
        Assert.Equal([new DateOnly(2024, 12, 31), new DateOnly(2025, 12, 31)], overview.Positions.Select(p => p.Date));
        Assert.Equal(120_000m, overview.Positions[0].NetWorth);
        Assert.Equal(366_000m, overview.Positions[1].NetWorth);
        Assert.Equal(["cash", "real_estate", "vehicle", "vessel"], overview.Positions[1].Classes.Select(c => c.Kind));
    }

    [Fact]
    public async Task The_benefit_by_each_method_matches_the_hand_computation()
    {
        var service = await WorldAsync();

        var report = await service.SubjectReportAsync("BOSS", Year2025, "ZAAK-2025-001", "officier", claimedOpeningCash: 30_000m, CancellationToken.None);
        var benefit = report.Benefit;

        // Transaction method: fan-in 20,000 (FRONT-ACC is its focus) + structuring 27,000 + straw man 60,000; the shop's
        // deposits are its trade and the shop is not BOSS's anyway.
        Assert.Equal(107_000m, benefit.TransactionMethod.Benefit);
        Assert.Equal(["fan_in-1", "straw_man-1", "structuring-1"], benefit.Alerts.Select(a => a.Alert.AlertId).Order(StringComparer.Ordinal));
        // Each proceeds line cites its alert, then that alert's transactions.
        var byId = benefit.Alerts.ToDictionary(a => a.Alert.AlertId, a => a.Alert, StringComparer.Ordinal);
        Assert.All(benefit.TransactionMethod.Proceeds, l =>
            Assert.Equal([l.SourceRecordIds[0], .. byId[l.SourceRecordIds[0]].TxIds], l.SourceRecordIds));

        // Cash statement 2025: sources = withdrawn 1,000; uses = deposited 27,000 + living (12 × 1,500 − 12 × 600 by card
        // = 10,800) + closing cash found 25,000 = 62,800; wvv = 61,800. Opening cash as claimed (30,000): 31,800.
        var cash = Assert.Single(benefit.CashStatements);
        Assert.Equal((1_000m, 62_800m, 61_800m), (cash.Sources, cash.Uses, cash.Benefit));
        Assert.Equal(10_800m, Assert.Single(cash.CashLivingCosts).Amount);
        Assert.Equal([0m, 30_000m], benefit.Sensitivity.Select(s => s.OpeningCash));
        Assert.Equal([61_800m, 31_800m], benefit.Sensitivity.Select(s => s.Benefit));

        // Net-worth comparison at cost: NW(start) = 300,000 − 180,000 = 120,000; NW(end) = 120,000 + car 60,000 + boat
        // 80,000 (loan-back left out) + cash 25,000 = 285,000; the car, boat and cash bought in the period are in NW(end)
        // and not expenditures (counted once); expenditures = living 18,000; legal income 24,000;
        // wvv = 285,000 − 120,000 + 18,000 − 24,000 = 159,000.
        var nw = benefit.NetWorthComparison;
        Assert.Equal((120_000m, 285_000m), (nw.NetWorthStart, nw.NetWorthEnd));
        Assert.Equal(["BOAT", "CAR", "FOUND"], nw.CountedInNetWorth.Select(e => e.AssetId!).Order(StringComparer.Ordinal));
        Assert.Equal(18_000m, Assert.Single(nw.CountedExpenditures).Amount);
        Assert.Equal(159_000m, nw.Benefit);
        Assert.Equal(107_000m, report.Payable);
    }

    [Fact]
    public async Task Candidates_are_ranked_with_reasons_and_the_cash_business_is_not_among_them()
    {
        var service = await WorldAsync();

        var list = await service.CandidatesAsync(Year2025, "officier", CancellationToken.None);

        // BOSS: benefit 107,000, recoverable = Σ NRV × confidence of unseized assets = 80,000 × 0.8 + 210,000 × 1.0 +
        // 51,000 × 0.8 = 314,800, evidence 1 − 0.1 × 0.2 × 0.3 = 0.994, expected recovery 107,000 × 0.994 = 106,358.
        // FOREIGN received 95 % of the fan-in's money and is ranked second on its 20,000. The senders carried 20 % each,
        // the dealer was paid for a car, and the shop's deposits are its trade: none of them is a candidate.
        Assert.Equal(["BOSS", "FOREIGN"], list.Candidates.Select(c => c.SubjectId));
        var boss = list.Candidates[0];
        Assert.Equal((1, 107_000m, 314_800m, 106_358m), (boss.Rank, boss.EstimatedBenefit, boss.RecoverableValue, boss.ExpectedRecovery));
        Assert.Equal(0.994, boss.EvidenceStrength, 6);
        Assert.Equal((1, 2), (boss.StrawMen, boss.Companies));
        Assert.Contains(boss.Reasons, r => r.StartsWith("seize first: vessel BOAT held by FRONT", StringComparison.Ordinal));
        Assert.Equal(20_000m, list.Candidates[1].EstimatedBenefit);
    }

    [Fact]
    public async Task Every_overview_and_ranking_is_written_to_the_audit_log_with_its_case_number()
    {
        var service = await WorldAsync();

        await service.SubjectReportAsync("BOSS", Year2025, "ZAAK-2025-001", "officier", null, CancellationToken.None);
        await service.CandidatesAsync(Year2025, "officier", CancellationToken.None);

        var log = new AuditLog(await SqliteStore.OpenAsync(new DataLayout(Path.Combine(_dir, "data"))), TimeProvider.System);
        var entries = await log.ReadAsync(CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.Equal(("officier", "cli", "consult", "ZAAK-2025-001"), (entries[0].User, entries[0].Role, entries[0].Action, entries[0].CaseNumber));
        Assert.StartsWith("asset overview of party BOSS and 3 controlled parties", entries[0].What, StringComparison.Ordinal);
        Assert.Contains("2 subjects listed (BOSS, FOREIGN)", entries[1].What, StringComparison.Ordinal);
        Assert.Null(await log.VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_payable_amount_takes_off_what_victims_were_paid_what_was_forfeited_and_court_reductions()
    {
        var service = await WorldAsync();

        var report = await service.SubjectReportAsync("BOSS", Year2025, "ZAAK-2025-001", "officier", null, CancellationToken.None,
            new PayableDeductions(PaidToVictims: 50_000m, AlreadyForfeited: 10_000m, CourtReductions: 5_000m));

        Assert.Equal(107_000m - 50_000m - 10_000m - 5_000m, report.Payable);
        Assert.Equal(50_000m, report.Deductions!.PaidToVictims);
    }

    [Fact]
    public async Task The_Dutch_report_renders_the_engines_line_items_evidence_and_reasons_in_Dutch()
    {
        var service = await WorldAsync();
        var report = await service.SubjectReportAsync("BOSS", Year2025, "ZAAK-2025-001", "officier", claimedOpeningCash: 30_000m, CancellationToken.None);

        using var writer = new StringWriter();
        Afpakken.Engine.Reports.ConfiscationHtml.WriteSubject(report, "nl", writer);
        var html = System.Net.WebUtility.HtmlDecode(writer.ToString());

        string[] english =
        [
            "is the focus of", "of the money of", "already counted", "cash withdrawn from", "cash deposited into", "norm table", "card/direct-debit",
            "living costs by norm", "legal income 2025", "at cost", "director/UBO of", "registered to", "paid by tx", "indicator: holds", "a year",
            "party BOSS", "assets record", "cash found", "opening cash as claimed",
        ];
        Assert.All(english, phrase => Assert.DoesNotContain(phrase, html, StringComparison.Ordinal));
        Assert.Contains("FRONT-ACC is het middelpunt van fan_in-melding fan_in-1", html, StringComparison.Ordinal);
        Assert.Contains("BOSS-ACC is het middelpunt van structuring-melding structuring-1", html, StringComparison.Ordinal);
        Assert.Contains("vermogensbestanddeel CAR op naam van STRAW, betaald met tx PAY-CAR van FRONT-ACC (FRONT)", html, StringComparison.Ordinal);
        Assert.Contains("BOSS is bestuurder/UBO van FRONT (partijregistratie FRONT)", html, StringComparison.Ordinal);
        Assert.Contains("betaald met tx PAY-CAR van FRONT-ACC aan DEALER-ACC (60000,00)", html, StringComparison.Ordinal);
        Assert.Contains("legaal inkomen 2025 (wages)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overview_needs_a_case_number()
    {
        var service = await WorldAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => service.SubjectReportAsync("BOSS", Year2025, " ", "officier", null, CancellationToken.None));

        Assert.Contains("case number", error.Message, StringComparison.Ordinal);
    }
}
