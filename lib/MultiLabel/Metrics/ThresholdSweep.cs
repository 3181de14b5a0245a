using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Computes a <see cref="SweepCurve"/>: the scores at every threshold of a grid, exactly (no binning).
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class ThresholdSweep
{
    /// <summary>0, 0.01, ..., 1.</summary>
    public static IReadOnlyList<double> DefaultGrid { get; } = Enumerable.Range(0, 101).Select(i => i / 100.0).ToArray();

    /// <summary>Scores at each threshold of <paramref name="grid"/> (default <see cref="DefaultGrid"/>).</summary>
    /// <exception cref="ArgumentException">Bad shapes or values, a grid value outside [0, 1], or no image.</exception>
    public static SweepCurve Compute(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, ScoreKind kind = ScoreKind.Probabilities, IReadOnlyList<double>? grid = null) =>
        Compute(targets, scores, labelNames, kind, grid, KernelOptions.Default);

    internal static SweepCurve Compute(Tensor targets, Tensor scores, IReadOnlyList<string> labelNames, ScoreKind kind, IReadOnlyList<double>? grid, KernelOptions kernel)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        grid ??= DefaultGrid;
        if (grid.Count == 0 || grid.Any(g => !(g >= 0 && g <= 1)))
        {
            throw new ArgumentException("The grid needs at least one threshold, each in [0, 1].", nameof(grid));
        }

        using var scope = NewDisposeScope();
        var (t, s) = MetricInputs.Prepare(targets, scores, labelNames.Count, kind);
        long samples = s.shape[0], labels = s.shape[1];
        if (samples == 0)
        {
            throw new ArgumentException("There are no images to sweep.", nameof(targets));
        }

        // tp[l, g] and predicted[l, g]: label l at grid threshold g. Items scored >= g are a prefix of the label's
        // ranked row: its length is the number of keys <= the key of g.
        var ranking = new Ranking(t, s, kernel);
        var queryKeys = RankKeys.Of(ScoreSpace.ThresholdTensor(grid, kind, s.dtype, s.device));
        var tp = new long[labels, grid.Count];
        var predicted = new long[labels, grid.Count];
        var positives = ranking.LabelPositives.sum(dim: 1, type: ScalarType.Int64).cpu().data<long>().ToArray();
        long block = Math.Clamp(kernel.ElementBudget / samples, 1, labels);
        for (long start = 0; start < labels; start += block)
        {
            using var blockScope = NewDisposeScope();
            long count = Math.Min(block, labels - start);
            var atLeast = searchsorted(ranking.LabelKeys.narrow(0, start, count), queryKeys.unsqueeze(0).expand(count, -1).contiguous(), right: true);
            var cumulative = ranking.LabelPositives.narrow(0, start, count).cumsum(1, ScalarType.Int64);
            var tpAt = cumulative.gather(1, (atLeast - 1).clamp_min(0)).masked_fill(atLeast.eq(0), 0);
            Copy(atLeast, predicted, start);
            Copy(tpAt, tp, start);
        }

        var points = new SweepPoint[grid.Count];
        for (int g = 0; g < grid.Count; g++)
        {
            var perLabel = new double[labels];
            long sumTp = 0, sumFp = 0, sumFn = 0;
            for (int l = 0; l < labels; l++)
            {
                var c = new LabelCounts(tp[l, g], predicted[l, g] - tp[l, g], positives[l] - tp[l, g], 0);
                perLabel[l] = c.F1;
                sumTp += c.TruePositives;
                sumFp += c.FalsePositives;
                sumFn += c.FalseNegatives;
            }

            var micro = new LabelCounts(sumTp, sumFp, sumFn, 0);
            points[g] = new SweepPoint(grid[g], micro.Precision, micro.Recall, micro.F1, perLabel.Average(), perLabel);
        }

        return new SweepCurve([.. labelNames], points);
    }

    private static void Copy(Tensor values, long[,] into, long rowOffset)
    {
        var data = values.cpu().data<long>().ToArray();
        int columns = into.GetLength(1);
        for (int i = 0; i < data.Length; i++)
        {
            into[rowOffset + (i / columns), i % columns] = data[i];
        }
    }
}
