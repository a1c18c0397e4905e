using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Confiscation;

/// <summary>An alert whose proceeds count for a subject, and which of the subject's accounts made it so.</summary>
public sealed record AttributedAlert(Alert Alert, IReadOnlyList<FlowTransaction> Transactions, IReadOnlyList<string> Accounts, string Reason);

/// <summary>
/// Which alerts' proceeds belong to a subject. An alert counts when an account the subject controls is the alert's
/// focus, or is an origin (sends, receives nothing in the alert) or an end (receives, sends nothing) of the alert's
/// money carrying at least <see cref="AttributionSettings.MinFlowShare"/> of the alert's amount. Accounts paid for a
/// registered asset (sellers), gatekeeper accounts and the CASH pseudo-account are never beneficiaries. The proceeds
/// of an alert are its <see cref="Alert.TotalAmount"/>: the money entering the structure as each detector defines it.
/// </summary>
public static class Attribution
{
    public static IReadOnlyList<AttributedAlert> For(
        IReadOnlySet<string> controlledAccounts, IEnumerable<(Alert Alert, IReadOnlyList<FlowTransaction> Transactions)> alerts,
        IReadOnlySet<string> excludedAccounts, IReadOnlySet<string> assetPaymentTxIds, AttributionSettings settings)
    {
        var result = new List<AttributedAlert>();
        foreach (var (alert, txs) in alerts)
        {
            var hits = BeneficiarySide(alert, txs, excludedAccounts, assetPaymentTxIds, settings)
                .Where(x => controlledAccounts.Contains(x.Account)).ToList();
            if (hits.Count > 0)
            {
                result.Add(new AttributedAlert(alert, txs, [.. hits.Select(h => h.Account)], string.Join("; ", hits.Select(h => h.Reason))));
            }
        }

        return result;
    }

    /// <summary>The accounts on the beneficiary side of an alert: its focus, and origins and ends carrying enough of its money.</summary>
    public static IReadOnlyList<(string Account, string Reason)> BeneficiarySide(
        Alert alert, IReadOnlyList<FlowTransaction> txs, IReadOnlySet<string> excludedAccounts, IReadOnlySet<string> assetPaymentTxIds, AttributionSettings settings)
    {
        bool Eligible(string account) => account != CashAccount.Id && !excludedAccounts.Contains(account);

        var side = new List<(string, string)>();
        if (Eligible(alert.FocusAccount))
        {
            side.Add((alert.FocusAccount, $"{alert.FocusAccount} is the focus of {alert.Typology} alert {alert.AlertId}"));
        }

        var amount = alert.TotalAmount > 0 ? alert.TotalAmount : txs.Sum(t => t.Amount);
        if (amount <= 0)
        {
            return side;
        }

        var sent = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var received = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var tx in txs)
        {
            sent[tx.FromAccount] = sent.GetValueOrDefault(tx.FromAccount) + tx.Amount;
            if (!assetPaymentTxIds.Contains(tx.TxId))
            {
                received[tx.ToAccount] = received.GetValueOrDefault(tx.ToAccount) + tx.Amount;
            }
            else
            {
                received.TryAdd(tx.ToAccount, 0);
            }
        }

        var min = (decimal)settings.MinFlowShare * amount;
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
