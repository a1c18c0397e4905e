namespace Afpakken.Engine.Generation;

/// <summary>Roles a party can play in the synthetic world; written as role hints where the contract has one.</summary>
internal enum PartyRole : byte
{
    None,
    Employer,
    Merchant,
    Landlord,
    Utility,
    Supplier,
    CashIntensive,
    CarDealer,
    Notary,
    CryptoExchanger,
    MoneyTransferOffice,
    Principal,
    StrawMan,
    Mule,
    ShellCompany,
    ForeignCompany,
}

/// <summary>Account kinds of the contract, in code order.</summary>
internal static class AccountKinds
{
    public const byte Personal = 0, Business = 1, NotaryThirdParty = 2, CryptoExchange = 3, MoneyTransferOffice = 4;

    public static readonly string[] Names = ["personal", "business", "notary_third_party", "crypto_exchange", "money_transfer_office"];
}

/// <summary>
/// The population of the world in columns (parties and accounts), compact enough for a million accounts;
/// names, addresses and ids of parties are derived from it when the files are written.
/// </summary>
internal sealed class World
{
    public const string PersonKind = "person";
    public const string CompanyKind = "company";

    // Parties
    public readonly List<bool> PartyIsCompany = [];
    public readonly List<PartyRole> PartyRole = [];
    public readonly List<int> PartyAddress = [];
    public readonly List<int> PartyDirector = [];
    public readonly List<DateOnly> PartyBirthOrRegistration = [];
    public readonly List<short> PartySector = [];

    /// <summary>Whose phone and e-mail a party registered (its own index, or e.g. the principal's for a straw man).</summary>
    public readonly List<int> PartyContact = [];

    // Accounts
    public readonly List<string> AccountId = [];
    public readonly List<int> AccountHolder = [];
    public readonly List<byte> AccountBank = [];
    public readonly List<byte> AccountKind = [];
    public readonly List<DateOnly> AccountOpened = [];
    public readonly List<DateOnly?> AccountClosed = [];

    /// <summary>Dutch banks (IBAN bank codes) and a few foreign ones; index = <see cref="AccountBank"/> value.</summary>
    public static readonly string[] Banks = ["INGB", "RABO", "ABNA", "SNSB", "TRIO", "BUNQ", "ASNB", "KNAB", "DEUT", "KRED", "REVO"];
    public const int DutchBanks = 8;

    private long _nextAccountNumber = 1;
    private int _nextAddress;

    public int PartyCount => PartyIsCompany.Count;
    public int AccountCount => AccountId.Count;

    /// <summary>A fresh address not shared with anyone yet.</summary>
    public int NewAddress() => _nextAddress++;

    public int AddPerson(PartyRole role, DateOnly birthDate, int address) => AddParty(false, role, birthDate, address, -1, 0);

    public int AddCompany(PartyRole role, DateOnly registeredAt, int address, int director, short sector) =>
        AddParty(true, role, registeredAt, address, director, sector);

    private int AddParty(bool company, PartyRole role, DateOnly date, int address, int director, short sector)
    {
        PartyIsCompany.Add(company);
        PartyRole.Add(role);
        PartyBirthOrRegistration.Add(date);
        PartyAddress.Add(address);
        PartyDirector.Add(director);
        PartySector.Add(sector);
        PartyContact.Add(PartyIsCompany.Count - 1);
        return PartyIsCompany.Count - 1;
    }

    /// <summary>Adds an account with a unique IBAN; bank indices at or above <see cref="DutchBanks"/> are foreign.</summary>
    public int AddAccount(int holder, byte bank, byte kind, DateOnly opened)
    {
        // An odd multiplier coprime to 10^10 spreads sequential numbers over the range without collisions.
        var number = (long)((UInt128)(ulong)_nextAccountNumber++ * 5_777_941_757UL % 10_000_000_000UL);
        var id = bank switch
        {
            < DutchBanks => Iban.Dutch(Banks[bank], number),
            8 => Iban.Build("DE", "37040044" + number.ToString("D10")),
            9 => Iban.Build("BE", "0" + number.ToString("D10") + "1"),
            _ => Iban.Build("LT", "32500" + number.ToString("D10") + "1"),
        };
        AccountId.Add(id);
        AccountHolder.Add(holder);
        AccountBank.Add(bank);
        AccountKind.Add(kind);
        AccountOpened.Add(opened);
        AccountClosed.Add(null);
        return AccountId.Count - 1;
    }

    public static bool IsForeignBank(byte bank) => bank >= DutchBanks;
}
