using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>Average precision and ROC AUC per label (each column ranked over all images) and micro (all cells ranked together).</summary>
internal static class LabelRanking
{
    private const RunStatistics Needed = RunStatistics.PrecisionSum | RunStatistics.CorrectPairs;

    /// <summary>
    /// Per-label AP (null without positives) and ROC AUC (null with a single class), and the same over all cells.
    /// </summary>
    public static (double?[] AveragePrecision, double?[] RocAuc, double? MicroAveragePrecision, double? MicroRocAuc) Compute(
        Tensor targets, Tensor scores, KernelOptions kernel)
    {
        if (kernel.ScansManaged(scores))
        {
            return ManagedLabelRanking.Compute(targets, scores);
        }

        using var scope = NewDisposeScope();
        var ranking = new Ranking(targets, scores, kernel);
        var (ap, auc) = Read(RunScanner.ScanAll(ranking.LabelKeys, ranking.LabelPositives, Needed, kernel), ranking.Samples);
        var (microAp, microAuc) = Read(
            RunScanner.ScanAll(ranking.AllKeys.unsqueeze(0), ranking.AllPositives.unsqueeze(0), Needed, kernel),
            ranking.Samples * ranking.Labels);
        return (ap, auc, microAp[0], microAuc[0]);
    }

    private static (double?[] Ap, double?[] Auc) Read(RunTotals totals, long rowLength)
    {
        var positives = totals.Positives.cpu().data<long>().ToArray();
        var precisionSum = totals.PrecisionSum.cpu().data<double>().ToArray();
        var twicePairs = totals.CorrectPairs.cpu().data<long>().ToArray();
        var ap = new double?[positives.Length];
        var auc = new double?[positives.Length];
        for (int r = 0; r < positives.Length; r++)
        {
            long p = positives[r], n = rowLength - p;
            ap[r] = p == 0 ? null : precisionSum[r] / p;
            auc[r] = p == 0 || n == 0 ? null : twicePairs[r] / (2.0 * p * n);
        }

        return (ap, auc);
    }
}
