using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Confiscation;

/// <summary>
/// A herder and his operations, computed by hand: two mule accounts opened with his phone and e-mail, a smurf whose
/// structured cash is wired on into his front company (and which the fan-in on the front picks up again), two smurfs
/// paying out to the front whose alerts share their payouts, a funnel on a shell forwarding into the front's funnel, a
/// fan-out the front funds through one of his shells, and an
/// underground-banking collection paid out 30 % / 30 % / 40 % to the front, a second shell and a stranger.
/// </summary>
public sealed class ProceedsCountedOnceTests : IDisposable
{
    private static readonly Period Year2025 = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ConfiscationOptions Options() => TestOptions.Create(new Dictionary<string, AssetKindSettings> { ["vehicle"] = new("movable", 0.6) });

    private static Party Person(string id, string? phone = null) =>
        new(id, "person", id, new DateOnly(1990, 1, 1), null, $"Straat {id}", phone, phone is null ? null : phone + "@mail.test", null, null, null);

    private static Party Company(string id, string directors) => new(id, "company", id + " B.V.", null, "1234", $"Weg {id}", null, null, "7022", null, directors);

    private static DateTime At(int month, int day, int hour = 10) => new(2025, month, day, hour, 0, 0, DateTimeKind.Utc);

    private async Task<ConfiscationService> WorldAsync()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(Path.Combine(_dir, "data")));
        var entities = new EntityStore(store);
        const string HerderPhone = "0611111111";
        string[] strangers = ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "R1", "R2", "R3", "SMURF", "SM2", "SM3", "UBP"];
        await entities.UpsertPartiesAsync(
        [
            Person("HERDER", HerderPhone), Company("FRONT", "HERDER"), Company("SHELL1", "HERDER"), Company("SHELL2", "HERDER"), Company("SHELL3", "HERDER"),
            Person("MULE1", HerderPhone), Person("MULE2", HerderPhone), Person("SISTER", HerderPhone),
            .. strangers.Select(s => Person(s)),
        ], "h", CancellationToken.None);
        var opened = new DateOnly(2015, 1, 1);
        await entities.UpsertAccountsAsync(
        [
            new("HERDER-ACC", "HERDER", "B", opened, null, "personal"), new("FRONT-ACC", "FRONT", "B", opened, null, "business"),
            new("SHELL1-ACC", "SHELL1", "B", opened, null, "business"), new("SHELL2-ACC", "SHELL2", "B", opened, null, "business"),
            new("SHELL3-ACC", "SHELL3", "B", opened, null, "business"),
            new("MULE1-ACC", "MULE1", "B", new DateOnly(2025, 2, 20), null, "personal"), new("MULE2-ACC", "MULE2", "B", new DateOnly(2025, 6, 1), null, "personal"),
            new("SISTER-ACC", "SISTER", "B", opened, null, "personal"),
            .. strangers.Select(s => new Account($"{s}-ACC", s, "B", opened, null, "personal")),
        ], "h", CancellationToken.None);

        var g = new FlowGraphBuilder();
        var parties = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Transfer(string from, string to, decimal amount, DateTime at, string txId, string channel = Channels.Wire)
        {
            g.Transfer(from, to, amount, at, channel, txId);
            parties[txId] = [from, to];
        }

        // Mule runs: 3,000 + 2,000 in and out as cash; 4,000 in and out as cash.
        Transfer("F1-ACC", "MULE1-ACC", 3_000m, At(3, 1), "M1-IN1");
        Transfer("F2-ACC", "MULE1-ACC", 2_000m, At(3, 1, 12), "M1-IN2");
        Transfer("MULE1-ACC", CashAccount.Id, 5_000m, At(3, 2), "M1-OUT", Channels.CashWithdrawal);
        Transfer("F6-ACC", "MULE2-ACC", 4_000m, At(6, 10), "M2-IN");
        Transfer("MULE2-ACC", CashAccount.Id, 4_000m, At(6, 11), "M2-OUT", Channels.CashWithdrawal);

        // Structuring 27,000, of which 26,000 wired into the front; the fan-in on the front counts that wire as a sender,
        // and names the front's 10,000 to SHELL1 (which funds the fan-out) as its onward leg.
        for (var i = 1; i <= 3; i++)
        {
            Transfer(CashAccount.Id, "SMURF-ACC", 9_000m, At(4, i * 2), $"S1-DEP{i}", Channels.CashDeposit);
        }

        Transfer("SMURF-ACC", "FRONT-ACC", 26_000m, At(4, 8), "S1-OUT");
        Transfer("F3-ACC", "FRONT-ACC", 4_000m, At(4, 9), "FI-IN");

        // A funnel on SHELL3 (6,000 in) forwarding 5,800 into the front, where the front's fan-in counts it as a sender.
        Transfer("F7-ACC", "SHELL3-ACC", 6_000m, At(4, 3), "F2-IN");
        Transfer("SHELL3-ACC", "FRONT-ACC", 5_800m, At(4, 5), "F2-FWD");
        Transfer("FRONT-ACC", "SHELL1-ACC", 10_000m, At(4, 11), "FO-IN");
        Transfer("SHELL1-ACC", "R1-ACC", 5_000m, At(4, 12), "FO-OUT1");
        Transfer("SHELL1-ACC", "R2-ACC", 4_900m, At(4, 12, 14), "FO-OUT2");

        // Two smurfs: 3 × 8,500 and 3 × 8,000 in cash, paying out 25,000 and 24,000 to the front; both alerts name both payouts.
        for (var i = 1; i <= 3; i++)
        {
            Transfer(CashAccount.Id, "SM2-ACC", 8_500m, At(8, i * 3), $"S2-DEP{i}", Channels.CashDeposit);
            Transfer(CashAccount.Id, "SM3-ACC", 8_000m, At(8, i * 3, 15), $"S3-DEP{i}", Channels.CashDeposit);
        }

        Transfer("SM2-ACC", "FRONT-ACC", 25_000m, At(8, 12), "S2-OUT");
        Transfer("SM3-ACC", "FRONT-ACC", 24_000m, At(8, 12, 15), "S3-OUT");

        // Underground banking: 10,000 collected, paid out 3,000 to the front, 3,000 to SHELL2 and 4,000 to a stranger.
        Transfer("F4-ACC", "UBP-ACC", 5_000m, At(9, 1), "UB-IN1");
        Transfer("F5-ACC", "UBP-ACC", 5_000m, At(9, 2), "UB-IN2");
        Transfer("UBP-ACC", "FRONT-ACC", 3_000m, At(9, 5), "UB-OUT1");
        Transfer("UBP-ACC", "SHELL2-ACC", 3_000m, At(9, 5, 11), "UB-OUT2");
        Transfer("UBP-ACC", "R3-ACC", 4_000m, At(9, 5, 12), "UB-OUT3");
        var built = g.Build();

        Alert A(string id, string typology, string focus, string[] txs, decimal total, DateTime first) =>
            new(id, typology, "test", 0.9, focus, [.. txs.SelectMany(t => parties[t]).Where(a => a != CashAccount.Id).Distinct()], txs, total, first, first.AddDays(5), id);
        Alert[] alerts =
        [
            A("mule-1", Typologies.Mule, "MULE1-ACC", ["M1-IN1", "M1-IN2", "M1-OUT"], 5_000m, At(3, 1)),
            A("mule-2", Typologies.Mule, "MULE2-ACC", ["M2-IN", "M2-OUT"], 4_000m, At(6, 10)),
            A("structuring-1", Typologies.Structuring, "SMURF-ACC", ["S1-DEP1", "S1-DEP2", "S1-DEP3", "S1-OUT"], 27_000m, At(4, 2)),
            A("fan_in-1", Typologies.FanIn, "FRONT-ACC", ["F2-FWD", "S1-OUT", "FI-IN", "FO-IN"], 35_800m, At(4, 5)),
            A("fan_in-2", Typologies.FanIn, "SHELL3-ACC", ["F2-IN", "F2-FWD"], 6_000m, At(4, 3)),
            A("fan_out-1", Typologies.FanOut, "SHELL1-ACC", ["FO-IN", "FO-OUT1", "FO-OUT2"], 10_000m, At(4, 11)),
            A("structuring-2", Typologies.Structuring, "SM2-ACC", ["S2-DEP1", "S2-DEP2", "S2-DEP3", "S2-OUT", "S3-OUT"], 25_500m, At(8, 3)),
            A("structuring-3", Typologies.Structuring, "SM3-ACC", ["S3-DEP1", "S3-DEP2", "S3-DEP3", "S2-OUT", "S3-OUT"], 24_000m, At(8, 3)),
            A("underground_banking-1", Typologies.UndergroundBanking, "UBP-ACC", ["UB-IN1", "UB-IN2", "UB-OUT1", "UB-OUT2", "UB-OUT3"], 10_000m, At(9, 1)),
        ];
        await store.ReplaceAlertsAsync("run-1", alerts);
        await new FlowFacts(store).ReplaceAsync("run-1", At(1, 1, 0), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), built, alerts, TimeProvider.System,
            CancellationToken.None);
        return new ConfiscationService(store, Options(), Serilog.Core.Logger.None, TimeProvider.System);
    }

    [Fact]
    public async Task Mule_accounts_opened_with_the_herders_phone_and_e_mail_are_his()
    {
        var service = await WorldAsync();

        var control = (await service.SubjectReportAsync("HERDER", Year2025, "ZAAK-1", "officier", null, CancellationToken.None)).Control;

        var mules = control.Parties.Where(p => p.Basis == ControlBasis.HerdedMule).ToList();
        Assert.Equal(["MULE1", "MULE2"], mules.Select(p => p.Party.PartyId));
        Assert.All(mules, m => Assert.Equal(0.6, m.Confidence));
        Assert.Contains(mules[0].Evidence, e => e.Contains("shares phone '0611111111'", StringComparison.Ordinal));
        Assert.Contains("its account MULE1-ACC is the focus of mule alert mule-1 (3 tx)", mules[0].Evidence);

        // The sister shares the phone but runs no mule account: a link, not control.
        Assert.DoesNotContain(control.Parties, p => p.Party.PartyId == "SISTER");
        Assert.Contains(control.Links, l => l.Party.PartyId == "SISTER");
    }

    [Fact]
    public async Task A_mule_does_not_run_the_herder_or_the_other_mules_that_share_his_phone()
    {
        var service = await WorldAsync();

        var control = (await service.SubjectReportAsync("MULE1", Year2025, "ZAAK-1", "officier", null, CancellationToken.None)).Control;

        Assert.Equal(["MULE1"], control.Parties.Select(p => p.Party.PartyId));
    }

    [Fact]
    public async Task Proceeds_seen_by_two_alerts_are_counted_once_and_by_hand()
    {
        var service = await WorldAsync();

        var method = (await service.SubjectReportAsync("HERDER", Year2025, "ZAAK-1", "officier", null, CancellationToken.None)).Benefit.TransactionMethod;

        // fan-in 35,800 (incl. the smurf's 26,000 wire and SHELL3's 5,800); structuring-1 27,000 − that wire = 1,000;
        // fan-in on SHELL3 6,000 − its forward into the front's funnel = 200; structuring-2 25,500 and
        // structuring-3 24,000 in full (the payouts both name are neither's proceeds); fan-out 10,000 (the front funding
        // it, not the fan-in's money again); underground banking 10,000 (60 % ended with the front and SHELL2 together);
        // the mules 5,000 + 4,000. Σ = 115,500.
        var lines = method.Proceeds.ToDictionary(l => l.SourceRecordIds[0], l => l.Amount);
        Assert.Equal(35_800m, lines["fan_in-1"]);
        Assert.Equal(200m, lines["fan_in-2"]);
        Assert.Equal(1_000m, lines["structuring-1"]);
        Assert.Equal(25_500m, lines["structuring-2"]);
        Assert.Equal(24_000m, lines["structuring-3"]);
        Assert.Equal(10_000m, lines["fan_out-1"]);
        Assert.Equal(10_000m, lines["underground_banking-1"]);
        Assert.Equal((5_000m, 4_000m), (lines["mule-1"], lines["mule-2"]));
        Assert.Equal(115_500m, method.Benefit);
        Assert.Contains("less 26,000.00 already counted above: tx S1-OUT", method.Proceeds.Single(l => l.SourceRecordIds[0] == "structuring-1").Description);
        Assert.Contains("with the subject's other accounts", method.Proceeds.Single(l => l.SourceRecordIds[0] == "underground_banking-1").Description);
    }

    [Fact]
    public async Task The_Dutch_report_says_what_was_deducted_and_why_the_mules_are_his_in_Dutch()
    {
        var service = await WorldAsync();
        var report = await service.SubjectReportAsync("HERDER", Year2025, "ZAAK-1", "officier", null, CancellationToken.None);

        using var writer = new StringWriter();
        Afpakken.Engine.Reports.ConfiscationHtml.WriteSubject(report, "nl", writer);
        var html = System.Net.WebUtility.HtmlDecode(writer.ToString());

        Assert.Contains("(min 26.000,00, hierboven al meegeteld: tx S1-OUT)", html, StringComparison.Ordinal);
        Assert.Contains("(60 % samen met de andere rekeningen van de betrokkene)", html, StringComparison.Ordinal);
        Assert.Contains("MULE1 is geregistreerd met de contactgegevens van de betrokkene (deelt telefoonnummer '0611111111', deelt e-mailadres '0611111111@mail.test')", html,
            StringComparison.Ordinal);
        Assert.Contains("zijn rekening MULE1-ACC is het middelpunt van mule-melding mule-1 (3 tx)", html, StringComparison.Ordinal);
        Assert.Contains("geldezel (geregistreerd met de contactgegevens van de betrokkene)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("already counted", html, StringComparison.Ordinal);
        Assert.DoesNotContain("registered with the subject", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_herder_is_reached_through_his_mules_and_ranked()
    {
        var service = await WorldAsync();

        var list = await service.CandidatesAsync(Year2025, "analist", CancellationToken.None);

        var herder = Assert.Single(list.Candidates, c => c.SubjectId == "HERDER");
        Assert.Equal(115_500m, herder.EstimatedBenefit);
        Assert.DoesNotContain(list.Candidates, c => c.SubjectId is "MULE1" or "MULE2" or "SISTER");
    }
}
