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
    /// <remarks>With no image every ratio is 0 and AP and ROC AUC are null (scikit-learn raises an error instead).</remarks>
    /// <exception cref="ArgumentException">Wrong shapes, non-binary targets, NaN or infinite scores, or probabilities outside [0, 1].</exception>
    public static EvaluationResult Evaluate(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, Thresholds? thresholds = null, ScoreKind kind = ScoreKind.Probabilities) =>
        Evaluate(targets, scores, labelNames, thresholds, kind, KernelOptions.Default);

    /// <summary>Computes every metric of probabilities at one threshold: the short form the trainer uses.</summary>
    public static EvaluationResult Evaluate(Tensor targets, Tensor probabilities, LabelVocabulary labels, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Evaluate(targets, probabilities, labels.Names, Thresholds.Global(threshold));
    }

    /// <summary>As the public overload, with the kernel choices tests use (tiny blocks, tensor scans on the CPU).</summary>
    internal static EvaluationResult Evaluate(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, Thresholds? thresholds, ScoreKind kind, KernelOptions kernel)
    {
        using var metrics = new StreamingMetrics(labelNames, thresholds, kind, kernel);
        metrics.Update(targets, scores, borrow: true);
        return metrics.Compute();
    }
}
