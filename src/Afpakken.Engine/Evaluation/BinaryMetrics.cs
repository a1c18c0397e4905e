namespace Afpakken.Engine.Evaluation;

/// <summary>Precision, recall and F1 of the flags, and the ranking quality of the scores, against one label set.</summary>
public sealed record BinaryMetrics(
    long Positives, long Flagged, long TruePositives, double Precision, double Recall, double F1, double AveragePrecision,
    int K, double PrecisionAtK)
{
    /// <param name="k">Precision at k is taken over the k highest scores; 0 means k = the number of positives.</param>
    public static BinaryMetrics Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> labels, int k = 0)
    {
        var n = scores.Length;
        long positives = 0, flags = 0, hits = 0;
        for (var i = 0; i < n; i++)
        {
            positives += labels[i] ? 1 : 0;
            flags += flagged[i] ? 1 : 0;
            hits += flagged[i] && labels[i] ? 1 : 0;
        }

        var precision = flags == 0 ? 0 : (double)hits / flags;
        var recall = positives == 0 ? 0 : (double)hits / positives;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

        // Ranking: highest score first; ties broken towards the unlabelled row so that ties never flatter.
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        var labelArray = labels.ToArray();
        Array.Sort(order, (x, y) => keys[y] != keys[x] ? keys[y].CompareTo(keys[x]) : labelArray[x].CompareTo(labelArray[y]));
        double sumPrecision = 0;
        long seen = 0;
        var atK = k > 0 ? k : (int)Math.Max(1, positives);
        long hitsAtK = 0;
        for (var rank = 0; rank < n; rank++)
        {
            if (labelArray[order[rank]])
            {
                seen++;
                sumPrecision += (double)seen / (rank + 1);
                hitsAtK += rank < atK ? 1 : 0;
            }
        }

        var ap = positives == 0 ? 0 : sumPrecision / positives;
        return new BinaryMetrics(positives, flags, hits, precision, recall, f1, ap, atK, (double)hitsAtK / Math.Min(atK, Math.Max(1, n)));
    }
}
