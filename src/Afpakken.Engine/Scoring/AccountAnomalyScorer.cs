using Afpakken.Engine.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Afpakken.Engine.Scoring;

/// <summary>
/// Unsupervised anomaly score per account with ML.NET's randomized PCA on standardised, log-scaled features.
/// Used for ranking accounts that no rule flagged; it never flags on its own. The raw reconstruction error
/// is turned into a percentile rank in [0, 1] so that it is comparable across runs and worlds.
/// </summary>
public sealed class AccountAnomalyScorer
{
    private const int MaxTrainingRows = 100_000;

    private readonly int _seed;

    public AccountAnomalyScorer(int seed = 7) => _seed = seed;

    public float[] Score(AccountFeatures features)
    {
        var n = features.AccountCount;
        var percentile = new float[n];
        if (n < 10)
        {
            return percentile;
        }

        var ml = new MLContext(_seed);
        var stride = Math.Max(1, n / MaxTrainingRows);
        var training = ml.Data.LoadFromEnumerable(Rows(features, stride));
        var pipeline = ml.Transforms.NormalizeMeanVariance(nameof(FeatureRow.Features))
            .Append(ml.AnomalyDetection.Trainers.RandomizedPca(nameof(FeatureRow.Features), rank: Math.Min(3, AccountFeatures.Width - 1), ensureZeroMean: true, seed: _seed));
        var model = pipeline.Fit(training);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(Rows(features, 1)));
        var raw = scored.GetColumn<float>("Score").ToArray();

        var order = Enumerable.Range(0, n).ToArray();
        var keys = raw.ToArray();
        Array.Sort(keys, order);
        for (var rank = 0; rank < n; rank++)
        {
            percentile[order[rank]] = (float)rank / (n - 1);
        }

        return percentile;
    }

    private static IEnumerable<FeatureRow> Rows(AccountFeatures features, int stride)
    {
        for (var a = 0; a < features.AccountCount; a += stride)
        {
            yield return new FeatureRow { Features = features.Of(a).ToArray() };
        }
    }

    private sealed class FeatureRow
    {
        [VectorType(AccountFeatures.WidthConst)]
        public float[] Features { get; set; } = [];
    }
}
