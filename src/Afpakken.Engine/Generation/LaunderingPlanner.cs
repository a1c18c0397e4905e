using Afpakken.Engine.Contract;
namespace Afpakken.Engine.Generation;

/// <summary>
/// Shared moves of the facilitators: opening mule, shell and foreign accounts, booking a transfer into an
/// operation. The typology planters (one per family) compose these.
/// </summary>
internal sealed partial class LaunderingPlanner
{
    private readonly World _world;
    private readonly Population _population;
    private readonly WorldCalendar _calendar;
    private readonly WorldRandom _rng;
    private readonly LaunderingPlan _plan = new();
    private readonly int _poolAccountStart;

    /// <summary>The share of money-mule operations run for an organiser outside the data (no principal to trace them to).</summary>
    private const double UnattributedMuleShare = 0.25;

    private LaunderingPlanner(World world, Population population, WorldCalendar calendar, WorldRandom rng)
    {
        _world = world;
        _population = population;
        _calendar = calendar;
        _rng = rng;
        _poolAccountStart = world.AccountCount;
        _plan.DedicatedAccountStart = _poolAccountStart;
    }

    public static LaunderingPlan Plan(World world, Population population, WorldCalendar calendar, WorldRandom rng, long transactions)
    {
        var planner = new LaunderingPlanner(world, population, calendar, rng);
        var perTypology = PlantingPlan.OperationsPerTypology(transactions);
        planner.CreatePrincipals(Math.Max(4, perTypology * Typologies.Planted.Count / 8));
        for (var i = 0; i < perTypology; i++)
        {
            foreach (var typology in Typologies.Planted)
            {
                planner.PlantOne(typology);
            }
        }

        foreach (var op in planner._plan.Operations.Where(o => o.Principal >= 0))
        {
            planner._plan.Principals[op.Principal].ProceedsCents += op.LaunderedCents;
        }

        planner.CloseSomeMuleAccounts();
        return planner._plan;
    }

    private void PlantOne(string typology)
    {
        var principal = _rng.Next(_plan.Principals.Count);
        if (typology == Typologies.Mule && _rng.Chance(UnattributedMuleShare))
        {
            // A mule ring working for an organiser who is not in this world's data: laundering, but no one's proceeds here.
            principal = -1;
        }

        var op = new PlannedOperation(_plan.Operations.Count + 1, typology, principal);
        _plan.Operations.Add(op);
        if (principal >= 0)
        {
            _plan.Principals[principal].Operations.Add(_plan.Operations.Count - 1);
        }

        var start = StartTime();
        switch (typology)
        {
            case Typologies.FanIn: PlantFanIn(op, start); break;
            case Typologies.FanOut: PlantFanOut(op, start); break;
            case Typologies.Mule: PlantMule(op, start); break;
            case Typologies.ScatterGather: PlantScatterGather(op, start); break;
            case Typologies.GatherScatter: PlantGatherScatter(op, start); break;
            case Typologies.Cycle: PlantCycle(op, start); break;
            case Typologies.Structuring: PlantStructuring(op, start); break;
            case Typologies.StrawMan: PlantStrawMan(op, start); break;
            case Typologies.BipartiteLayering: PlantBipartiteLayering(op, start); break;
            case Typologies.CashFront: PlantCashFront(op); break;
            case Typologies.UndergroundBanking: PlantUndergroundBanking(op, start); break;
            default: throw new ArgumentOutOfRangeException(nameof(typology));
        }
    }

