namespace Afpakken.Engine.Generation;

/// <summary>Which accounts of the <see cref="World"/> play which part in normal life.</summary>
internal sealed class Population
{
    /// <summary>Normal personal accounts are the contiguous range [PersonalStart, PersonalStart + PersonalCount).</summary>
    public int PersonalStart { get; init; }
    public int PersonalCount { get; init; }

    /// <summary>The personal accounts from this index on were opened during the world's year.</summary>
    public int NewPersonalStart { get; init; }

    public required int[] Merchants { get; init; }
    public required int[] Employers { get; init; }
    public required int[] Landlords { get; init; }
    public required int[] Utilities { get; init; }
    public required int[] Businesses { get; init; }
    public required int[] CashBusinesses { get; init; }
    public required int[] CarDealers { get; init; }
    public required int[] Notaries { get; init; }
    public required int[] CryptoExchanges { get; init; }
    public required int[] MoneyTransferOffices { get; init; }
    public required int[] ForeignBusinesses { get; init; }

    /// <summary>A day index from which each personal account may transact (0 for accounts older than the world).</summary>
    public required int[] FirstActiveDay { get; init; }

    public int PersonalAccount(int offset) => PersonalStart + offset;
}

/// <summary>Builds the normal population: persons with personal accounts, companies with business accounts, gatekeepers.</summary>
internal static class PopulationBuilder
{
    // Shops take cards; the cash sectors (restaurants, bars, hairdressers, garages, market stalls) belong to the cash
    // businesses, so a sector's median cash share describes its trade.
    private static readonly short[] MerchantSectors = [4711, 4719, 4721, 4771, 4741, 4764];
    private static readonly short[] EmployerSectors = [6201, 4120, 8610, 4941, 2511, 8411, 8531];
    private static readonly short[] CashSectors = [5610, 9602, 4520, 5630, 4781];

    // Holding and consultancy codes occur in honest trade too, so a shell company's sector gives nothing away.
    private static readonly short[] SupplierSectors = [4690, 4690, 7022, 6420, 4120, 7311, 6202, 4941];

