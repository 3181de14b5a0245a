using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>Which statistics a <see cref="RunScanner"/> accumulates.</summary>
[Flags]
internal enum RunStatistics
{
    None = 0,

    /// <summary>Sum of precision at each positive (AP and LRAP numerator).</summary>
    PrecisionSum = 1,

    /// <summary>Twice the correctly ordered (positive, negative) pairs, ties half (ROC AUC numerator).</summary>
    CorrectPairs = 2,

    /// <summary>(positive, negative) pairs with the negative scored at least as high (ranking loss numerator).</summary>
    WrongPairs = 4,

    /// <summary>Items down to the lowest-scored positive (coverage).</summary>
    Coverage = 8,

    /// <summary>The best F1 over all thresholds and where it is reached.</summary>
    BestF1 = 16,
}

/// <summary>
/// Scans rows of items sorted from high to low score, cut into runs of equal scores, and accumulates the statistics
/// every ranking metric is made of. A run is what scikit-learn calls a distinct threshold: all its items are
/// predicted together, so ties count exactly as there. Rows can arrive in column chunks (a row of all N x L cells is
/// scanned in pieces to bound memory); per-row carries join the chunks. Rows are labels (AP, ROC AUC, tuning),
/// images (LRAP, ranking loss, coverage) or a single row of all cells (micro AP and ROC AUC).
/// </summary>
/// <remarks>
/// At the end of each run, with tp = positives scored at least as high as the run, n = items scored at least as
/// high, and tp0, n0 the same before the run: precision sum += (tp - tp0) * tp / n; correct pairs +=
/// (tp - tp0) * (2 * negatives - (n - tp) - (n0 - tp0)); wrong pairs += (tp - tp0) * (n - tp); F1 = 2 tp / (n + P).
/// Sums are taken chunk by chunk in a fixed order, so results do not depend on the device or on timing.
/// </remarks>
internal sealed class RunScanner
{
    private const long PackShift = 1L << 32;

    private readonly RunStatistics statistics;
    private readonly Tensor positives;
    private readonly long rowLength;
    private Tensor tpBefore;
    private Tensor runStart;
    private Tensor previousEnded;
    private long columnsBefore;

    /// <summary>Starts a scan of rows of <paramref name="rowLength"/> items with <paramref name="positivesPerRow"/> [R] positives each.</summary>
    public RunScanner(Tensor positivesPerRow, long rowLength, RunStatistics statistics)
    {
        positives = positivesPerRow.to(ScalarType.Int64);
        this.rowLength = rowLength;
        this.statistics = statistics;
        long rows = positives.shape[0];
        var device = positives.device;
        tpBefore = zeros(rows, ScalarType.Int64, device);
        runStart = zeros(rows, ScalarType.Int64, device);
        previousEnded = ones(rows, ScalarType.Bool, device);
        PrecisionSum = zeros(rows, ScalarType.Float64, device);
        CorrectPairs = zeros(rows, ScalarType.Int64, device);
        WrongPairs = zeros(rows, ScalarType.Int64, device);
        Coverage = zeros(rows, ScalarType.Int64, device);
        BestF1 = full(rows, -1.0, ScalarType.Float64, device);
        BestCount = zeros(rows, ScalarType.Int64, device);
    }

    /// <summary>Positives per row.</summary>
    public Tensor Positives => positives;

    /// <summary>Sum over positives of the precision at their score, per row (Float64).</summary>
    public Tensor PrecisionSum { get; private set; }

    /// <summary>Twice the correctly ordered (positive, negative) pairs, ties counting half, per row.</summary>
    public Tensor CorrectPairs { get; private set; }

    /// <summary>(positive, negative) pairs where the negative scores at least as high, per row.</summary>
    public Tensor WrongPairs { get; private set; }

    /// <summary>Items scored at least as high as the lowest-scored positive, per row (0 without positives).</summary>
    public Tensor Coverage { get; private set; }

    /// <summary>The best F1 over all run ends, per row (-1 before any item).</summary>
    public Tensor BestF1 { get; private set; }

    /// <summary>Items scored at least as high as the best run (the first of equal bests: the highest threshold).</summary>
    public Tensor BestCount { get; private set; }

