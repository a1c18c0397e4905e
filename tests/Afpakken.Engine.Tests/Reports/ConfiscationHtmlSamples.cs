using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Tests.Reports;

/// <summary>
/// A hand-built subject report and candidate list with figures worked out by hand (see the comments), a subject whose
/// name is a script tag, and a counterparty whose account id is markup: the reports must show the figures exactly and
/// the markup only as text.
/// </summary>
internal static class ConfiscationHtmlSamples
{
    public const string CaseNumber = "PAR-2024/0042 <b>";
    public const string Producer = "mr. A. de Officier & co";
    public const string EvilName = "Jan <script>alert('x')</script> de Vries";
    public const string EvilAccount = "<b>NL66EVIL</b>";
    public static readonly DateTime ProducedAt = new(2024, 5, 6, 7, 8, 0, DateTimeKind.Utc);
    public static readonly Period Year2023 = new(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31));

    private static Party Person(string id, string name) => new(id, "person", name, new DateOnly(1980, 2, 3), null, "Dorpsstraat 1, Lutjebroek", "0612345678", null, null, null, null);

    private static FlowTransaction Tx(string id, string from, string to, decimal amount, int day) =>
        new(id, new DateTime(2023, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(day), from, to, amount, "wire");

    public static SubjectControl Control()
    {
        var subject = Person("P1", EvilName);
        var straw = Person("P2", "Piet Stroman");
        var front = new Party("C1", "company", "Front & Zonen B.V.", null, "12345678", null, null, null, "4711", null, "P1");
        return new SubjectControl(
            subject,
            [
                new ControlledParty(subject, ControlBasis.Own, 1.0, ["party P1"]),
                new ControlledParty(front, ControlBasis.CompanyDirected, 0.9, ["P1 is director/UBO of C1 (parties record C1)"]),
                new ControlledParty(straw, ControlBasis.StrawManPaidAssets, 0.8, ["asset HOUSE1 registered to P2 paid by tx T9 from NL01SUBJ (P1)"]),
            ],
            [
                new ControlledAccount("NL01SUBJ", "P1", ControlBasis.Own, 1.0),
                new ControlledAccount("NL03FRONT", "C1", ControlBasis.CompanyDirected, 0.9),
                new ControlledAccount("NL02STRAW", "P2", ControlBasis.StrawManPaidAssets, 0.8),
            ],
            [new NetworkLink(Person("P3", "Buurman Bart"), ["shares address 'Dorpsstraat 1, Lutjebroek'"])]);
    }

    /// <summary>
    /// Two alerts over 7 distinct transactions (T3 in both): 7 accounts (3 controlled, 4 counterparties including CASH)
    /// and 5 aggregated flows — three into NL01SUBJ, one to CASH, one of two transactions (€ 15.000) to NL02STRAW.
    /// </summary>
    public static IReadOnlyList<AttributedAlert> Alerts()
    {
        var fanIn = new Alert("A1", "fan_in", "FanInDetector", 0.9, "NL01SUBJ", ["NL01SUBJ"], ["T1", "T2", "T3"], 120_000m,
            new DateTime(2023, 3, 2, 12, 0, 0, DateTimeKind.Utc), new DateTime(2023, 3, 4, 12, 0, 0, DateTimeKind.Utc), "3 new senders in 7 days");
        var mule = new Alert("A2", "money_mule", "MuleDetector", 0.5, "NL01SUBJ", ["NL01SUBJ"], ["T3", "T5", "T6", "T7"], 30_000m,
            new DateTime(2023, 3, 4, 12, 0, 0, DateTimeKind.Utc), new DateTime(2023, 3, 6, 12, 0, 0, DateTimeKind.Utc), "out/in 0.97 within 48 h");
        return
        [
            new AttributedAlert(fanIn, [Tx("T1", "NL90AAAA", "NL01SUBJ", 40_000m, 1), Tx("T2", EvilAccount, "NL01SUBJ", 50_000m, 2), Tx("T3", "NL92CCCC", "NL01SUBJ", 30_000m, 3)],
                ["NL01SUBJ"], "NL01SUBJ is the focus of fan_in alert A1"),
            new AttributedAlert(mule, [Tx("T3", "NL92CCCC", "NL01SUBJ", 30_000m, 3), Tx("T5", "NL01SUBJ", CashAccount.Id, 25_000m, 4),
                Tx("T6", "NL01SUBJ", "NL02STRAW", 10_000m, 5), Tx("T7", "NL01SUBJ", "NL02STRAW", 5_000m, 5)],
                ["NL01SUBJ"], "NL01SUBJ is the focus of money_mule alert A2"),
        ];
    }

    /// <summary>
    /// Net worth: 2022-12-31 the car at cost € 40.000 (its loan-back is a sham, left out) = € 40.000;
    /// 2023-12-31 car € 30.000 + house € 320.000 − mortgage € 200.000 = € 150.000.
    /// Transaction method € 120.000 − € 5.000 = € 115.000. Cash statement 2023: uses 27.000 + 12.000 + 8.000 = 47.000,
    /// sources 3.000, wvv € 44.000. Net-worth comparison 150.000 − 40.000 + 24.000 (living; the house is in NW(end))
    /// − 30.000 = € 104.000.
    /// </summary>
    public static SubjectReport Report(IReadOnlyList<AttributedAlert>? alerts = null)
    {
        var control = Control();
        var car = new OverviewItem("CAR1", "vehicle", "Audi Q7", "P1", EvilName, "P1", ControlBasis.Own, 1.0, ["assets record CAR1"], [],
            new DateOnly(2022, 3, 1), 40_000m, 30_000m, "catalogue", new DateOnly(2023, 1, 1), 10_000m, "loan_back", true, "none", "movable", 0.6);
        var house = new OverviewItem("HOUSE1", "real_estate", "Woning Dorpsstraat 3", "P2", "Piet Stroman", "P1", ControlBasis.StrawManPaidAssets, 0.8,
            ["assets record HOUSE1", "paid by tx T9 from NL01SUBJ to NL99NOTARY (300000.00)"], ["T9"],
            new DateOnly(2023, 6, 1), 300_000m, 320_000m, "WOZ", new DateOnly(2023, 12, 31), 200_000m, "mortgage", false, "none", "slow", 0.15);
        var overview = new AssetOverview(control, Year2023, [car, house],
        [
            new ReferencePosition(new DateOnly(2022, 12, 31), [new ClassTotal("vehicle", 1, 40_000m, 0m, 40_000m)], 40_000m, 0m, 40_000m),
            new ReferencePosition(new DateOnly(2023, 12, 31),
                [new ClassTotal("real_estate", 1, 320_000m, 200_000m, 120_000m), new ClassTotal("vehicle", 1, 30_000m, 0m, 30_000m)], 350_000m, 200_000m, 150_000m),
        ]);

        var transactionMethod = new TransactionMethod
        {
            Proceeds = [new LineItem("fan_in 2023-03-02: NL01SUBJ is the focus of fan_in alert A1", 120_000m, Year2023, ["A1", "T1", "T2", "T3"])],
            DirectCosts = [new LineItem("courier costs", 5_000m, Year2023, ["T4"], ItemStatus.Contested)],
        };
        var cash = new CashStatement
        {
            Period = Year2023,
            CashWithdrawn = [new LineItem("cash withdrawn from NL01SUBJ (2×)", 3_000m, Year2023, ["T10", "T11"])],
            CashDeposited = [new LineItem("cash deposited into NL01SUBJ (3×)", 27_000m, Year2023, ["T12", "T13", "T14"])],
            CashLivingCosts = [new LineItem("cash living costs by norm", 12_000m, Year2023, ["norm table 'single'"])],
            ClosingCash = [new LineItem("cash found (CASH1, P1)", 8_000m, Year2023, ["CASH1"], ItemStatus.Accepted)],
        };
        var comparison = new NetWorthComparison
        {
            Period = Year2023,
            Start = [new Position("CAR1", "vehicle CAR1 (P1), at cost", 40_000m, false, ["CAR1"]), new Position("CAR1/liability", "loan_back on CAR1", 10_000m, true, ["CAR1"], IsSham: true)],
            End =
            [
                new Position("CAR1", "vehicle CAR1 (P1), at catalogue", 30_000m, false, ["CAR1"]),
                new Position("CAR1/liability", "loan_back on CAR1", 10_000m, true, ["CAR1"], IsSham: true),
                new Position("HOUSE1", "real_estate HOUSE1 (P2), at WOZ", 320_000m, false, ["HOUSE1"]),
                new Position("HOUSE1/liability", "mortgage on HOUSE1", 200_000m, true, ["HOUSE1"]),
            ],
            Expenditures =
            [
                new Expenditure("purchase of real_estate HOUSE1 (P2)", 300_000m, "HOUSE1", ["HOUSE1", "T9"]),
                new Expenditure("living costs by norm (single)", 24_000m, null, ["norm table 'single'"]),
            ],
            LegalIncome = [new LineItem("legal income 2023 (wages)", 30_000m, Year2023, ["legal_income P1/2023/wages"], ItemStatus.Accepted)],
        };
        var benefit = new BenefitEstimate(Year2023, transactionMethod, alerts ?? Alerts(), [cash],
            [new SensitivityRun("opening cash 0 (not proven)", 0m, 44_000m), new SensitivityRun("opening cash as claimed", 50_000m, 0m)], comparison);
        return new SubjectReport(CaseNumber, Producer, ProducedAt, control, overview, benefit, 0.95, Payable.Of(benefit.Estimated));
    }

    public static CandidateList Candidates() => new(Producer, ProducedAt, Year2023, 12,
    [
        new Candidate(1, "P1", EvilName, "person", 1_234_567.89m, 44_000m, 104_000m, 256_000m, 19_800m, 0.95, 243_200m, 2, ["fan_in", "money_mule"], 1, 1, 2,
            ["2 alert(s) attributed (fan_in, money_mule); evidence strength 0.95", "seize first: real_estate HOUSE1 held by P2"]),
        new Candidate(2, "P7", "Klaas Kas", "person", 60_000m, 0m, -5_000.5m, 10_000m, 9_000m, 0.5, 5_000m, 1, ["structuring"], 0, 0, 1, ["1 alert(s) attributed (structuring)"]),
    ]);

    /// <summary>The subject's alerts plus one alert from <paramref name="counterparties"/> distinct senders into NL01SUBJ.</summary>
    public static IReadOnlyList<AttributedAlert> ManyCounterparties(int counterparties)
    {
        var txs = Enumerable.Range(1, counterparties).Select(i => Tx($"F{i}", $"NL{i:00}SEND", "NL01SUBJ", 1_000m + i, i % 20)).ToList();
        var alert = new Alert("A3", "fan_in", "FanInDetector", 0.7, "NL01SUBJ", ["NL01SUBJ"], [.. txs.Select(t => t.TxId)], txs.Sum(t => t.Amount),
            txs[0].BookedAt, txs[^1].BookedAt, "many senders");
        return [.. Alerts(), new AttributedAlert(alert, txs, ["NL01SUBJ"], "focus")];
    }
}
