namespace Afpakken.Engine.Generation;

/// <summary>
/// One transfer before it gets its tx id: accounts are indices into <see cref="World"/> (or <see cref="Cash"/>),
/// money is in cents, text columns are small codes. Kept as a struct so a day's worth sorts in place.
/// </summary>
internal struct PlannedTransfer
{
    public const int Cash = -1;

    public long Ticks;
    public int From;
    public int To;
    public long Cents;
    public int Operation;
    public int Asset;
    public byte Channel;
    public byte Description;
    public byte Currency;

    public static PlannedTransfer Normal(long ticks, int from, int to, long cents, byte channel, byte description) => new()
    {
        Ticks = ticks,
        From = from,
        To = to,
        Cents = cents,
        Channel = channel,
        Description = description,
        Operation = -1,
        Asset = -1,
    };
}

/// <summary>The code tables behind <see cref="PlannedTransfer"/>'s byte columns.</summary>
internal static class TransferCodes
{
    public static readonly string[] Channels = Contract.Channels.All.ToArray();

    public static readonly byte Wire = Code(Contract.Channels.Wire);
    public static readonly byte CashDeposit = Code(Contract.Channels.CashDeposit);
    public static readonly byte CashWithdrawal = Code(Contract.Channels.CashWithdrawal);
    public static readonly byte Card = Code(Contract.Channels.Card);
    public static readonly byte Cheque = Code(Contract.Channels.Cheque);
    public static readonly byte Ach = Code(Contract.Channels.Ach);
    public static readonly byte Crypto = Code(Contract.Channels.Crypto);
    public static readonly byte MoneyTransfer = Code(Contract.Channels.MoneyTransfer);

    public static readonly string[] Currencies = ["EUR", "USD", "GBP"];

    /// <summary>Descriptions; index 0 means none. Laundering reuses the ordinary ones on purpose.</summary>
    public static readonly string?[] Descriptions =
    [
        null, "Salaris", "Huur", "Energie en water", "Boodschappen", "Terugbetaling", "Geldopname", "Storting",
        "Factuur", "Lening", "Aankoop voertuig", "Aankoop woning", "Cadeau", "Consultancy", "Overboeking",
        "Kassa-afstorting", "Bitcoin aankoop", "Uitbetaling", "Geldtransfer", "Aankoop boot", "Aankoop sieraden",
        "Storting filiaal Amsterdam", "Storting filiaal Rotterdam", "Storting filiaal Utrecht", "Storting filiaal Eindhoven",
        "Storting filiaal Den Haag", "Abonnement", "Verzekering", "Restaurant", "Vakantie",
    ];

    public static byte Describe(string text) => (byte)Array.IndexOf(Descriptions, text);

    private static byte Code(string channel) => (byte)Array.IndexOf(Channels, channel);
}
