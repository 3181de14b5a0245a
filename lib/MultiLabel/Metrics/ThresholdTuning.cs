using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Chooses thresholds that maximise F1 on validation data, to apply to test data. Every distinct score is a
/// candidate (predict what scores at least as high, ties together); the chosen threshold lies halfway between the
/// best candidate and the next lower score, so it reproduces the best F1 on the validation data while leaving room
/// on both sides. Among candidates with equal F1 the highest threshold wins (fewer false positives); when the best
/// is to predict everything the threshold is 0.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class ThresholdTuning
{
    /// <summary>Tunes a global (micro-F1) threshold and per-label (F1) thresholds.</summary>
    /// <param name="targets">[N,L] 0/1.</param>
    /// <param name="scores">[N,L] probabilities, or logits with <paramref name="kind"/> Logits; the thresholds are probabilities either way.</param>
    /// <param name="labelNames">The label names.</param>
    /// <param name="kind">What the scores are.</param>
    /// <exception cref="ArgumentException">Bad shapes or values, or no image.</exception>
    public static TunedThresholds Tune(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, ScoreKind kind = ScoreKind.Probabilities) =>
        Tune(targets, scores, labelNames, kind, KernelOptions.Default);

    internal static TunedThresholds Tune(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, ScoreKind kind, KernelOptions kernel)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        using var scope = NewDisposeScope();
        var (t, s) = MetricInputs.Prepare(targets, scores, labelNames.Count, kind);
        if (s.shape[0] == 0)
        {
            throw new ArgumentException("There are no images to tune thresholds on.", nameof(targets));
        }

        var ranking = new Ranking(t, s, kernel);
        var global = Best(
            RunScanner.ScanAll(ranking.AllKeys.unsqueeze(0), ranking.AllPositives.unsqueeze(0), RunStatistics.BestF1, kernel),
            ranking, ranking.AllOrder.unsqueeze(0), kind)[0];
        double globalThreshold = global.Tuned ? global.Threshold : Thresholds.Default.GlobalValue;
        var best = Best(RunScanner.ScanAll(ranking.LabelKeys, ranking.LabelPositives, RunStatistics.BestF1, kernel), ranking, ranking.LabelOrder, kind);
        var perLabel = new LabelThreshold[labelNames.Count];
        for (int l = 0; l < perLabel.Length; l++)
        {
            perLabel[l] = best[l].Tuned
                ? new LabelThreshold(labelNames[l], best[l].Threshold, best[l].F1, true)
                : new LabelThreshold(labelNames[l], globalThreshold, 0.0, false);
        }

        return new TunedThresholds(globalThreshold, global.F1, perLabel);
    }

    /// <summary>
    /// The best threshold of every scanned row: halfway between the scores of the best run and of the next item;
    /// Tuned is false for a row without positives.
    /// </summary>
    private static (double Threshold, double F1, bool Tuned)[] Best(RunTotals totals, Ranking ranking, Tensor order, ScoreKind kind)
    {
        long columns = order.shape[1];
        var bestCount = totals.BestCount.unsqueeze(1);
        var high = ranking.ScoresAt(order.gather(1, bestCount - 1));
        var low = ranking.ScoresAt(order.gather(1, bestCount.clamp_max(columns - 1)));
        var counts = totals.BestCount.cpu().data<long>().ToArray();
        var f1 = totals.BestF1.cpu().data<double>().ToArray();
        var positives = totals.Positives.cpu().data<long>().ToArray();
        var result = new (double, double, bool)[counts.Length];
        for (int r = 0; r < counts.Length; r++)
        {
            bool predictsAll = counts[r] == columns;
            double threshold = predictsAll ? 0.0 : ScoreSpace.ToProbability((high[r] + low[r]) / 2, kind);
            result[r] = positives[r] == 0 ? (0.0, 0.0, false) : (threshold, f1[r], true);
        }

        return result;
    }
}
