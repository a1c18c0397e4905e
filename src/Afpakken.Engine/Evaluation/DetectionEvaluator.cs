using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Scoring;

namespace Afpakken.Engine.Evaluation;

/// <summary>Metrics at one level (transactions or accounts), overall and per typology of the ground truth.</summary>
public sealed record EvaluationLevel(BinaryMetrics Overall, IReadOnlyDictionary<string, BinaryMetrics> ByTypology);

public sealed record EvaluationReport(string TruthSource, long Transactions, int Accounts, long LabelledTransactions, EvaluationLevel TransactionLevel, EvaluationLevel AccountLevel);

/// <summary>
/// Scores a detection run against labels: a transaction is positive when labelled laundering; an account is positive
/// when it sends or receives a laundering transaction (the CASH pseudo-account excepted). Per typology, only that
/// typology's labels are positive and only that typology's flags count.
/// </summary>
public static class DetectionEvaluator
{
    public static EvaluationReport Evaluate(DetectionRun run, GroundTruthLabels truth, string truthSource)
    {
        var graph = run.Graph;
        var scores = run.Scores;
        var index = new Dictionary<string, int>(truth.Count, StringComparer.Ordinal);
        for (var i = 0; i < truth.Count; i++)
        {
            index[truth.TxIds[i]] = i;
        }

        var txLabel = new bool[graph.EdgeCount];
        var txTypology = new string?[graph.EdgeCount];
        long labelled = 0;
        graph.TxIds.Find(index, (e, i) =>
        {
            labelled++;
            txLabel[e] = truth.IsLaundering[i];
            txTypology[e] = truth.IsLaundering[i] ? truth.Typology[i] ?? "unknown" : null;
        });

        var accountLabel = new bool[graph.AccountCount];
        var accountTypologies = new HashSet<string>?[graph.AccountCount];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (!txLabel[e])
            {
                continue;
            }

            foreach (var a in new[] { graph.Source[e], graph.Target[e] })
            {
                if (a != graph.CashAccount)
                {
                    accountLabel[a] = true;
                    (accountTypologies[a] ??= []).Add(txTypology[e]!);
                }
            }
        }

        var typologies = txTypology.Where(t => t is not null).Select(t => t!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var txFlag = Enumerable.Range(0, graph.EdgeCount).Select(scores.IsTxFlagged).ToArray();
        var accountFlag = Enumerable.Range(0, graph.AccountCount).Select(scores.IsAccountFlagged).ToArray();

        var txLevel = new EvaluationLevel(
            BinaryMetrics.Compute(scores.TxScores, txFlag, txLabel),
            typologies.ToDictionary(t => t, t => PerTypology(t, scores, scores.TxScores, scores.TxTypologies, e => txTypology[e] == t)));
        var accountLevel = new EvaluationLevel(
            BinaryMetrics.Compute(scores.AccountScores, accountFlag, accountLabel),
            typologies.ToDictionary(t => t, t => PerTypology(t, scores, scores.AccountScores, scores.AccountTypologies, a => accountTypologies[a]?.Contains(t) ?? false)));
        return new EvaluationReport(truthSource, graph.EdgeCount, graph.AccountCount, labelled, txLevel, accountLevel);
    }

    private static BinaryMetrics PerTypology(string typology, ScoreBook book, double[] scores, uint[] bits, Func<int, bool> label)
    {
        var bit = book.TypologyNames.ToList().IndexOf(typology) is var i and >= 0 ? 1u << i : 0u;
        var n = scores.Length;
        var s = new double[n];
        var f = new bool[n];
        var l = new bool[n];
        for (var r = 0; r < n; r++)
        {
            f[r] = bit != 0 && (bits[r] & bit) != 0;
            // Rows another typology flagged rank with the unflagged ones for this typology.
            s[r] = f[r] ? scores[r] : Math.Min(scores[r], ScoreBook.UnflaggedCeiling);
            l[r] = label(r);
        }

        return BinaryMetrics.Compute(s, f, l);
    }
}
