using MultiLabel.Data;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Multi-label metrics of targets [N,L] (0/1) and scores [N,L] (probabilities, or logits) in one call; a label is
/// predicted when its probability is at least its threshold. Every value equals scikit-learn's (see
/// <see cref="EvaluationResult"/>); the work runs as tensor operations on the scores' device, in blocks that keep
/// memory bounded. For batch-by-batch evaluation use <see cref="StreamingMetrics"/>, which gives identical results.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class MultiLabelMetrics
{
    /// <summary>Computes every metric at <paramref name="thresholds"/> (default: 0.5 for all labels).</summary>
    /// <exception cref="ArgumentException">Wrong shapes, non-binary targets, NaN or infinite scores, probabilities outside [0, 1], or no image.</exception>
    public static EvaluationResult Evaluate(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, Thresholds? thresholds = null, ScoreKind kind = ScoreKind.Probabilities) =>
        Evaluate(targets, scores, labelNames, thresholds, kind, StreamingMetrics.DefaultElementBudget);

    /// <summary>Computes every metric of probabilities at one threshold: the short form the trainer uses.</summary>
    public static EvaluationResult Evaluate(Tensor targets, Tensor probabilities, LabelVocabulary labels, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Evaluate(targets, probabilities, labels.Names, Thresholds.Global(threshold));
    }

    /// <summary>As the public overload, with the kernel size tests use to cross block boundaries.</summary>
    internal static EvaluationResult Evaluate(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, Thresholds? thresholds, ScoreKind kind, long elementBudget)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.dim() >= 1 && targets.shape[0] == 0)
        {
            throw new ArgumentException("There are no images to evaluate (targets have 0 rows).", nameof(targets));
        }

        using var metrics = new StreamingMetrics(labelNames, thresholds, kind, elementBudget);
        metrics.Update(targets, scores);
        return metrics.Compute();
    }
}
