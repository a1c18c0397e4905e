namespace Afpakken.Engine.Contract;

/// <summary>The pseudo-account on the other side of a cash deposit or withdrawal.</summary>
public static class CashAccount
{
    public const string Id = "CASH";
}

/// <summary>An account held at a bank (domain.md §2 accounts).</summary>
/// <param name="Kind">personal, business, notary_third_party, crypto_exchange, money_transfer_office, …</param>
public sealed record Account(
    string AccountId, string Holder, string Bank, DateOnly OpenedAt, DateOnly? ClosedAt, string Kind);

/// <summary>A person or company (domain.md §2 parties). Shared address, phone, e-mail and directors link straw men.</summary>
/// <param name="Kind">person or company.</param>
/// <param name="BirthDate">For persons.</param>
/// <param name="RegistrationNumber">KvK number for companies.</param>
/// <param name="RoleHint">notary, trust_office, money_transfer_office, crypto_exchanger, cash_intensive_business, or null.</param>
/// <param name="Directors">Party ids of directors / UBOs, separated by ';'.</param>
public sealed record Party(
    string PartyId, string Kind, string Name, DateOnly? BirthDate, string? RegistrationNumber,
    string? Address, string? Phone, string? Email, string? SectorCode, string? RoleHint, string? Directors);

/// <summary>An asset with its registered owner, acquisition, valuation and encumbrance (domain.md §2 assets).</summary>
/// <param name="Kind">real_estate, vehicle, vessel, bank_balance, crypto, cash, luxury_good, company_interest, receivable.</param>
/// <param name="PaidFromTxIds">Transaction ids that paid for it, separated by ';', if known.</param>
public sealed record Asset(
    string AssetId, string Kind, string Owner, DateOnly AcquiredAt, decimal AcquisitionPrice,
    decimal CurrentValue, string ValuationBasis, DateOnly ValuationDate, decimal Liabilities,
    string? LiabilityKind, string? PaidFromTxIds, string SeizureStatus, string? Description);

/// <summary>Legal income of a party in a year, with its source (tax return, wages, benefits).</summary>
public sealed record LegalIncome(string PartyId, int Year, decimal Amount, string Source);

/// <summary>The kinds of file the contract knows; the generator names files after them.</summary>
public enum ContractKind
{
    Transactions,
    Accounts,
    Parties,
    Assets,
    Income,
}
