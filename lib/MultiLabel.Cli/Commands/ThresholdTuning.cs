using System.Text.Json;
using MultiLabel.Data;
using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// <c>--tune-thresholds</c>: each label's threshold is the one of 0.05, 0.10, ..., 0.95 with the best validation F1
/// (ties: the one nearest 0.5). A seam: the threshold tuning of Metrics/ replaces this search when it lands.
/// </summary>
internal static class ThresholdTuning
{
    public const string FileName = "thresholds.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static double[] Tune(Tensor targets, Tensor probabilities, LabelVocabulary labels)
    {
        var best = new double[labels.Count];
        var bestF1 = Enumerable.Repeat(-1.0, labels.Count).ToArray();
        for (int step = 1; step <= 19; step++)
        {
            double threshold = step * 0.05;
            var result = MultiLabelMetrics.Evaluate(targets, probabilities, labels, threshold);
            for (int l = 0; l < labels.Count; l++)
            {
                double f1 = result.PerLabel[l].F1;
                if (f1 > bestF1[l] + 1e-12 || (Math.Abs(f1 - bestF1[l]) <= 1e-12 && Math.Abs(threshold - 0.5) < Math.Abs(best[l] - 0.5)))
                {
                    bestF1[l] = f1;
                    best[l] = threshold;
                }
            }
        }

        return best;
    }

    /// <summary>Metrics with one threshold per label: shifting each column by (0.5 - t_l) makes 0.5 the cut for all.</summary>
    public static EvaluationResult Evaluate(Tensor targets, Tensor probabilities, LabelVocabulary labels, double[] thresholds)
    {
        using var scope = NewDisposeScope();
        var shift = tensor(thresholds.Select(t => (float)(0.5 - t)).ToArray()).to(probabilities.dtype);
        return MultiLabelMetrics.Evaluate(targets, probabilities + shift, labels, 0.5);
    }

    public static string ToJson(LabelVocabulary labels, double[] thresholds) =>
        JsonSerializer.Serialize(labels.Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => thresholds[p.i]), Json);

    public static Dictionary<string, double>? Read(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) : null;
    }
}
