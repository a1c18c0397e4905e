using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Confiscation;

/// <summary>An alert whose proceeds count for a subject, and which of the subject's accounts made it so.</summary>
public sealed record AttributedAlert(Alert Alert, IReadOnlyList<FlowTransaction> Transactions, IReadOnlyList<string> Accounts, string Reason);

/// <summary>
/// Which alerts' proceeds belong to a subject. An alert counts when an account the subject controls is the alert's
/// focus, or is an origin (sends, receives nothing in the alert) or an end (receives, sends nothing) of the alert's
/// money carrying at least <see cref="AttributionSettings.MinFlowShare"/> of the alert's amount (structuring on a
/// registered cash business's account excepted, see <see cref="IsCashTrade"/>). Accounts paid for a
/// registered asset (sellers) and the buyers' side of such payments, gatekeeper accounts and the CASH pseudo-account are never beneficiaries. The proceeds
/// of an alert are its <see cref="Alert.TotalAmount"/>: the money entering the structure as each detector defines it.
/// </summary>
public static class Attribution
{
    public static IReadOnlyList<AttributedAlert> For(
        IReadOnlySet<string> controlledAccounts, IEnumerable<(Alert Alert, IReadOnlyList<FlowTransaction> Transactions)> alerts,
        IReadOnlySet<string> excludedAccounts, IReadOnlySet<string> assetPaymentTxIds, AttributionSettings settings, IReadOnlySet<string>? cashTradeAccounts = null)
    {
        var result = new List<AttributedAlert>();
        foreach (var (alert, txs) in alerts)
        {
            if (IsCashTrade(alert, cashTradeAccounts))
            {
                continue;
            }

            var hits = BeneficiarySide(alert, txs, excludedAccounts, assetPaymentTxIds, settings)
                .Where(x => controlledAccounts.Contains(x.Account)).ToList();
            if (hits.Count > 0)
            {
                result.Add(new AttributedAlert(alert, txs, [.. hits.Select(h => h.Account)], string.Join("; ", hits.Select(h => h.Reason))));
            }
        }

        return result;
    }

    /// <summary>
    /// Structuring on the account of a registered cash-intensive business is its trade, not proof of proceeds: cash
    /// deposits near a threshold are what such a business makes. Whether its cash is out of proportion is the
    /// cash-intensive-front typology's question.
    /// </summary>
    public static bool IsCashTrade(Alert alert, IReadOnlySet<string>? cashTradeAccounts) =>
        cashTradeAccounts is not null && alert.Typology == Typologies.Structuring && cashTradeAccounts.Contains(alert.FocusAccount);

    /// <summary>The accounts on the beneficiary side of an alert: its focus, and origins and ends carrying enough of its money.</summary>
    public static IReadOnlyList<(string Account, string Reason)> BeneficiarySide(
        Alert alert, IReadOnlyList<FlowTransaction> txs, IReadOnlySet<string> excludedAccounts, IReadOnlySet<string> assetPaymentTxIds, AttributionSettings settings)
    {
        bool Eligible(string account) => account != CashAccount.Id && !excludedAccounts.Contains(account);

        var side = new List<(string, string)>();
        var amount = alert.TotalAmount > 0 ? alert.TotalAmount : txs.Sum(t => t.Amount);
        var min = (decimal)settings.MinFlowShare * amount;

        // A focus paid mostly for registered assets is their seller (a car dealer, a notary's client account), not the
        // beneficiary of the buyers' money.
        var sold = txs.Where(t => t.ToAccount == alert.FocusAccount && assetPaymentTxIds.Contains(t.TxId)).Sum(t => t.Amount);
        if (Eligible(alert.FocusAccount) && !(amount > 0 && sold >= min))
        {
            side.Add((alert.FocusAccount, $"{alert.FocusAccount} is the focus of {alert.Typology} alert {alert.AlertId}"));
        }

        if (amount <= 0)
        {
            return side;
        }

        var sent = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var received = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var tx in txs)
        {
            // A payment for a registered asset is spending on both sides: the buyer is not where the money came
            // from and the seller is not where it ended (the straw-man detector covers who the asset is for).
            var spending = assetPaymentTxIds.Contains(tx.TxId);
            sent[tx.FromAccount] = sent.GetValueOrDefault(tx.FromAccount) + (spending ? 0 : tx.Amount);
            received[tx.ToAccount] = received.GetValueOrDefault(tx.ToAccount) + (spending ? 0 : tx.Amount);
        }

        foreach (var (account, value) in sent.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (account != alert.FocusAccount && Eligible(account) && !received.ContainsKey(account) && value >= min)
            {
                side.Add((account, $"{account} is where {value / amount:P0} of the money of {alert.Typology} alert {alert.AlertId} came from"));
            }
        }

        foreach (var (account, value) in received.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (account != alert.FocusAccount && Eligible(account) && !sent.ContainsKey(account) && value >= min)
            {
                side.Add((account, $"{account} is where {value / amount:P0} of the money of {alert.Typology} alert {alert.AlertId} ended"));
            }
        }

        return side;
    }
}
