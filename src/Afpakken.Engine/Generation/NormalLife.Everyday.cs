namespace Afpakken.Engine.Generation;

/// <summary>The random everyday transfers of <see cref="NormalLife"/>, drawn to fill each day's budget.</summary>
internal sealed partial class NormalLife
{
    private static readonly byte Salary = TransferCodes.Describe("Salaris");
    private static readonly byte Rent = TransferCodes.Describe("Huur");
    private static readonly byte Utilities = TransferCodes.Describe("Energie en water");
    private static readonly byte Groceries = TransferCodes.Describe("Boodschappen");
    private static readonly byte Repayment = TransferCodes.Describe("Terugbetaling");
    private static readonly byte Withdrawal = TransferCodes.Describe("Geldopname");
    private static readonly byte Deposit = TransferCodes.Describe("Storting");
    private static readonly byte TillDeposit = TransferCodes.Describe("Kassa-afstorting");
    private static readonly byte Invoice = TransferCodes.Describe("Factuur");
    private static readonly byte Gift = TransferCodes.Describe("Cadeau");
    private static readonly byte Bitcoin = TransferCodes.Describe("Bitcoin aankoop");
    private static readonly byte Payout = TransferCodes.Describe("Uitbetaling");
    private static readonly byte Remittance = TransferCodes.Describe("Geldtransfer");
    private static readonly byte House = TransferCodes.Describe("Aankoop woning");
    private static readonly byte Car = TransferCodes.Describe("Aankoop voertuig");
    private static readonly byte Restaurant = TransferCodes.Describe("Restaurant");
    private static readonly byte Transfer = TransferCodes.Describe("Overboeking");
    private static readonly byte Loan = TransferCodes.Describe("Lening");
    private static readonly byte Consultancy = TransferCodes.Describe("Consultancy");
    private static readonly byte Boat = TransferCodes.Describe("Aankoop boot");
    private static readonly byte Jewellery = TransferCodes.Describe("Aankoop sieraden");

    // Laundering reuses ordinary descriptions, so every description it uses also occurs in normal life.
    private static readonly byte[] GiftLike = [Repayment, Gift, Transfer, Loan];
    private static readonly byte[] BusinessLike = [Invoice, Invoice, Invoice, Invoice, Invoice, Invoice, Consultancy, Consultancy, Loan];
    private static readonly byte[] DealerLike = [Car, Car, Car, Car, Car, Car, Car, Car, Car, Car, Boat, Jewellery];
    private static readonly byte[] BranchDeposits =
    [
        Deposit, .. new[] { "Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag" }.Select(c => TransferCodes.Describe("Storting filiaal " + c)),
    ];

