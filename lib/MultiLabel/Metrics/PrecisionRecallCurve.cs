using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Precision and recall of one label at every distinct score used as threshold, in scikit-learn's
/// <c>precision_recall_curve</c> layout: thresholds ascending, and a final point (precision 1, recall 0) without
/// threshold. Average precision is the area under this step curve. A label with no positive image has recall 1
/// everywhere, as in scikit-learn.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="Precision">Precision per threshold, then 1.</param>
/// <param name="Recall">Recall per threshold (decreasing), then 0.</param>
/// <param name="Thresholds">The distinct scores as probabilities, ascending (one fewer than the other two lists).</param>
public sealed record PrecisionRecallCurve(IReadOnlyList<double> Precision, IReadOnlyList<double> Recall, IReadOnlyList<double> Thresholds)
{
    /// <summary>The curve of every label of targets [N,L] and scores [N,L].</summary>
    /// <exception cref="ArgumentException">Bad shapes or values, or no image.</exception>
    public static IReadOnlyList<PrecisionRecallCurve> ForLabels(Tensor targets, Tensor scores, ScoreKind kind = ScoreKind.Probabilities)
    {
        ArgumentNullException.ThrowIfNull(scores);
        using var scope = NewDisposeScope();
        int labels = scores.dim() == 2 ? (int)scores.shape[1] : -1;
        var (t, s) = MetricInputs.Prepare(targets, scores, labels, kind);
        if (s.shape[0] == 0)
        {
            throw new ArgumentException("There are no images.", nameof(targets));
        }

        var ranking = new Ranking(t, s, KernelOptions.Default);
        var curves = new PrecisionRecallCurve[labels];
        long samples = s.shape[0];
        for (int l = 0; l < labels; l++)
        {
            using var labelScope = NewDisposeScope();
            var keys = ranking.LabelKeys[l];
            var isEnd = cat([keys.narrow(0, 0, samples - 1).ne(keys.narrow(0, 1, samples - 1)), ones(1, ScalarType.Bool, keys.device)]);
            var tp = ranking.LabelPositives[l].cumsum(0, ScalarType.Int64);
            curves[l] = FromRuns(
                tp.masked_select(isEnd).cpu().data<long>().ToArray(),
                arange(1, samples + 1, ScalarType.Int64, keys.device).masked_select(isEnd).cpu().data<long>().ToArray(),
                ranking.ScoresAt(ranking.LabelOrder[l].masked_select(isEnd)),
                tp[samples - 1].item<long>(),
                kind);
        }

        return curves;
    }

    /// <summary>The curve of one label: targets [N] and scores [N].</summary>
    public static PrecisionRecallCurve Compute(Tensor targets, Tensor scores, ScoreKind kind = ScoreKind.Probabilities)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(scores);
        return ForLabels(targets.reshape(-1, 1), scores.reshape(-1, 1), kind)[0];
    }

    private static PrecisionRecallCurve FromRuns(long[] tp, long[] predicted, double[] score, long positives, ScoreKind kind)
    {
        int n = tp.Length;
        var precision = new double[n + 1];
        var recall = new double[n + 1];
        var thresholds = new double[n];
        for (int i = 0; i < n; i++)
        {
            int run = n - 1 - i; // ascending thresholds: the last (lowest) run first
            precision[i] = (double)tp[run] / predicted[run];
            recall[i] = positives == 0 ? 1.0 : (double)tp[run] / positives;
            thresholds[i] = ScoreSpace.ToProbability(score[run], kind);
        }

        precision[n] = 1.0;
        recall[n] = 0.0;
        return new PrecisionRecallCurve(precision, recall, thresholds);
    }
}
