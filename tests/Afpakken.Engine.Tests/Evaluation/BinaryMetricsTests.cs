using Afpakken.Engine.Evaluation;

namespace Afpakken.Engine.Tests.Evaluation;

public class BinaryMetricsTests
{
    [Fact]
    public void Precision_recall_f1_average_precision_and_precision_at_k_by_hand()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.2];
        bool[] flagged = [true, true, false, false];
        bool[] labels = [true, false, true, false];

        var m = BinaryMetrics.Compute(scores, flagged, labels);

        Assert.Equal((2L, 2L, 1L), (m.Positives, m.Flagged, m.TruePositives));
        Assert.Equal((0.5, 0.5, 0.5), (m.Precision, m.Recall, m.F1));
        Assert.Equal((1.0 + (2.0 / 3.0)) / 2, m.AveragePrecision, 12);
        Assert.Equal((2, 0.5), (m.K, m.PrecisionAtK));
    }

    [Fact]
    public void Ties_never_flatter_the_ranking()
    {
        var m = BinaryMetrics.Compute([0.5, 0.5], [false, false], [true, false]);

        Assert.Equal(0.5, m.AveragePrecision, 12);
        Assert.Equal(0.0, m.PrecisionAtK);
    }

    [Fact]
    public void No_flags_and_no_positives_give_zeros_not_errors()
    {
        var m = BinaryMetrics.Compute([0.1, 0.2], [false, false], [false, false]);

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (m.Precision, m.Recall, m.F1, m.AveragePrecision));
    }
}