    /// <summary>Adds <paramref name="count"/> everyday transfers booked on <paramref name="day"/>.</summary>
    public void Everyday(int day, int count, List<PlannedTransfer> into)
    {
        var dayTicks = _calendar.DayStart(day).Ticks;
        var december = _calendar.DayStart(day).Month == 12 ? 1.2 : 1.0;
        for (var n = 0; n < count; n++)
        {
            var kind = _rng.NextDouble();
            PlannedTransfer t;
            if (kind < 0.46)
            {
                var person = Person(day);
                var merchant = _rng.Chance(0.75)
                    ? _pop.Merchants[(int)(Trait(person, 10 + _rng.Next(3)) % (ulong)_pop.Merchants.Length)]
                    : _rng.Pick(_pop.Merchants);
                t = PlannedTransfer.Normal(At(dayTicks, 8, 22), person, merchant, Euros(28 * december, 0.8, 1, 2_000), TransferCodes.Card,
                    _rng.Chance(0.7) ? Groceries : Restaurant);
                t.Currency = _rng.Chance(0.004) ? (byte)(1 + _rng.Next(2)) : (byte)0;
            }
            else if (kind < 0.58)
            {
                var person = Person(day);
                var friend = _rng.Chance(0.7)
                    ? _pop.PersonalAccount((int)(Trait(person, 20 + _rng.Next(2)) % (ulong)_oldPersonal))
                    : Person(day);
                var cents = _rng.Chance(0.01) ? Euros(6_000, 0.6, 2_000, 25_000) : Euros(60 * december, 1.0, 5, 1_500);
                t = PlannedTransfer.Normal(At(dayTicks, 7, 23), person, friend, cents, TransferCodes.Wire,
                    _rng.Pick(GiftLike));
            }
            else if (kind < 0.66)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 7, 23), Person(day), PlannedTransfer.Cash, Round10(Euros(80, 0.7, 10, 1_000)),
                    TransferCodes.CashWithdrawal, Withdrawal);
            }
            else if (kind < 0.68)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 9, 18), PlannedTransfer.Cash, Person(day), Round10(Euros(200, 0.9, 20, 5_000)),
                    TransferCodes.CashDeposit, _rng.Pick(BranchDeposits));
            }
            else if (kind < 0.715)
            {
                // Legal cash-intensive businesses bank their takings often, now and then just under a threshold.
                t = PlannedTransfer.Normal(At(dayTicks, 9, 18), PlannedTransfer.Cash, _rng.Pick(_pop.CashBusinesses),
                    Round10(Euros(2_500, 0.6, 200, 14_000)), TransferCodes.CashDeposit, TillDeposit);
            }
            else if (kind < 0.835)
            {
                var business = _rng.Pick(_businesses);
                var supplier = _businesses[(int)(Trait(business, 30 + _rng.Next(5)) % (ulong)_businesses.Length)];
                t = PlannedTransfer.Normal(At(dayTicks, 6, 20), business, supplier == business ? _rng.Pick(_businesses) : supplier,
                    Euros(1_800, 1.1, 20, 250_000), _rng.Chance(0.6) ? TransferCodes.Wire : TransferCodes.Ach, _rng.Pick(BusinessLike));
            }
            else if (kind < 0.885)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 7, 23), Person(day), _rng.Pick(_businesses), Euros(150, 1.0, 5, 10_000),
                    TransferCodes.Wire, Invoice);
            }
            else if (kind < 0.905)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 0, 24), Person(day), _rng.Pick(_pop.CryptoExchanges), Euros(250, 1.0, 10, 20_000),
                    TransferCodes.Crypto, Bitcoin);
            }
            else if (kind < 0.915)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 0, 24), _rng.Pick(_pop.CryptoExchanges), Person(day), Euros(400, 1.1, 10, 40_000),
                    TransferCodes.Crypto, Payout);
            }
            else if (kind < 0.935)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 9, 21), Person(day), _rng.Pick(_pop.MoneyTransferOffices), Euros(150, 0.8, 10, 3_000),
                    TransferCodes.MoneyTransfer, Remittance);
            }
            else if (kind < 0.940)
            {
                // House purchases through the notary's third-party account, and the notary paying out sellers.
                var notary = _rng.Pick(_pop.Notaries);
                var cents = Euros(60_000, 0.9, 5_000, 1_500_000);
                t = _rng.Chance(0.5)
                    ? PlannedTransfer.Normal(At(dayTicks, 9, 17), Person(day), notary, cents, TransferCodes.Wire, House)
                    : PlannedTransfer.Normal(At(dayTicks, 9, 17), notary, Person(day), cents, TransferCodes.Wire, Payout);
            }
            else if (kind < 0.943)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 9, 18), Person(day), _rng.Pick(_pop.CarDealers), Euros(18_000, 0.6, 2_000, 150_000),
                    TransferCodes.Wire, _rng.Pick(DealerLike));
            }
            else if (kind < 0.948)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 9, 17), _rng.Pick(_businesses), _rng.Pick(_businesses),
                    Euros(900, 1.0, 20, 50_000), TransferCodes.Cheque, Invoice);
            }
            else if (kind < 0.97)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 6, 20), _rng.Pick(_businesses), Person(day), Euros(120, 1.2, 5, 20_000),
                    TransferCodes.Wire, _rng.Chance(0.5) ? Payout : Repayment);
            }
            else if (kind < 0.98)
            {
                t = PlannedTransfer.Normal(At(dayTicks, 8, 20), _rng.Pick(_businesses), PlannedTransfer.Cash,
                    Round10(Euros(500, 0.8, 50, 9_000)), TransferCodes.CashWithdrawal, Withdrawal);
            }
            else if (kind < 0.983 && count - n > 10)
            {
                n += SharedBill(day, dayTicks, into) - 1;
                continue;
            }
            else
            {
                t = PlannedTransfer.Normal(At(dayTicks, 0, 24), Person(day), Person(day), Euros(40, 1.0, 1, 2_000), TransferCodes.Wire, Transfer);
            }

            into.Add(t);
        }
    }

    /// <summary>
    /// Friends pay one organiser back for a trip or a dinner (3–8 transfers within the morning) and the organiser pays
    /// the business almost all of it that afternoon: an honest rapid pass-through that a mule detector must not flag
    /// on amounts and speed alone. Returns the number of transfers added.
    /// </summary>
    private int SharedBill(int day, long dayTicks, List<PlannedTransfer> into)
    {
        var organiser = Person(day);
        var friends = _rng.Between(3, 8);
        long total = 0;
        for (var i = 0; i < friends; i++)
        {
            var friend = _pop.PersonalAccount((int)(Trait(organiser, 40 + i) % (ulong)_oldPersonal));
            var cents = Euros(60, 0.6, 10, 400);
            total += cents;
            into.Add(PlannedTransfer.Normal(At(dayTicks, 7, 12), friend, organiser, cents, TransferCodes.Wire, Repayment));
        }

        var business = _rng.Chance(0.5) ? _rng.Pick(_pop.Merchants) : _rng.Pick(_businesses);
        into.Add(PlannedTransfer.Normal(At(dayTicks, 13, 22), organiser, business, (long)(total * _rng.Uniform(0.95, 1.0)), TransferCodes.Wire, Invoice));
        return friends + 1;
    }

    /// <summary>A normal personal account that exists on <paramref name="day"/>.</summary>
    private int Person(int day)
    {
        var offset = _rng.Next(_pop.PersonalCount);
        var index = _pop.PersonalAccount(offset);
        if (index >= _pop.NewPersonalStart && _pop.FirstActiveDay[offset] > day)
        {
            index = _pop.PersonalAccount(_rng.Next(_oldPersonal));
        }

        return index;
    }

    private long At(long dayTicks, int fromHour, int toHour) =>
        dayTicks + (TimeSpan.TicksPerSecond * _rng.Between(fromHour * 3_600, (toHour * 3_600) - 1));

    private long Euros(double median, double sigma, double min, double max) =>
        (long)Math.Round(Math.Clamp(_rng.LogNormal(median, sigma), min, max) * 100);

    private static long Round10(long cents) => Math.Max(1_000, cents / 1_000 * 1_000);
}
