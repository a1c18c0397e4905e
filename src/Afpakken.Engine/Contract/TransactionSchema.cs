using Parquet.Schema;

namespace Afpakken.Engine.Contract;

/// <summary>
/// Canonical column names and the Parquet schema of the transactions file (docs/data-contract.md).
/// booked_at is a UTC timestamp in microseconds; amount is DECIMAL(18,2), never a float.
/// </summary>
public static class TransactionSchema
{
    public const string TxId = "tx_id";
    public const string BookedAt = "booked_at";
    public const string FromAccount = "from_account";
    public const string ToAccount = "to_account";
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string Channel = "channel";
    public const string FromBank = "from_bank";
    public const string ToBank = "to_bank";
    public const string Description = "description";

    /// <summary>Columns a transactions file must have (tx_id, currency and channel may be defaulted by a mapping).</summary>
    public static IReadOnlyList<string> Required { get; } = [BookedAt, FromAccount, ToAccount, Amount];

    public const int AmountPrecision = 18;
    public const int AmountScale = 2;

    /// <summary>Longest id (tx, account) the contract accepts.</summary>
    public const int MaxIdLength = 128;

    public static DataField<string> TxIdField { get; } = new(TxId, false);
    public static DateTimeDataField BookedAtField { get; } =
        new(BookedAt, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    public static DataField<string> FromAccountField { get; } = new(FromAccount, false);
    public static DataField<string> ToAccountField { get; } = new(ToAccount, false);
    public static DecimalDataField AmountField { get; } = new(Amount, AmountPrecision, AmountScale, isNullable: false);
    public static DataField<string> CurrencyField { get; } = new(Currency, false);
    public static DataField<string> ChannelField { get; } = new(Channel, false);
    public static DataField<string> FromBankField { get; } = new(FromBank, true);
    public static DataField<string> ToBankField { get; } = new(ToBank, true);
    public static DataField<string> DescriptionField { get; } = new(Description, true);

    public static ParquetSchema Parquet { get; } = new(
        TxIdField, BookedAtField, FromAccountField, ToAccountField, AmountField,
        CurrencyField, ChannelField, FromBankField, ToBankField, DescriptionField);
}
