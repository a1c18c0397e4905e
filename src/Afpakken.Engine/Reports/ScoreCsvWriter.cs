using System.Globalization;
using System.Text;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Scoring;

namespace Afpakken.Engine.Reports;

/// <summary>
/// Writes <c>transaction_scores.csv</c> (tx_id,score,flagged,typologies) and <c>account_scores.csv</c>
/// (account,score,flagged,typologies): every row of the analysed window exactly once; flagged is 1 or 0.
/// Files are written aside and renamed, so a reader never sees half a file.
/// </summary>
public static class ScoreCsvWriter
{
    public const string TransactionScoresFile = "transaction_scores.csv";
    public const string AccountScoresFile = "account_scores.csv";

    public static async Task WriteAsync(string outputDirectory, FlowGraph graph, ScoreBook scores, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        await WriteAsync(Path.Combine(outputDirectory, TransactionScoresFile), "tx_id,score,flagged,typologies", graph.EdgeCount,
            (w, e) => Row(w, graph.TxIds[e], scores.TxScores[e], scores.TxTypologies[e], scores), cancellationToken);
        await WriteAsync(Path.Combine(outputDirectory, AccountScoresFile), "account,score,flagged,typologies", graph.AccountCount,
            (w, a) => Row(w, graph.Accounts[a], scores.AccountScores[a], scores.AccountTypologies[a], scores), cancellationToken);
    }

    private static void Row(StreamWriter writer, string id, double score, uint typologies, ScoreBook scores)
    {
        writer.Write(CsvText.Quote(id));
        writer.Write(',');
        writer.Write(score.ToString("0.######", CultureInfo.InvariantCulture));
        writer.Write(typologies != 0 ? ",1," : ",0,");
        writer.Write(scores.TypologiesOf(typologies));
        writer.Write('\n');
    }

    private static async Task WriteAsync(string path, string header, int rows, Action<StreamWriter, int> row, CancellationToken cancellationToken)
    {
        var aside = path + ".tmp";
        await using (var writer = new StreamWriter(aside, false, new UTF8Encoding(false), 1 << 20))
        {
            await writer.WriteAsync(header + "\n");
            for (var i = 0; i < rows; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                row(writer, i);
            }
        }

        File.Move(aside, path, overwrite: true);
    }
}