    /// <summary>
    /// Adds the next column chunk: <paramref name="keys"/> [R,C] sorted (ascending keys = descending scores, see
    /// <see cref="RankKeys"/>) and <paramref name="sortedPositives"/> [R,C] in the same order;
    /// <paramref name="nextKeys"/> [R] holds the key after the chunk, or null when the chunk ends the rows.
    /// </summary>
    public void Add(Tensor keys, Tensor sortedPositives, Tensor? nextKeys)
    {
        using var scope = NewDisposeScope();
        long columns = keys.shape[1];
        var device = keys.device;
        var pos = sortedPositives.to(ScalarType.Int64);
        var tp = pos.cumsum(1).add_(tpBefore.unsqueeze(1));
        var count = arange(columnsBefore + 1, columnsBefore + columns + 1, ScalarType.Int64, device).unsqueeze(0);
        var lastEnds = nextKeys is null ? ones(keys.shape[0], 1, ScalarType.Bool, device) : keys.narrow(1, columns - 1, 1).ne(nextKeys.unsqueeze(1));
        var isEnd = columns == 1 ? lastEnds : cat([keys.narrow(1, 0, columns - 1).ne(keys.narrow(1, 1, columns - 1)), lastEnds], 1);
        var isStart = columns == 1 ? previousEnded.unsqueeze(1) : cat([previousEnded.unsqueeze(1), isEnd.narrow(1, 0, columns - 1)], 1);

        // The (items, positives) counted before each item's run: one scan, skipped when no run spans two items.
        Tensor startCount, startTp;
        var tpBeforeItem = tp - pos;
        if (isStart.all().item<bool>())
        {
            startCount = count - 1;
            startTp = tpBeforeItem;
            runStart = (((columnsBefore + columns - 1) * PackShift) + tpBeforeItem.select(1, columns - 1)).clone();
        }
        else
        {
            // Starts carry (count, tp) packed in one increasing Int64; a running maximum spreads them over their runs.
            var packed = ((count - 1) * PackShift).add(tpBeforeItem).masked_fill(isStart.logical_not(), 0);
            packed.select(1, 0).copy_(packed.select(1, 0).where(isStart.select(1, 0), runStart));
            var spread = packed.cummax(1).values;
            startCount = spread.floor_divide(PackShift);
            startTp = spread - (startCount * PackShift);
            runStart = spread.select(1, columns - 1).clone();
        }

        var runTp = (tp - startTp).masked_fill(isEnd.logical_not(), 0);
        var fp = count - tp;
        if (statistics.HasFlag(RunStatistics.PrecisionSum))
        {
            PrecisionSum = PrecisionSum + runTp.to(ScalarType.Float64).mul(tp).div(count).sum(dim: 1);
        }

        if (statistics.HasFlag(RunStatistics.CorrectPairs))
        {
            var twiceNegatives = (2 * (rowLength - positives)).unsqueeze(1);
            CorrectPairs = CorrectPairs + runTp.mul(twiceNegatives - fp - (startCount - startTp)).sum(dim: 1);
        }

        if (statistics.HasFlag(RunStatistics.WrongPairs))
        {
            WrongPairs = WrongPairs + runTp.mul(fp).sum(dim: 1);
        }

        if (statistics.HasFlag(RunStatistics.Coverage))
        {
            Coverage = Coverage.maximum(count.expand_as(runTp).masked_fill(runTp.eq(0), 0).amax([1]));
        }

        if (statistics.HasFlag(RunStatistics.BestF1))
        {
            var f1 = (2 * tp).to(ScalarType.Float64).div(count + positives.unsqueeze(1)).masked_fill(isEnd.logical_not(), -1.0);
            var (chunkBest, at) = f1.max(1);
            var better = chunkBest.gt(BestF1);
            BestF1 = BestF1.where(better.logical_not(), chunkBest);
            BestCount = BestCount.where(better.logical_not(), at + columnsBefore + 1);
        }

        tpBefore = tp.select(1, columns - 1).clone();
        previousEnded = isEnd.select(1, columns - 1).clone();
        columnsBefore += columns;
        // The running state outlives this chunk's scope; the temporaries do not.
        scope.MoveToOuter(tpBefore, previousEnded, runStart, PrecisionSum, CorrectPairs, WrongPairs, Coverage, BestF1, BestCount);
    }

    /// <summary>
    /// Scans all rows of <paramref name="keys"/> [R,M] and <paramref name="sortedPositives"/> [R,M]: on the CPU with
    /// <see cref="ManagedRunScan"/>, elsewhere in blocks of rows and chunks of columns, so that no tensor step handles
    /// more than the kernel's element budget.
    /// </summary>
    public static RunTotals ScanAll(Tensor keys, Tensor sortedPositives, RunStatistics statistics, KernelOptions kernel)
    {
        if (kernel.ScansManaged(keys))
        {
            return ManagedRunScan.Scan(keys, sortedPositives, statistics);
        }

        long elementBudget = kernel.ElementBudget;
        long rows = keys.shape[0], columns = keys.shape[1];
        long chunk = Math.Clamp(elementBudget, 1, columns);
        long block = Math.Clamp(elementBudget / columns, 1, rows);
        var parts = new List<RunTotals>();
        for (long first = 0; first < rows; first += block)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(block, rows - first);
            var blockKeys = keys.narrow(0, first, count);
            var blockPositives = sortedPositives.narrow(0, first, count);
            var scanner = new RunScanner(blockPositives.sum(dim: 1, type: ScalarType.Int64), columns, statistics);
            for (long start = 0; start < columns; start += chunk)
            {
                long width = Math.Min(chunk, columns - start);
                var next = start + width < columns ? blockKeys.select(1, start + width) : null;
                scanner.Add(blockKeys.narrow(1, start, width), blockPositives.narrow(1, start, width), next);
            }

            parts.Add(scanner.Totals().MoveToOuterDisposeScope());
        }

        return parts.Count == 1 ? parts[0] : RunTotals.Concat(parts);
    }

    private RunTotals Totals() => new(positives, PrecisionSum, CorrectPairs, WrongPairs, Coverage, BestF1, BestCount);
}

/// <summary>The per-row results of a <see cref="RunScanner"/> scan (tensors [R]; see its properties).</summary>
internal sealed record RunTotals(Tensor Positives, Tensor PrecisionSum, Tensor CorrectPairs, Tensor WrongPairs, Tensor Coverage, Tensor BestF1, Tensor BestCount)
{
    public RunTotals MoveToOuterDisposeScope()
    {
        foreach (var t in All())
        {
            t.MoveToOuterDisposeScope();
        }

        return this;
    }

    public static RunTotals Concat(List<RunTotals> parts) => new(
        cat(parts.Select(p => p.Positives).ToList(), 0),
        cat(parts.Select(p => p.PrecisionSum).ToList(), 0),
        cat(parts.Select(p => p.CorrectPairs).ToList(), 0),
        cat(parts.Select(p => p.WrongPairs).ToList(), 0),
        cat(parts.Select(p => p.Coverage).ToList(), 0),
        cat(parts.Select(p => p.BestF1).ToList(), 0),
        cat(parts.Select(p => p.BestCount).ToList(), 0));

    private Tensor[] All() => [Positives, PrecisionSum, CorrectPairs, WrongPairs, Coverage, BestF1, BestCount];
}
