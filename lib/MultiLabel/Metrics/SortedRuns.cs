using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Each row's scores sorted from high to low and cut into runs of equal scores, with the cumulative number of
/// positives at the end of every run. Every ranking metric reads from this one structure: a run is what
/// scikit-learn calls a distinct threshold, so ties are handled exactly as there (all tied items are predicted
/// together). Its tensors live in the caller's dispose scope.
/// </summary>
/// <remarks>
/// Rows are labels (AP, ROC AUC, per-label thresholds), images (LRAP, coverage, ranking loss) or one row of all
/// cells (micro AP and AUC). The run ends are kept compacted in row-major order: <see cref="EndRow"/>,
/// <see cref="EndCount"/> (items scored at least as high as the run) and <see cref="EndTp"/> (positives among
/// them), with the same values of the previous run of the row (0 for the first run).
/// </remarks>
internal sealed class SortedRuns
{
    /// <summary>Sorts <paramref name="scores"/> [R,M] (descending per row) and counts the <paramref name="positives"/> [R,M] (Bool).</summary>
    public SortedRuns(Tensor scores, Tensor positives)
    {
        Rows = scores.shape[0];
        Columns = scores.shape[1];
        var device = scores.device;
        (Sorted, var order) = scores.sort(dim: 1, descending: true);
        Tp = positives.gather(1, order).to(ScalarType.Int64).cumsum(1);
        Positives = Tp.narrow(1, Columns - 1, 1).squeeze(1);
        var lastOfRun = Sorted.narrow(1, 0, Columns - 1).ne(Sorted.narrow(1, 1, Columns - 1));
        IsEnd = cat([lastOfRun, ones(Rows, 1, ScalarType.Bool, device)], 1);

        EndRow = arange(Rows, ScalarType.Int64, device).unsqueeze(1).expand(Rows, Columns).masked_select(IsEnd);
        EndCount = arange(1, Columns + 1, ScalarType.Int64, device).unsqueeze(0).expand(Rows, Columns).masked_select(IsEnd);
        EndTp = Tp.masked_select(IsEnd);
        var firstOfRow = cat([ones(1, ScalarType.Bool, device), EndRow.narrow(0, 1, EndRow.shape[0] - 1).ne(EndRow.narrow(0, 0, EndRow.shape[0] - 1))]);
        PrevTp = Previous(EndTp, firstOfRow);
        PrevCount = Previous(EndCount, firstOfRow);
    }

    /// <summary>Number of rows (R).</summary>
    public long Rows { get; }

    /// <summary>Items per row (M).</summary>
    public long Columns { get; }

    /// <summary>The scores of each row, sorted from high to low [R,M].</summary>
    public Tensor Sorted { get; }

    /// <summary>Positives among the first k+1 sorted items of each row [R,M] (Int64).</summary>
    public Tensor Tp { get; }

    /// <summary>Positives per row [R] (Int64).</summary>
    public Tensor Positives { get; }

    /// <summary>True at the last item of each run of equal scores [R,M].</summary>
    public Tensor IsEnd { get; }

    /// <summary>The row of each run end.</summary>
    public Tensor EndRow { get; }

    /// <summary>Items of the row scored at least as high as the run (its 1-based end position).</summary>
    public Tensor EndCount { get; }

    /// <summary>Positives among them.</summary>
    public Tensor EndTp { get; }

    /// <summary>Negatives among them.</summary>
    public Tensor EndFp => EndCount - EndTp;

    /// <summary><see cref="EndTp"/> of the previous run of the row (0 for the first).</summary>
    public Tensor PrevTp { get; }

    /// <summary><see cref="EndCount"/> of the previous run of the row (0 for the first).</summary>
    public Tensor PrevCount { get; }

    /// <summary>Negatives up to the previous run.</summary>
    public Tensor PrevFp => PrevCount - PrevTp;

    /// <summary>Positives inside each run.</summary>
    public Tensor RunTp => EndTp - PrevTp;

    /// <summary>
    /// Sum over precision at each positive: sum of RunTp * EndTp / EndCount per row [R] (Float64). Divided by the
    /// positives it is scikit-learn's average precision of a label (or the label ranking AP of an image).
    /// </summary>
    public Tensor PrecisionSum() =>
        RowSum(RunTp.to(ScalarType.Float64).mul(EndTp).div(EndCount), ScalarType.Float64);

    /// <summary>
    /// Twice the number of (positive, negative) pairs ordered correctly, ties counting half, per row [R] (Int64):
    /// divided by 2 * positives * negatives it is the ROC AUC (the trapezoid area scikit-learn computes).
    /// </summary>
    public Tensor TwiceCorrectPairs()
    {
        var negatives = (Columns - Positives).index_select(0, EndRow);
        // A run's positives beat the negatives below it and tie with those inside it:
        // 2 * (negatives - EndFp) + (EndFp - PrevFp) per positive of the run.
        var perPositive = (2 * negatives) - EndFp - PrevFp;
        return RowSum(RunTp.mul(perPositive), ScalarType.Int64);
    }

    /// <summary>Sum over positives of the negatives scored at least as high, per row [R] (Int64): the ranking loss numerator.</summary>
    public Tensor WrongPairs() => RowSum(RunTp.mul(EndFp), ScalarType.Int64);

    /// <summary>Items scored at least as high as the lowest-scored positive, per row [R] (0 for a row without positives).</summary>
    public Tensor CoverageDepth()
    {
        var depth = EndCount.masked_fill(RunTp.eq(0), 0);
        return zeros(Rows, Columns, ScalarType.Int64, Sorted.device).masked_scatter_(IsEnd, depth).amax([1]);
    }

    /// <summary>Sums per-run values per row, in a fixed order (the same on CPU and GPU, run after run).</summary>
    public Tensor RowSum(Tensor perRun, ScalarType dtype) =>
        zeros(Rows, Columns, dtype, Sorted.device).masked_scatter_(IsEnd, perRun.to(dtype)).sum(dim: 1);

    /// <summary>Scatters per-run values back to [R,M] (at run ends), <paramref name="fill"/> elsewhere.</summary>
    public Tensor Scatter(Tensor perRun, double fill) =>
        full([Rows, Columns], fill, perRun.dtype, Sorted.device).masked_scatter_(IsEnd, perRun);

    private static Tensor Previous(Tensor values, Tensor firstOfRow) =>
        cat([zeros(1, values.dtype, values.device), values.narrow(0, 0, values.shape[0] - 1)]).masked_fill(firstOfRow, 0);
}
