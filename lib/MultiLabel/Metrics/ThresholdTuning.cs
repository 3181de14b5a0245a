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
        Tune(targets, scores, labelNames, kind, StreamingMetrics.DefaultElementBudget);

    internal static TunedThresholds Tune(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, ScoreKind kind, long elementBudget)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        using var scope = NewDisposeScope();
        var (t, s) = MetricInputs.Prepare(targets, scores, labelNames.Count, kind);
        if (s.shape[0] == 0)
        {
            throw new ArgumentException("There are no images to tune thresholds on.", nameof(targets));
        }

        var global = Best(new SortedRuns(s.reshape(1, -1), t.reshape(1, -1)), kind)[0];
        double globalThreshold = global.Tuned ? global.Threshold : Thresholds.Default.GlobalValue;

        var perLabel = new LabelThreshold[labelNames.Count];
        long samples = s.shape[0], labels = s.shape[1];
        long block = Math.Clamp(elementBudget / samples, 1, labels);
        for (long start = 0; start < labels; start += block)
        {
            using var blockScope = NewDisposeScope();
            long count = Math.Min(block, labels - start);
            var runs = new SortedRuns(s.narrow(1, start, count).t().contiguous(), t.narrow(1, start, count).t().contiguous());
            var best = Best(runs, kind);
            for (int r = 0; r < count; r++)
            {
                int l = (int)start + r;
                perLabel[l] = best[r].Tuned
                    ? new LabelThreshold(labelNames[l], best[r].Threshold, best[r].F1, true)
                    : new LabelThreshold(labelNames[l], globalThreshold, 0.0, false);
            }
        }

        return new TunedThresholds(globalThreshold, global.F1, perLabel);
    }

    /// <summary>The best threshold of every row; Tuned is false for a row without positives.</summary>
    private static (double Threshold, double F1, bool Tuned)[] Best(SortedRuns runs, ScoreKind kind)
    {
        var positives = runs.Positives.index_select(0, runs.EndRow);
        var f1 = (2 * runs.EndTp).to(ScalarType.Float64).div(runs.EndCount + positives);
        var (bestF1, column) = runs.Scatter(f1, -1.0).max(1);
        var next = (column + 1).clamp_max(runs.Columns - 1);
        var high = runs.Sorted.gather(1, column.unsqueeze(1)).squeeze(1).to(ScalarType.Float64).cpu().data<double>().ToArray();
        var low = runs.Sorted.gather(1, next.unsqueeze(1)).squeeze(1).to(ScalarType.Float64).cpu().data<double>().ToArray();
        var columns = column.cpu().data<long>().ToArray();
        var f1s = bestF1.cpu().data<double>().ToArray();
        var p = runs.Positives.cpu().data<long>().ToArray();
        var result = new (double, double, bool)[p.Length];
        for (int r = 0; r < p.Length; r++)
        {
            bool predictsAll = columns[r] == runs.Columns - 1;
            double threshold = predictsAll ? 0.0 : ScoreSpace.ToProbability((high[r] + low[r]) / 2, kind);
            result[r] = (threshold, p[r] == 0 ? 0.0 : f1s[r], p[r] > 0);
        }

        return result;
    }
}