    private void CreatePrincipals(int count)
    {
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            // Principals live ordinary lives: their personal account is an old, normal one. A person is one principal.
            int personal, party;
            do
            {
                personal = _population.PersonalAccount(_rng.Next(_population.NewPersonalStart - _population.PersonalStart));
                party = _world.AccountHolder[personal];
            }
            while (!chosen.Add(party));

            _world.PartyRole[party] = PartyRole.Principal;
            var front = _world.AddCompany(PartyRole.ShellCompany, PopulationBuilder.RandomDate(_rng, 2012, 2023), _world.NewAddress(), party, 7022);
            var frontAccount = _world.AddAccount(front, PopulationBuilder.DutchBank(_rng), AccountKinds.Business, PopulationBuilder.RandomDate(_rng, 2013, 2023));
            _plan.Principals.Add(new Principal(party, personal, frontAccount));
            _plan.TradingFronts.Add(frontAccount);
        }
    }

    /// <summary>A start instant between day 10 and day 330, in office hours, whole seconds.</summary>
    private DateTime StartTime() =>
        _calendar.DayStart(_rng.Between(10, 330)).AddSeconds(_rng.Between(8 * 3600, 18 * 3600));

    private static DateTime After(DateTime at, double minHours, double maxHours, WorldRandom rng) =>
        at.AddSeconds(Math.Round(rng.Uniform(minHours, maxHours) * 3600));

    /// <summary>A person-held account used only for laundering: new (opened days before) or long dormant.</summary>
    private int NewMule(DateTime firstUse, bool reactivated = false)
    {
        var person = _world.AddPerson(PartyRole.Mule, PopulationBuilder.RandomDate(_rng, 1990, 2006), _world.NewAddress());
        var opened = reactivated
            ? DateOnly.FromDateTime(firstUse.AddDays(-_rng.Between(3 * 365, 10 * 365)))
            : DateOnly.FromDateTime(firstUse.AddDays(-_rng.Between(3, 60)));
        var bank = _rng.Chance(0.1) ? (byte)(World.DutchBanks + 2) : PopulationBuilder.DutchBank(_rng);
        return _world.AddAccount(person, bank, AccountKinds.Personal, opened);
    }

    /// <summary>
    /// A mule account the principal's organisation runs as the hub of an operation: the herder opened it with his own
    /// phone and e-mail (one of the commonest mule indicators banks see: many accounts, one set of contact details).
    /// </summary>
    private int NewHerdedMule(PlannedOperation op, DateTime firstUse, bool reactivated = false)
    {
        var mule = NewMule(firstUse, reactivated);
        if (op.Principal >= 0)
        {
            _world.PartyContact[_world.AccountHolder[mule]] = _plan.Principals[op.Principal].Party;
        }

        return mule;
    }

    /// <summary>A business account of a fresh shell company with the given director.</summary>
    private int NewShell(int director, DateTime firstUse)
    {
        var registered = DateOnly.FromDateTime(firstUse.AddDays(-_rng.Between(30, 700)));
        var company = _world.AddCompany(PartyRole.ShellCompany, registered, _world.NewAddress(), director, 7022);
        return _world.AddAccount(company, PopulationBuilder.DutchBank(_rng), AccountKinds.Business, registered.AddDays(_rng.Between(1, 25)));
    }

    private int NewForeign(DateTime firstUse)
    {
        var registered = DateOnly.FromDateTime(firstUse.AddDays(-_rng.Between(200, 3000)));
        var company = _world.AddCompany(PartyRole.ForeignCompany, registered, _world.NewAddress(), -1, _rng.Chance(0.5) ? (short)6420 : (short)4690);
        return _world.AddAccount(company, (byte)(World.DutchBanks + _rng.Next(3)), AccountKinds.Business, registered.AddDays(10));
    }

    /// <summary>An unrelated, old normal personal account (a small share of senders are ordinary people roped in).</summary>
    private int SomeNormalPerson() =>
        _population.PersonalAccount(_rng.Next(_population.NewPersonalStart - _population.PersonalStart));

    private void Transfer(PlannedOperation op, DateTime at, int from, int to, long cents, byte channel, string description, int asset = -1)
    {
        if (at > _calendar.End)
        {
            throw new InvalidOperationException($"Operation {op.PatternId} runs past the end of the world.");
        }

        var day = _calendar.DayOf(at);
        _plan.ByDay[day].Add(new PlannedTransfer
        {
            Ticks = at.Ticks,
            From = from,
            To = to,
            Cents = cents,
            Operation = _plan.Operations.Count - 1,
            Asset = asset,
            Channel = channel,
            Description = TransferCodes.Describe(description),
        });
        _plan.TransferCount++;
        op.TxCount++;
        op.TotalCents += cents;
        op.FirstTicks = Math.Min(op.FirstTicks, at.Ticks);
        op.LastTicks = Math.Max(op.LastTicks, at.Ticks);
        op.Touch(from);
        op.Touch(to);
    }

    /// <summary>Banks close about half of the dedicated mule accounts weeks after their last use.</summary>
    private void CloseSomeMuleAccounts()
    {
        var lastUse = new Dictionary<int, long>();
        foreach (var day in _plan.ByDay)
        {
            foreach (var t in day)
            {
                foreach (var a in (ReadOnlySpan<int>)[t.From, t.To])
                {
                    if (a >= _poolAccountStart && _world.PartyRole[_world.AccountHolder[a]] == PartyRole.Mule)
                    {
                        lastUse[a] = Math.Max(lastUse.GetValueOrDefault(a), t.Ticks);
                    }
                }
            }
        }

        foreach (var account in lastUse.Keys.Order())
        {
            var closed = DateOnly.FromDateTime(new DateTime(lastUse[account])).AddDays(_rng.Between(14, 90));
            if (_rng.Chance(0.5) && closed <= DateOnly.FromDateTime(_calendar.End))
            {
                _world.AccountClosed[account] = closed;
            }
        }
    }

    /// <summary>Money rounded to cents from euros.</summary>
    private static long Cents(double euros) => (long)Math.Round(euros * 100);
}
