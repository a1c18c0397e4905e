using Parquet.Schema;

namespace Afpakken.Engine.Contract;

/// <summary>
/// Canonical column names and Parquet schemas of the accounts, parties, assets and income files
/// (docs/data-contract.md). Money is DECIMAL(18,2); dates are Parquet DATE.
/// </summary>
public static class AccountSchema
{
    public const string Account = "account";
    public const string Holder = "holder";
    public const string Bank = "bank";
    public const string OpenedAt = "opened_at";
    public const string ClosedAt = "closed_at";
    public const string Kind = "kind";

    public static DataField<string> AccountField { get; } = new(Account, false);
    public static DataField<string> HolderField { get; } = new(Holder, false);
    public static DataField<string> BankField { get; } = new(Bank, false);
    public static DataField<DateOnly> OpenedAtField { get; } = new(OpenedAt, false);
    public static DataField<DateOnly> ClosedAtField { get; } = new(ClosedAt, true);
    public static DataField<string> KindField { get; } = new(Kind, false);

    public static ParquetSchema Parquet { get; } = new(AccountField, HolderField, BankField, OpenedAtField, ClosedAtField, KindField);
}

/// <summary>Columns of the parties file; <see cref="Directors"/> holds party ids separated by ';'.</summary>
public static class PartySchema
{
    public const string PartyId = "party_id";
    public const string Kind = "kind";
    public const string Name = "name";
    public const string BirthDate = "birth_date";
    public const string RegistrationNumber = "registration_number";
    public const string Address = "address";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string SectorCode = "sector_code";
    public const string RoleHint = "role_hint";
    public const string Directors = "directors";

    public static ParquetSchema Parquet { get; } = new(
        new DataField<string>(PartyId, false),
        new DataField<string>(Kind, false),
        new DataField<string>(Name, false),
        new DataField<DateOnly>(BirthDate, true),
        new DataField<string>(RegistrationNumber, true),
        new DataField<string>(Address, true),
        new DataField<string>(Phone, true),
        new DataField<string>(Email, true),
        new DataField<string>(SectorCode, true),
        new DataField<string>(RoleHint, true),
        new DataField<string>(Directors, true));
}

/// <summary>Columns of the assets file; <see cref="PaidFromTxIds"/> holds tx ids separated by ';'.</summary>
public static class AssetSchema
{
    public const string AssetId = "asset_id";
    public const string Kind = "kind";
    public const string Owner = "owner";
    public const string AcquiredAt = "acquired_at";
    public const string AcquisitionPrice = "acquisition_price";
    public const string CurrentValue = "current_value";
    public const string ValuationBasis = "valuation_basis";
    public const string ValuationDate = "valuation_date";
    public const string Liabilities = "liabilities";
    public const string LiabilityKind = "liability_kind";
    public const string PaidFromTxIds = "paid_from_tx_ids";
    public const string SeizureStatus = "seizure_status";
    public const string Description = "description";

    public static ParquetSchema Parquet { get; } = new(
        new DataField<string>(AssetId, false),
        new DataField<string>(Kind, false),
        new DataField<string>(Owner, false),
        new DataField<DateOnly>(AcquiredAt, false),
        new DecimalDataField(AcquisitionPrice, TransactionSchema.AmountPrecision, TransactionSchema.AmountScale, isNullable: false),
        new DecimalDataField(CurrentValue, TransactionSchema.AmountPrecision, TransactionSchema.AmountScale, isNullable: false),
        new DataField<string>(ValuationBasis, false),
        new DataField<DateOnly>(ValuationDate, false),
        new DecimalDataField(Liabilities, TransactionSchema.AmountPrecision, TransactionSchema.AmountScale, isNullable: false),
        new DataField<string>(LiabilityKind, true),
        new DataField<string>(PaidFromTxIds, true),
        new DataField<string>(SeizureStatus, false),
        new DataField<string>(Description, true));
}

/// <summary>Columns of the legal income file: one row per party and year.</summary>
public static class IncomeSchema
{
    public const string PartyId = "party_id";
    public const string Year = "year";
    public const string Amount = "amount";
    public const string Source = "source";

    public static ParquetSchema Parquet { get; } = new(
        new DataField<string>(PartyId, false),
        new DataField<int>(Year, false),
        new DecimalDataField(Amount, TransactionSchema.AmountPrecision, TransactionSchema.AmountScale, isNullable: false),
        new DataField<string>(Source, false));
}
