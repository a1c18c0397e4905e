using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>Built-in mappings for layouts seen in the wild (domain.md §2).</summary>
public static class MappingPresets
{
    /// <summary>
    /// IBM AMLworld CSV: <c>Timestamp, From Bank, Account, To Bank, Account, Amount Received, Receiving Currency,
    /// Amount Paid, Payment Currency, Payment Format, Is Laundering</c>. The two <c>Account</c> headers are mapped by
    /// position; the paid side is the transaction's amount; <c>Is Laundering</c> is kept as ground truth.
    /// </summary>
    public static ColumnMapping AmlWorld { get; } = new()
    {
        Name = "amlworld",
        Columns = new Dictionary<string, string>
        {
            [TransactionSchema.BookedAt] = "#1",
            [TransactionSchema.FromBank] = "#2",
            [TransactionSchema.FromAccount] = "#3",
            [TransactionSchema.ToBank] = "#4",
            [TransactionSchema.ToAccount] = "#5",
            [TransactionSchema.Amount] = "#8",
            [TransactionSchema.Currency] = "#9",
            [TransactionSchema.Channel] = "#10",
            [ColumnMapping.IsLaundering] = "#11",
        },
        TimestampFormat = "yyyy/MM/dd HH:mm",
        Values = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [TransactionSchema.Currency] = new Dictionary<string, string>
            {
                ["US Dollar"] = "USD",
                ["Euro"] = "EUR",
                ["UK Pound"] = "GBP",
                ["Yen"] = "JPY",
                ["Yuan"] = "CNY",
                ["Rupee"] = "INR",
                ["Ruble"] = "RUB",
                ["Canadian Dollar"] = "CAD",
                ["Australian Dollar"] = "AUD",
                ["Swiss Franc"] = "CHF",
                ["Mexican Peso"] = "MXN",
                ["Brazil Real"] = "BRL",
                ["Saudi Riyal"] = "SAR",
                ["Shekel"] = "ILS",
                ["Bitcoin"] = "BTC",
            },
            [TransactionSchema.Channel] = new Dictionary<string, string>
            {
                ["Wire"] = Channels.Wire,
                ["ACH"] = Channels.Ach,
                ["Cheque"] = Channels.Cheque,
                ["Credit Card"] = Channels.Card,
                ["Cash"] = Channels.CashDeposit,
                ["Bitcoin"] = Channels.Crypto,
                ["Reinvestment"] = Channels.Other,
            },
        },
    };

    /// <summary>A preset by name, or null.</summary>
    public static ColumnMapping? Find(string name) => name.ToLowerInvariant() switch
    {
        "canonical" => ColumnMapping.Canonical,
        "amlworld" => AmlWorld,
        _ => null,
    };
}