    public static Population Build(World world, WorldRandom rng, WorldCalendar calendar, long transactions)
    {
        var accounts = (int)Math.Max(2_000, transactions / 10);
        var notaries = Math.Max(3, accounts / 4_000);
        var crypto = Math.Max(2, accounts / 80_000);
        var transferOffices = Math.Max(2, accounts / 80_000);
        var businesses = (int)(accounts * 0.12);
        var personal = accounts - businesses - notaries - crypto - transferOffices;
        var worldStart = DateOnly.FromDateTime(calendar.Start);

        // Persons and their personal accounts; some share an address (households).
        var personalStart = world.AccountCount;
        var newStart = personalStart + (int)(personal * 0.94);
        var firstActive = new int[personal];
        for (var i = 0; i < personal; i++)
        {
            var address = i > 0 && rng.Chance(0.12) ? world.PartyAddress[^1] : world.NewAddress();
            var person = world.AddPerson(PartyRole.None, RandomDate(rng, 1940, 2006), address);
            var bank = rng.Chance(0.02) ? (byte)(World.DutchBanks + rng.Next(3)) : DutchBank(rng);
            var index = personalStart + i;
            DateOnly opened;
            if (index >= newStart)
            {
                firstActive[i] = rng.Between(0, WorldCalendar.Days - 20);
                opened = calendar.Date(firstActive[i]);
            }
            else
            {
                opened = RandomDate(rng, 1995, worldStart.Year - 1);
            }

            world.AddAccount(person, bank, AccountKinds.Personal, opened);
        }

        var employers = new List<int>();
        var merchants = new List<int>();
        var landlords = new List<int>();
        var utilities = new List<int>();
        var cash = new List<int>();
        var dealers = new List<int>();
        var foreign = new List<int>();
        var all = new List<int>();
        var landlordCount = Math.Max(3, businesses / 150);
        var utilityCount = Math.Max(3, businesses / 400);
        var dealerCount = Math.Max(4, businesses / 150);
        var cashCount = Math.Max(10, businesses / 20);
        for (var i = 0; i < businesses; i++)
        {
            var (role, sector, list) = i switch
            {
                _ when i < landlordCount => (PartyRole.Landlord, (short)6820, landlords),
                _ when i < landlordCount + utilityCount => (PartyRole.Utility, (short)3514, utilities),
                _ when i < landlordCount + utilityCount + dealerCount => (PartyRole.CarDealer, (short)4511, dealers),
                _ when i < landlordCount + utilityCount + dealerCount + cashCount => (PartyRole.CashIntensive, rng.Pick(CashSectors), cash),
                _ when i % 10 < 4 => (PartyRole.Merchant, rng.Pick(MerchantSectors), merchants),
                _ when i % 10 < 7 => (PartyRole.Employer, rng.Pick(EmployerSectors), employers),
                _ when i % 10 < 8 && foreign.Count < businesses / 30 => (PartyRole.ForeignCompany, rng.Pick(SupplierSectors), foreign),
                _ => (PartyRole.Supplier, rng.Pick(SupplierSectors), null),
            };

            // Directors of foreign companies are not in the Dutch registers.
            var director = role == PartyRole.ForeignCompany ? -1 : world.AccountHolder[personalStart + rng.Next(personal)];
            var company = world.AddCompany(role, RandomDate(rng, 1980, worldStart.Year - 1), world.NewAddress(), director, sector);
            var bank = role == PartyRole.ForeignCompany ? (byte)(World.DutchBanks + rng.Next(3)) : DutchBank(rng);
            var account = world.AddAccount(company, bank, AccountKinds.Business, RandomDate(rng, 1995, worldStart.Year - 1));
            list?.Add(account);
            all.Add(account);
            if (role is PartyRole.CashIntensive or PartyRole.CarDealer)
            {
                // Cash businesses and dealers also sell to the public: they accept card payments.
                merchants.Add(account);
            }
        }

        return new Population
        {
            PersonalStart = personalStart,
            PersonalCount = personal,
            NewPersonalStart = newStart,
            FirstActiveDay = firstActive,
            Employers = [.. employers],
            Merchants = [.. merchants],
            Landlords = [.. landlords],
            Utilities = [.. utilities],
            Businesses = [.. all],
            CashBusinesses = [.. cash],
            CarDealers = [.. dealers],
            ForeignBusinesses = [.. foreign],
            Notaries = Gatekeepers(world, rng, notaries, PartyRole.Notary, 6910, AccountKinds.NotaryThirdParty, worldStart, personalStart, personal),
            CryptoExchanges = Gatekeepers(world, rng, crypto, PartyRole.CryptoExchanger, 6619, AccountKinds.CryptoExchange, worldStart, personalStart, personal),
            MoneyTransferOffices = Gatekeepers(world, rng, transferOffices, PartyRole.MoneyTransferOffice, 6619, AccountKinds.MoneyTransferOffice, worldStart, personalStart, personal),
        };
    }

    private static int[] Gatekeepers(
        World world, WorldRandom rng, int count, PartyRole role, short sector, byte kind, DateOnly worldStart, int personalStart, int personal)
    {
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            var director = world.AccountHolder[personalStart + rng.Next(personal)];
            var company = world.AddCompany(role, RandomDate(rng, 1980, worldStart.Year - 2), world.NewAddress(), director, sector);
            var bank = kind == AccountKinds.CryptoExchange && i % 2 == 1 ? (byte)(World.Banks.Length - 1) : DutchBank(rng);
            result[i] = world.AddAccount(company, bank, kind, RandomDate(rng, 2000, worldStart.Year - 1));
        }

        return result;
    }

    public static byte DutchBank(WorldRandom rng)
    {
        // Market shares, roughly: the big three hold most accounts.
        var x = rng.NextDouble();
        return x switch { < 0.33 => 0, < 0.60 => 1, < 0.82 => 2, < 0.88 => 3, < 0.91 => 4, < 0.96 => 5, < 0.98 => 6, _ => 7 };
    }

    public static DateOnly RandomDate(WorldRandom rng, int fromYear, int toYear)
    {
        var from = new DateOnly(fromYear, 1, 1).DayNumber;
        var to = new DateOnly(toYear, 12, 31).DayNumber;
        return DateOnly.FromDayNumber(from + rng.Next(to - from + 1));
    }
}
