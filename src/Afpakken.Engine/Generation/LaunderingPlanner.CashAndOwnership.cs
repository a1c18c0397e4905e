namespace Afpakken.Engine.Generation;

/// <summary>Structuring of cash deposits, cash-intensive front companies and straw men (katvangers) holding the principal's assets.</summary>
internal sealed partial class LaunderingPlanner
{
    private static readonly string[] Branches =
        ["Storting filiaal Amsterdam", "Storting filiaal Rotterdam", "Storting filiaal Utrecht", "Storting filiaal Eindhoven", "Storting filiaal Den Haag"];

    /// <summary>Cash reporting thresholds in euros (domain.md §3): EU cash / due diligence and the Dutch cash-payment ban.</summary>
    public const int CashThreshold = 10_000;
    public const int SmallCashThreshold = 3_000;

    private static readonly short[] FrontSectors = [7022, 4690, 6201, 4120, 4941, 7311];

    /// <summary>
    /// 3–8 cash deposits of 80.5–98.5 % of a threshold over 7–30 days, spread over 1–3 linked accounts (one person or a
    /// household) and branches; then each account wires the cash on to the principal's front company.
    /// </summary>
    private void PlantStructuring(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var threshold = _rng.Chance(0.75) ? CashThreshold : SmallCashThreshold;
        var address = _world.NewAddress();
        var smurf = _world.AddPerson(PartyRole.Mule, PopulationBuilder.RandomDate(_rng, 1975, 2004), address);
        var accounts = new int[_rng.Between(1, 3)];
        for (var i = 0; i < accounts.Length; i++)
        {
            var holder = i == 2 ? _world.AddPerson(PartyRole.Mule, PopulationBuilder.RandomDate(_rng, 1975, 2004), address) : smurf;
            accounts[i] = _world.AddAccount(holder, PopulationBuilder.DutchBank(_rng), AccountKinds.Personal,
                DateOnly.FromDateTime(start.AddDays(-_rng.Between(20, 2_000))));
        }

        var deposits = _rng.Between(3, 8);
        var spanDays = _rng.Between(7, 30);
        var received = new long[accounts.Length];
        var last = start;
        for (var i = 0; i < deposits; i++)
        {
            var at = i == 0 ? start : i == deposits - 1 ? start.AddDays(spanDays) : After(start, 0, spanDays * 24, _rng);
            var index = i < 2 ? 0 : _rng.Next(accounts.Length);
            var cents = (long)(threshold * _rng.Uniform(0.805, 0.985) / 10) * 1_000;
            Transfer(op, at, PlannedTransfer.Cash, accounts[index], cents, TransferCodes.CashDeposit, _rng.Pick(Branches));
            received[index] += cents;
            op.LaunderedCents += cents;
            last = at > last ? at : last;
        }

        op.Focus = accounts[Array.IndexOf(received, received.Max())];
        for (var i = 0; i < accounts.Length; i++)
        {
            if (received[i] > 0)
            {
                Transfer(op, After(last, 1, 72, _rng), accounts[i], p.FrontAccount, (long)(received[i] * _rng.Uniform(0.9, 0.99)),
                    TransferCodes.Wire, "Lening");
            }
        }
    }

