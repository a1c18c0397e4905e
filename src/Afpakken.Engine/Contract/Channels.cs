using System.Collections.Frozen;

namespace Afpakken.Engine.Contract;

/// <summary>The canonical payment channels of the data contract (docs/data-contract.md).</summary>
public static class Channels
{
    public const string Wire = "wire";
    public const string CashDeposit = "cash_deposit";
    public const string CashWithdrawal = "cash_withdrawal";
    public const string Card = "card";
    public const string Cheque = "cheque";
    public const string Ach = "ach";
    public const string Crypto = "crypto";
    public const string MoneyTransfer = "money_transfer";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
        [Wire, CashDeposit, CashWithdrawal, Card, Cheque, Ach, Crypto, MoneyTransfer, Other];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string channel) => Known.Contains(channel);
}
