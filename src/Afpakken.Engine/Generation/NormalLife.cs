namespace Afpakken.Engine.Generation;

/// <summary>
/// Honest transactions: salaries (monthly payroll fan-out), rent and utilities (fan-in with recurring payers), card
/// payments to merchants with regular customers, transfers between friends, business trade, cash in and out (with
/// cash-intensive businesses depositing often), crypto, remittances, notaries and car purchases — the look-alikes
/// that keep detectors from winning on trivial thresholds.
/// </summary>
internal sealed partial class NormalLife
{
    private readonly World _world;
    private readonly Population _pop;
    private readonly WorldCalendar _calendar;
    private readonly WorldRandom _rng;
    private readonly int _oldPersonal;
    private readonly int _salaried;
    private readonly int _renters;
    private readonly int _utilityPayers;
    private readonly int _utilityOffset;
    private readonly int[] _employerFirst;
    private readonly int[] _businesses;
    private readonly List<int>[] _employersByPayDay = new List<int>[32];

    /// <param name="frontCompanies">Accounts of principals' front companies (and cash fronts): they trade like any business, which is their point.</param>
    public NormalLife(World world, Population population, WorldCalendar calendar, long normalBudget, WorldRandom rng, IEnumerable<int> frontCompanies)
    {
        _businesses = [.. population.Businesses, .. frontCompanies];
        _world = world;
        _pop = population;
        _calendar = calendar;
        _rng = rng;
        _oldPersonal = population.NewPersonalStart - population.PersonalStart;
        _salaried = (int)Math.Min(_oldPersonal * 0.6, normalBudget * 0.11 / 12);
        _renters = (int)Math.Min(_oldPersonal * 0.45, normalBudget * 0.09 / 12);
        _utilityPayers = (int)Math.Min(_oldPersonal * 0.45, normalBudget * 0.07 / 12);
        _utilityOffset = _oldPersonal / 3;

        // Employers get contiguous ranges of the salaried persons, sized log-normally (many small firms, a few large).
        var employers = population.Employers;
        var weights = employers.Select(_ => rng.LogNormal(1, 1.0)).ToArray();
        var total = weights.Sum();
        _employerFirst = new int[employers.Length + 1];
        var cumulative = 0.0;
        for (var e = 0; e < employers.Length; e++)
        {
            _employerFirst[e] = (int)(_salaried * cumulative / total);
            cumulative += weights[e];
        }

        _employerFirst[employers.Length] = _salaried;
        for (var d = 0; d < _employersByPayDay.Length; d++)
        {
            _employersByPayDay[d] = [];
        }

        for (var e = 0; e < employers.Length; e++)
        {
            _employersByPayDay[20 + (int)(Trait(employers[e], 1) % 8)].Add(e);
        }
    }

    public int PersonalCount => _pop.PersonalCount;

    /// <summary>Monthly gross-to-net salary of a salaried person, or 0 (in cents).</summary>
    public long MonthlySalaryCents(int personalOffset)
    {
        if (personalOffset >= _salaried)
        {
            return 0;
        }

        var h = Trait(personalOffset, 2);
        var euros = 1_900 + (h % 3_000);
        if (h % 100 < 3)
        {
            euros *= 4; // a few high earners
        }

        return (long)euros * 100;
    }

    /// <summary>Adds the day's recurring transfers (payroll, rent, utilities).</summary>
    public void Recurring(int day, List<PlannedTransfer> into)
    {
        var date = _calendar.DayStart(day);
        var dayTicks = date.Ticks;
        foreach (var e in _employersByPayDay[date.Day])
        {
            var employer = _pop.Employers[e];
            var at = dayTicks + (TimeSpan.TicksPerSecond * (7_200 + (e % 1_800)));
            var thirteenth = date.Month == 12 && Trait(employer, 3) % 3 == 0;
            for (var i = _employerFirst[e]; i < _employerFirst[e + 1]; i++)
            {
                var cents = MonthlySalaryCents(i);
                cents = date.Month == 5 ? cents * 108 / 100 : thirteenth ? cents * 2 : cents;
                into.Add(PlannedTransfer.Normal(at, employer, _pop.PersonalAccount(i), cents, TransferCodes.Ach, Salary));
            }
        }

        if (date.Day <= 3)
        {
            for (var i = _oldPersonal - _renters; i < _oldPersonal; i++)
            {
                var h = Trait(i, 4);
                if ((int)(h % 3) + 1 == date.Day)
                {
                    var landlord = _pop.Landlords[(int)(h / 3 % (ulong)_pop.Landlords.Length)];
                    var cents = (long)(700 + (h / 7 % 1_100)) * 100;
                    into.Add(PlannedTransfer.Normal(dayTicks + (TimeSpan.TicksPerSecond * (21_600 + (long)(h % 7_200))),
                        _pop.PersonalAccount(i), landlord, cents, TransferCodes.Ach, Rent));
                }
            }
        }

        if (date.Day is >= 15 and < 20)
        {
            var winter = date.Month is 1 or 2 or 12 ? 13 : 10;
            for (var i = _utilityOffset; i < _utilityOffset + _utilityPayers; i++)
            {
                var h = Trait(i, 5);
                if ((int)(h % 5) + 15 == date.Day)
                {
                    var utility = _pop.Utilities[(int)(h / 5 % (ulong)_pop.Utilities.Length)];
                    var cents = (long)(80 + (h / 11 % 170)) * 10 * winter;
                    into.Add(PlannedTransfer.Normal(dayTicks + (TimeSpan.TicksPerSecond * (25_200 + (long)(h % 3_600))),
                        _pop.PersonalAccount(i), utility, cents, TransferCodes.Ach, Utilities));
                }
            }
        }
    }

    /// <summary>A per-entity trait that is stable across the year and independent of the random stream.</summary>
    private static ulong Trait(int entity, int aspect) => WorldRandom.Hash(((ulong)(uint)entity << 8) | (uint)aspect);
}