    /// <summary>
    /// A low-income straw man gets 2–3 accounts, 1–2 companies as director and 3–5 assets (mostly vehicles), every
    /// asset paid by one transfer from the principal's own or front-company account.
    /// </summary>
    private void PlantStrawMan(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var address = _rng.NextDouble() switch
        {
            < 0.4 => _world.PartyAddress[p.Party],
            < 0.7 when p.StrawMen.Count > 0 => _world.PartyAddress[p.StrawMen[^1]],
            _ => _world.NewAddress(),
        };
        var straw = _world.AddPerson(PartyRole.StrawMan, PopulationBuilder.RandomDate(_rng, 1960, 2002), address);
        p.StrawMen.Add(straw);
        if (_rng.Chance(0.3))
        {
            // The principal registered the straw man with his own phone and e-mail.
            _world.PartyContact[straw] = p.Party;
        }

        var payer = _rng.Chance(0.5) ? p.PersonalAccount : p.FrontAccount;
        op.Focus = payer;
        op.Touch(payer);
        var accounts = _rng.Between(2, 3);
        for (var i = 0; i < accounts; i++)
        {
            op.Touch(_world.AddAccount(straw, PopulationBuilder.DutchBank(_rng), AccountKinds.Personal,
                DateOnly.FromDateTime(start.AddDays(-_rng.Between(1, 700)))));
        }

        var companies = _rng.Between(1, 2);
        for (var i = 0; i < companies; i++)
        {
            op.Touch(NewShell(straw, start));
        }

        var assets = _rng.Between(3, 5);
        for (var i = 0; i < assets; i++)
        {
            var at = After(start, 0, 20 * 24, _rng);
            var (kind, euros, valueFactor, basis, description) = _rng.NextDouble() switch
            {
                < 0.60 => ("vehicle", _rng.Uniform(25_000, 120_000), 0.85, "catalogue", "Aankoop voertuig"),
                < 0.75 => ("vessel", _rng.Uniform(40_000, 250_000), 0.9, "purchase_price", "Aankoop boot"),
                < 0.87 => ("real_estate", _rng.Uniform(250_000, 900_000), 1.05, "WOZ", "Aankoop woning"),
                _ => ("luxury_good", _rng.Uniform(8_000, 60_000), 0.95, "purchase_price", "Aankoop sieraden"),
            };
            var cents = Cents(euros);
            var seller = kind == "real_estate" ? _rng.Pick(_population.Notaries) : _rng.Pick(_population.CarDealers);
            _plan.Assets.Add(new PlannedAsset
            {
                Kind = kind,
                Owner = straw,
                AcquiredAt = DateOnly.FromDateTime(at),
                PriceCents = cents,
                ValueCents = (long)(cents * valueFactor),
                ValuationBasis = basis,
                Description = description,
            });
            Transfer(op, at, payer, seller, cents, TransferCodes.Wire, description, asset: _plan.Assets.Count - 1);
            op.LaunderedCents += cents;
        }
    }

    /// <summary>
    /// A cash-intensive front: a company the principal directs, in a trade where cash is rare (consultancy, wholesale,
    /// IT, construction, transport, advertising), trades like any business and for 5–9 months banks criminal cash as
    /// till takings every 3–8 days (€1,500–€6,000 around a steady level, no seasonal rhythm) — a cash share of revenue
    /// its sector does not have.
    /// </summary>
    private void PlantCashFront(PlannedOperation op)
    {
        var p = _plan.Principals[op.Principal];
        var months = _rng.Between(5, 9);
        var at = _calendar.DayStart(_rng.Between(10, WorldCalendar.Days - (months * 31) - 5)).AddSeconds(_rng.Between(9 * 3600, 17 * 3600));
        var registered = DateOnly.FromDateTime(at.AddDays(-_rng.Between(60, 1_500)));
        var company = _world.AddCompany(PartyRole.ShellCompany, registered, _world.NewAddress(), p.Party, _rng.Pick(FrontSectors));
        var front = _world.AddAccount(company, PopulationBuilder.DutchBank(_rng), AccountKinds.Business, registered.AddDays(_rng.Between(1, 25)));
        _plan.TradingFronts.Add(front);
        op.Focus = front;
        var level = _rng.Uniform(2_000, 4_000);
        var end = at.AddDays(months * 30.5);
        while (at < end)
        {
            var cents = (long)(Math.Clamp(_rng.LogNormal(level, 0.25), 1_500, 6_000) / 10) * 1_000;
            Transfer(op, at, PlannedTransfer.Cash, front, cents, TransferCodes.CashDeposit, "Kassa-afstorting");
            op.LaunderedCents += cents;
            at = _calendar.DayStart(_calendar.DayOf(at) + _rng.Between(3, 8)).AddSeconds(_rng.Between(9 * 3600, 17 * 3600));
        }
    }
}
