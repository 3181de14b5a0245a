using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// The per-image values behind the sample-averaged metrics, one row per image: precision, recall, F1, Jaccard,
/// exact match, label ranking AP, ranking loss and coverage. Every value depends on its own image only, so a batch
/// gives the same rows whether it is evaluated alone or inside a larger set.
/// </summary>
internal static class SampleScores
{
    public const int Precision = 0;
    public const int Recall = 1;
    public const int F1 = 2;
    public const int Jaccard = 3;
    public const int ExactMatch = 4;
    public const int Lrap = 5;
    public const int RankingLoss = 6;
    public const int Coverage = 7;
    public const int Count = 8;

    /// <summary>[B,8] Float64 for targets [B,L] (Bool), scores [B,L] and predictions [B,L] (Bool).</summary>
    public static Tensor Compute(Tensor targets, Tensor scores, Tensor predicted, KernelOptions kernel)
    {
        long labels = targets.shape[1];
        var tp = targets.logical_and(predicted).sum(dim: 1, type: ScalarType.Int64);
        var predictedCount = predicted.sum(dim: 1, type: ScalarType.Int64);
        var trueCount = targets.sum(dim: 1, type: ScalarType.Int64);
        var union = predictedCount + trueCount - tp;

        // Each image's labels ranked from high to low score (ties adjacent), scanned as one row per image.
        var (sorted, order) = scores.sort(dim: 1, descending: true);
        var runs = RunScanner.ScanAll(
            sorted, targets.gather(1, order), RunStatistics.PrecisionSum | RunStatistics.WrongPairs | RunStatistics.Coverage, kernel);
        var degenerate = trueCount.eq(0).logical_or(trueCount.eq(labels));
        var lrap = runs.PrecisionSum.div(trueCount.clamp_min(1)).masked_fill(degenerate, 1.0);
        var pairs = trueCount * (labels - trueCount);
        var rankingLoss = runs.WrongPairs.to(ScalarType.Float64).div(pairs.clamp_min(1)).masked_fill(degenerate, 0.0);

        // tp is 0 whenever a denominator is 0, so tp / max(d, 1) is scikit-learn's zero_division=0.
        return stack(
            [
                Ratio(tp, predictedCount),
                Ratio(tp, trueCount),
                Ratio(2 * tp, predictedCount + trueCount),
                Ratio(tp, union),
                union.eq(tp).to(ScalarType.Float64),
                lrap,
                rankingLoss,
                runs.Coverage.to(ScalarType.Float64),
            ],
            dim: 1);
    }

    private static Tensor Ratio(Tensor numerator, Tensor denominator) =>
        numerator.to(ScalarType.Float64).div(denominator.clamp_min(1));
}
