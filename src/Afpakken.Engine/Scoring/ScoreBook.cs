using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Scoring;

/// <summary>
/// Scores for every account and every transaction of the analysed window, each exactly once. Anything an alert
/// names scores at least 0.5 and is flagged; the rest is ranked below 0.5 by the anomaly percentile, so that one
/// score orders both. The typologies that fired are kept per row as a bit set over <see cref="Contract.Typologies"/>.
/// </summary>
public sealed class ScoreBook
{
    /// <summary>Unflagged rows score in [0, this).</summary>
    public const double UnflaggedCeiling = 0.45;

    /// <summary>Accounts an alert names besides its focus get this share of the alert's score.</summary>
    public const double ParticipantShare = 0.9;

    private ScoreBook(double[] accountScores, double[] txScores, uint[] accountTypologies, uint[] txTypologies, IReadOnlyList<string> typologyNames)
    {
        AccountScores = accountScores;
        TxScores = txScores;
        AccountTypologies = accountTypologies;
        TxTypologies = txTypologies;
        TypologyNames = typologyNames;
    }

    public double[] AccountScores { get; }
    public double[] TxScores { get; }
    public uint[] AccountTypologies { get; }
    public uint[] TxTypologies { get; }
    public IReadOnlyList<string> TypologyNames { get; }

    public bool IsAccountFlagged(int account) => AccountTypologies[account] != 0;

    public bool IsTxFlagged(int edge) => TxTypologies[edge] != 0;

    public string TypologiesOf(uint bits) =>
        bits == 0 ? "" : string.Join(';', TypologyNames.Where((_, i) => (bits & (1u << i)) != 0));

    public static ScoreBook Build(FlowGraph graph, IReadOnlyList<Alert> alerts, float[] anomalyPercentile)
    {
        var names = alerts.Select(a => a.Typology).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count > 32)
        {
            throw new InvalidOperationException("More than 32 typologies do not fit the score bit set.");
        }

        var txIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var accountScores = new double[graph.AccountCount];
        var accountBits = new uint[graph.AccountCount];
        for (var a = 0; a < graph.AccountCount; a++)
        {
            accountScores[a] = UnflaggedCeiling * anomalyPercentile[a];
        }

        foreach (var alert in alerts)
        {
            var bit = 1u << names.IndexOf(alert.Typology);
            foreach (var account in alert.Accounts)
            {
                if (graph.IndexOf(account) is var a and >= 0)
                {
                    var score = account == alert.FocusAccount ? alert.Score : ParticipantShare * alert.Score;
                    accountScores[a] = Math.Max(accountScores[a] < 0.5 ? 0 : accountScores[a], Math.Max(0.5, score));
                    accountBits[a] |= bit;
                }
            }
        }

        var txScores = new double[graph.EdgeCount];
        var txBits = new uint[graph.EdgeCount];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var endpoints = Math.Max(anomalyPercentile[graph.Source[e]], anomalyPercentile[graph.Target[e]]);
            txScores[e] = UnflaggedCeiling * endpoints;
        }

        var flaggedTx = alerts.SelectMany(a => a.TxIds).ToHashSet(StringComparer.Ordinal);
        if (flaggedTx.Count > 0)
        {
            graph.TxIds.Find(flaggedTx, (e, id) => txIndex[id] = e);

            foreach (var alert in alerts)
            {
                var bit = 1u << names.IndexOf(alert.Typology);
                foreach (var tx in alert.TxIds)
                {
                    if (txIndex.TryGetValue(tx, out var e))
                    {
                        txScores[e] = Math.Max(txScores[e] < 0.5 ? 0 : txScores[e], alert.Score);
                        txBits[e] |= bit;
                    }
                }
            }
        }

        return new ScoreBook(accountScores, txScores, accountBits, txBits, names);
    }
}
