using MultiLabel.Data;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Multi-label metrics from targets [N,L] (0/1) and probabilities [N,L] at a threshold: a label is predicted when
/// its probability is at least the threshold.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class MultiLabelMetrics
{
    /// <summary>Computes <see cref="EvaluationResult"/>.</summary>
    public static EvaluationResult Evaluate(Tensor targets, Tensor probabilities, LabelVocabulary labels, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (!targets.shape.SequenceEqual(probabilities.shape) || targets.dim() != 2 || targets.shape[1] != labels.Count)
        {
            throw new ArgumentException(
                $"targets [{string.Join(",", targets.shape)}] and probabilities [{string.Join(",", probabilities.shape)}] must both be [N,{labels.Count}].");
        }

        using var scope = NewDisposeScope();
        var truth = targets.to(ScalarType.Bool, CPU);
        var predicted = probabilities.to(CPU).ge(threshold);
        long n = targets.shape[0];
        var tp = (truth & predicted).to(ScalarType.Int64).sum(dim: 0).data<long>().ToArray();
        var fp = (~truth & predicted).to(ScalarType.Int64).sum(dim: 0).data<long>().ToArray();
        var fn = (truth & ~predicted).to(ScalarType.Int64).sum(dim: 0).data<long>().ToArray();
        var perLabel = new LabelMetrics[labels.Count];
        for (int l = 0; l < labels.Count; l++)
        {
            var counts = new LabelCounts(tp[l], fp[l], fn[l], n - tp[l] - fp[l] - fn[l]);
            perLabel[l] = new LabelMetrics(labels[l], counts.Precision, counts.Recall, counts.F1, counts.Support, counts);
        }

        long sumTp = tp.Sum(), sumFp = fp.Sum(), sumFn = fn.Sum();
        double f1Micro = LabelCounts.Ratio(2 * sumTp, (2 * sumTp) + sumFp + sumFn);
        double f1Macro = labels.Count == 0 ? 0 : perLabel.Average(m => m.F1);
        double hamming = n == 0 ? 0 : (double)(sumFp + sumFn) / (n * labels.Count);
        long exact = n == 0 ? 0 : truth.eq(predicted).all(1).to(ScalarType.Int64).sum().item<long>();
        double subset = n == 0 ? 0 : (double)exact / n;
        return new EvaluationResult(f1Micro, f1Macro, hamming, subset, perLabel);
    }
}
