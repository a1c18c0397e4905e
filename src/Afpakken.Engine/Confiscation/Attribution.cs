using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Confiscation;

/// <summary>An alert whose proceeds count for a subject, and which of the subject's accounts made it so.</summary>
/// <param name="Share">
/// How much of the alert's money is on the subject's side: 1 when the subject's account is its focus, else the share its
/// accounts sent in (as origins) or took out (as ends) — it weighs the alert as evidence against the subject.
/// </param>
public sealed record AttributedAlert(Alert Alert, IReadOnlyList<FlowTransaction> Transactions, IReadOnlyList<string> Accounts, string Reason, double Share = 1.0);

/// <summary>
/// Which alerts' proceeds belong to a subject. An alert counts when an account the subject controls is the alert's
/// focus, or is an origin (sends, receives nothing in the alert; not for collecting typologies, whose senders are
/// payers) or an end (receives, sends nothing) of the alert's money carrying at least
/// <see cref="AttributionSettings.MinFlowShare"/> of the alert's amount (the subject's accounts together) (structuring on a
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

            var flows = Flows(alert, txs, excludedAccounts, assetPaymentTxIds, settings);
            var hits = Side(flows, settings, controlledAccounts);
            if (hits.Count > 0)
            {
                result.Add(new AttributedAlert(alert, txs, [.. hits.Select(h => h.Account).Distinct(StringComparer.Ordinal)], string.Join("; ", hits.Select(h => h.Reason)),
                    ShareOf(flows, controlledAccounts)));
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
        Alert alert, IReadOnlyList<FlowTransaction> txs, IReadOnlySet<string> excludedAccounts, IReadOnlySet<string> assetPaymentTxIds, AttributionSettings settings) =>
        Side(Flows(alert, txs, excludedAccounts, assetPaymentTxIds, settings), settings, controlled: null);

    /// <summary>
    /// The focus (when eligible) and the origins and ends with the share of the alert's money each carries. With a set
    /// of controlled accounts, the origins (or ends) among them count together: a subject who takes the money in on two
    /// of its accounts, 30 % each, received 60 % of it.
    /// </summary>
    private static List<(string Account, string Reason)> Side(AlertFlows flows, AttributionSettings settings, IReadOnlySet<string>? controlled)
    {
        var (alert, amount, focusEligible, origins, ends) = flows;
        var side = new List<(string, string)>();
        if (focusEligible && (controlled is null || controlled.Contains(alert.FocusAccount)))
        {
            side.Add((alert.FocusAccount, $"{alert.FocusAccount} is the focus of {alert.Typology} alert {alert.AlertId}"));
        }

        if (amount <= 0)
        {
            return side;
        }

        var min = (decimal)settings.MinFlowShare * amount;
        foreach (var (accounts, verb) in new[] { (origins, "came from"), (ends, "ended") })
        {
            var ours = controlled is null ? accounts : accounts.Where(x => controlled.Contains(x.Account)).ToList();
            var together = controlled is not null && ours.Sum(x => x.Value) >= min;
            foreach (var (account, value) in ours)
            {
                if (value >= min || together)
                {
                    side.Add((account, $"{account} is where {value / amount:P0} of the money of {alert.Typology} alert {alert.AlertId} {verb}" +
                        (value < min ? string.Create(CultureInfo.InvariantCulture, $" ({ours.Sum(x => x.Value) / amount:P0} with the subject's other accounts)") : "")));
                }
            }
        }

        return side;
    }

    /// <summary>1 when a controlled account is the focus, else the larger of the shares its origins sent and its ends received.</summary>
    private static double ShareOf(AlertFlows flows, IReadOnlySet<string> controlled)
    {
        if (flows.FocusEligible && controlled.Contains(flows.Alert.FocusAccount))
        {
            return 1.0;
        }

        if (flows.Amount <= 0)
        {
            return 0.0;
        }

        var sent = flows.Origins.Where(x => controlled.Contains(x.Account)).Sum(x => x.Value);
        var taken = flows.Ends.Where(x => controlled.Contains(x.Account)).Sum(x => x.Value);
        return Math.Min(1.0, (double)(Math.Max(sent, taken) / flows.Amount));
    }

    private sealed record AlertFlows(Alert Alert, decimal Amount, bool FocusEligible, List<(string Account, decimal Value)> Origins, List<(string Account, decimal Value)> Ends);

    private static AlertFlows Flows(
        Alert alert, IReadOnlyList<FlowTransaction> txs, IReadOnlySet<string> excludedAccounts, IReadOnlySet<string> assetPaymentTxIds, AttributionSettings settings)
    {
        bool Eligible(string account) => account != CashAccount.Id && !excludedAccounts.Contains(account);

        var amount = alert.TotalAmount > 0 ? alert.TotalAmount : txs.Sum(t => t.Amount);

        // A focus paid mostly for registered assets is their seller (a car dealer, a notary's client account), not the
        // beneficiary of the buyers' money.
        var sold = txs.Where(t => t.ToAccount == alert.FocusAccount && assetPaymentTxIds.Contains(t.TxId)).Sum(t => t.Amount);
        var focusEligible = Eligible(alert.FocusAccount) && !(amount > 0 && sold >= (decimal)settings.MinFlowShare * amount);

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

        // Into a collecting structure (a funnel, a mule, smurfed cash, a collection) the senders are payers — victims,
        // smurfs, customers, diaspora — not whom it benefits.
        var payers = settings.Payers.Contains(alert.Typology, StringComparer.Ordinal);
        var origins = payers ? [] : sent.Where(kv => kv.Key != alert.FocusAccount && Eligible(kv.Key) && !received.ContainsKey(kv.Key) && kv.Value > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToList();
        var ends = received.Where(kv => kv.Key != alert.FocusAccount && Eligible(kv.Key) && !sent.ContainsKey(kv.Key) && kv.Value > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToList();
        return new AlertFlows(alert, amount, focusEligible, origins, ends);
    }
}
