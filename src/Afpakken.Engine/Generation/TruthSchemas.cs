using Afpakken.Engine.Contract;
using Parquet.Schema;

namespace Afpakken.Engine.Generation;

/// <summary>
/// Files of the ground truth, written apart from the contract files under <c>truth/</c>: per-transaction labels,
/// the planted operations and the criminal subjects. Lists inside a cell are separated by ';'.
/// </summary>
public static class TruthSchemas
{
    public const string Folder = "truth";
    public const string TransactionsTruthFile = "transactions_truth";
    public const string OperationsFile = "operations";
    public const string SubjectsFile = "subjects";

    public const string TxId = "tx_id";
    public const string IsLaundering = "is_laundering";
    public const string Typology = "typology";
    public const string PatternId = "pattern_id";
    public const string FocusAccount = "focus_account";
    public const string Accounts = "accounts";
    public const string TxCount = "tx_count";
    public const string TotalAmount = "total_amount";
    public const string FirstAt = "first_at";
    public const string LastAt = "last_at";
    public const string PartyId = "party_id";
    public const string StrawMen = "straw_men";
    public const string Proceeds = "proceeds";
    public const string PatternIds = "pattern_ids";

    /// <summary>tx_id, is_laundering, typology (empty for normal), pattern_id (null for normal).</summary>
    public static ParquetSchema TransactionsTruth { get; } = new(
        new DataField<string>(TxId, false),
        new DataField<bool>(IsLaundering, false),
        new DataField<string>(Typology, false),
        new DataField<string>(PatternId, true));

    public static ParquetSchema Operations { get; } = new(
        new DataField<string>(PatternId, false),
        new DataField<string>(Typology, false),
        new DataField<string>(FocusAccount, false),
        new DataField<string>(Accounts, false),
        new DataField<int>(TxCount, false),
        Money(TotalAmount),
        Timestamp(FirstAt),
        Timestamp(LastAt));

    public static ParquetSchema Subjects { get; } = new(
        new DataField<string>(PartyId, false),
        new DataField<string>(StrawMen, false),
        Money(Proceeds),
        new DataField<string>(PatternIds, false));

    private static DecimalDataField Money(string name) =>
        new(name, TransactionSchema.AmountPrecision, TransactionSchema.AmountScale, isNullable: false);

    private static DateTimeDataField Timestamp(string name) =>
        new(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
}
