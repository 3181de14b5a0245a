using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>Average precision and ROC AUC per label (columns ranked over all images) and micro (all cells ranked together).</summary>
internal static class LabelRanking
{
    /// <summary>Per-label AP (null without positives) and ROC AUC (null with a single class), labels processed in blocks.</summary>
    public static (double?[] AveragePrecision, double?[] RocAuc) PerLabel(Tensor targets, Tensor scores, long elementBudget)
    {
        long samples = scores.shape[0], labels = scores.shape[1];
        var ap = new double?[labels];
        var auc = new double?[labels];
        long block = Math.Clamp(elementBudget / Math.Max(1, samples), 1, labels);
        for (long start = 0; start < labels; start += block)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(block, labels - start);
            var runs = new SortedRuns(scores.narrow(1, start, count).t().contiguous(), targets.narrow(1, start, count).t().contiguous());
            Fill(runs, ap, auc, (int)start);
        }

        return (ap, auc);
    }

    /// <summary>AP and ROC AUC of all (image, label) cells ranked together.</summary>
    public static (double? AveragePrecision, double? RocAuc) Micro(Tensor targets, Tensor scores)
    {
        using var scope = NewDisposeScope();
        var runs = new SortedRuns(scores.reshape(1, -1), targets.reshape(1, -1));
        var ap = new double?[1];
        var auc = new double?[1];
        Fill(runs, ap, auc, 0);
        return (ap[0], auc[0]);
    }

    private static void Fill(SortedRuns runs, double?[] ap, double?[] auc, int offset)
    {
        var positives = runs.Positives.cpu().data<long>().ToArray();
        var precisionSum = runs.PrecisionSum().cpu().data<double>().ToArray();
        var twicePairs = runs.TwiceCorrectPairs().cpu().data<long>().ToArray();
        for (int r = 0; r < positives.Length; r++)
        {
            long p = positives[r], n = runs.Columns - p;
            ap[offset + r] = p == 0 ? null : precisionSum[r] / p;
            auc[offset + r] = p == 0 || n == 0 ? null : twicePairs[r] / (2.0 * p * n);
        }
    }
}
