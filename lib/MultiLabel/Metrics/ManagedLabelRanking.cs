using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// The CPU form of <see cref="LabelRanking"/> in 8 bytes per cell: each label's scores are copied out as two arrays,
/// positives and negatives, each sorted on its own (labels in parallel), and scanned together for AP and ROC AUC; the
/// micro values then come from merging the sorted columns (a heap over the labels), so the N x L cells are never
/// sorted, nor indexed, as one array. Same statistics and tie rules as <see cref="ManagedRunScan"/> (runs of equal
/// scores, read from high to low, in the same order), so the same values.
/// </summary>
internal static class ManagedLabelRanking
{
    /// <summary>AP and ROC AUC of every label and over all cells, for targets [N,L] (Bool) and scores [N,L] (Float32 or Float64) on the CPU.</summary>
    public static (double?[] AveragePrecision, double?[] RocAuc, double? MicroAveragePrecision, double? MicroRocAuc) Compute(Tensor targets, Tensor scores)
    {
        using var scope = NewDisposeScope();
        var t = targets.to(ScalarType.Bool).contiguous();
        var s = scores.contiguous();
        int samples = (int)s.shape[0], labels = (int)s.shape[1];
        var columns = LabelColumn.Split(t, s, samples, labels);
        var ap = new double?[labels];
        var auc = new double?[labels];
        Parallel.For(0, labels, label =>
        {
            var column = columns[label];
            Array.Sort(column.Positives);
            Array.Sort(column.Negatives);
            var run = new RunState { TwiceNegatives = 2L * column.Negatives.Length };
            var cursor = column.Start();
            while (cursor.Next(column, out int runTp, out int runFp))
            {
                run.Add(runTp, runFp);
                run.EndRun();
            }

            (ap[label], auc[label]) = run.Result(column.Positives.Length, samples);
        });

        var (microAp, microAuc) = Merged(columns, (long)samples * labels);
        return (ap, auc, microAp, microAuc);
    }

    /// <summary>
    /// All cells from high to low score: the score range is cut at a few quantiles into parts merged in parallel, each
    /// by a max-heap of the labels by their next (highest unread) score; a part starts from the counts of the cells
    /// above it, so the sums are those of one pass, added part by part.
    /// </summary>
    private static (double? Ap, double? Auc) Merged(LabelColumn[] columns, long cells)
    {
        long positiveCount = columns.Sum(c => (long)c.Positives.Length);
        var pivots = Pivots(columns, cells < 1 << 16 ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 8));
        var parts = new RunState[pivots.Length + 1];
        var starts = new (long Tp, long Count)[parts.Length];
        for (int part = 1; part < parts.Length; part++)
        {
            // The cells at or above the part's upper bound come before it.
            double bound = pivots[part - 1];
            long positivesAbove = columns.Sum(c => (long)c.Positives.Length - FirstAtLeast(c.Positives, bound));
            starts[part] = (positivesAbove, positivesAbove + columns.Sum(c => (long)c.Negatives.Length - FirstAtLeast(c.Negatives, bound)));
        }

        Parallel.For(0, parts.Length, part =>
        {
            double? upper = part == 0 ? null : pivots[part - 1], lower = part == pivots.Length ? null : pivots[part];
            var run = new RunState { TwiceNegatives = 2 * (cells - positiveCount) };
            run.StartAt(starts[part].Tp, starts[part].Count);
            MergePart(columns, upper, lower, ref run);
            parts[part] = run;
        });

        var total = parts[0];
        for (int part = 1; part < parts.Length; part++)
        {
            total.AddSums(parts[part]);
        }

        return total.Result(positiveCount, cells);
    }

    /// <summary>Score bounds that cut the cells into about <paramref name="count"/> parts of similar size, descending.</summary>
    private static double[] Pivots(LabelColumn[] columns, int count)
    {
        var sample = new List<double>();
        foreach (var column in columns)
        {
            foreach (var values in new[] { column.Positives, column.Negatives })
            {
                for (int q = 1; q < 16 && values.Length > 0; q++)
                {
                    sample.Add(values[(int)((long)values.Length * q / 16)]);
                }
            }
        }

        sample.Sort();
        return [.. Enumerable.Range(1, count - 1).Select(k => sample.Count == 0 ? 0 : sample[sample.Count * (count - k) / count]).Distinct()];
    }

    /// <summary>The first index of an ascending array whose value is at least <paramref name="bound"/>.</summary>
    private static int FirstAtLeast(double[] values, double bound)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            (lo, hi) = values[mid] < bound ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>Merges the cells with scores in [<paramref name="lower"/>, <paramref name="upper"/>) (open where null).</summary>
    private static void MergePart(LabelColumn[] columns, double? upper, double? lower, ref RunState run)
    {
        int labels = columns.Length;
        var cursors = new LabelColumn.Cursor[labels];
        var heap = new HeapEntry[labels];
        int size = 0;
        for (int l = 0; l < labels; l++)
        {
            var c = columns[l];
            cursors[l] = new LabelColumn.Cursor(
                (upper is double u ? FirstAtLeast(c.Positives, u) : c.Positives.Length) - 1,
                (upper is double u2 ? FirstAtLeast(c.Negatives, u2) : c.Negatives.Length) - 1,
                lower is double d ? FirstAtLeast(c.Positives, d) : 0,
                lower is double d2 ? FirstAtLeast(c.Negatives, d2) : 0);
            if (cursors[l].Peek(c, out double top))
            {
                heap[size++] = new HeapEntry(top, l);
                SiftUp(heap, size - 1);
            }
        }

        bool open = false;
        double current = 0;
        while (size > 0)
        {
            var (key, l) = (heap[0].Key, heap[0].Label);
            if (open && key != current)
            {
                run.EndRun();
            }

            (open, current) = (true, key);
            cursors[l].Next(columns[l], out int runTp, out int runFp);
            run.Add(runTp, runFp);
            if (cursors[l].Peek(columns[l], out double next))
            {
                heap[0] = new HeapEntry(next, l);
            }
            else
            {
                heap[0] = heap[--size];
            }

            SiftDown(heap, size);
        }

        if (open)
        {
            run.EndRun();
        }
    }

    private static void SiftUp(HeapEntry[] heap, int at)
    {
        while (at > 0)
        {
            int parent = (at - 1) / 2;
            if (heap[parent].Key >= heap[at].Key)
            {
                return;
            }

            (heap[parent], heap[at]) = (heap[at], heap[parent]);
            at = parent;
        }
    }

    private static void SiftDown(HeapEntry[] heap, int size)
    {
        int at = 0;
        var moving = heap[0];
        while (true)
        {
            int child = (2 * at) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && heap[child + 1].Key > heap[child].Key)
            {
                child++;
            }

            if (heap[child].Key <= moving.Key)
            {
                break;
            }

            heap[at] = heap[child];
            at = child;
        }

        heap[at] = moving;
    }

    private readonly record struct HeapEntry(double Key, int Label);

    /// <summary>One label's scores split into positives and negatives, each sorted ascending (a plain double sort).</summary>
    private sealed record LabelColumn(double[] Positives, double[] Negatives)
    {
        /// <summary>
        /// Every label's positives and negatives (unsorted), in one row-major pass over the cells: reading the columns
        /// one by one would stride through the whole matrix once per label, a cache miss per cell.
        /// </summary>
        public static LabelColumn[] Split(Tensor targets, Tensor scores, int samples, int labels)
        {
            ReadOnlySpan<byte> truth = targets.bytes;
            var positives = new int[labels];
            for (int i = 0; i < truth.Length; i++)
            {
                positives[i % labels] += truth[i];
            }

            var columns = new LabelColumn[labels];
            for (int l = 0; l < labels; l++)
            {
                columns[l] = new LabelColumn(new double[positives[l]], new double[samples - positives[l]]);
            }

            if (scores.dtype == ScalarType.Float32)
            {
                Distribute(truth, MemoryMarshal.Cast<byte, float>(scores.bytes), columns, samples, labels);
            }
            else
            {
                Distribute(truth, MemoryMarshal.Cast<byte, double>(scores.bytes), columns, samples, labels);
            }

            return columns;
        }

        private static void Distribute<T>(ReadOnlySpan<byte> truth, ReadOnlySpan<T> values, LabelColumn[] columns, int samples, int labels)
            where T : unmanaged
        {
            var p = new int[labels];
            var n = new int[labels];
            for (int i = 0, cell = 0; i < samples; i++)
            {
                for (int l = 0; l < labels; l++, cell++)
                {
                    double value = typeof(T) == typeof(float) ? Unsafe.As<T, float>(ref Unsafe.AsRef(in values[cell])) : Unsafe.As<T, double>(ref Unsafe.AsRef(in values[cell]));
                    if (truth[cell] != 0)
                    {
                        columns[l].Positives[p[l]++] = value;
                    }
                    else
                    {
                        columns[l].Negatives[n[l]++] = value;
                    }
                }
            }
        }

        public Cursor Start() => new(Positives.Length - 1, Negatives.Length - 1, 0, 0);

        /// <summary>Reads the column from high to low score, one run of equal scores at a time, down to (and with) the given ends.</summary>
        public struct Cursor(int positive, int negative, int positiveEnd, int negativeEnd)
        {
            private int positive = positive;
            private int negative = negative;

            public readonly bool Peek(LabelColumn column, out double top)
            {
                bool anyPositive = positive >= positiveEnd, anyNegative = negative >= negativeEnd;
                top = anyPositive && (!anyNegative || column.Positives[positive] >= column.Negatives[negative])
                    ? column.Positives[positive]
                    : anyNegative ? column.Negatives[negative] : 0;
                return anyPositive || anyNegative;
            }

            public bool Next(LabelColumn column, out int runTp, out int runFp)
            {
                runTp = runFp = 0;
                if (!Peek(column, out double key))
                {
                    return false;
                }

                var pos = column.Positives;
                var neg = column.Negatives;
                while (positive >= positiveEnd && pos[positive] == key)
                {
                    positive--;
                    runTp++;
                }

                while (negative >= negativeEnd && neg[negative] == key)
                {
                    negative--;
                    runFp++;
                }

                return true;
            }
        }
    }

    /// <summary>The running counts of a scan from the highest score down, with <see cref="ManagedRunScan"/>'s formulas.</summary>
    private struct RunState
    {
        private long tp;
        private long count;
        private long startTp;
        private long startCount;
        private long correct;
        private double precisionSum;

        public long TwiceNegatives { get; set; }

        /// <summary>Starts after <paramref name="tpBefore"/> positives among <paramref name="countBefore"/> cells of higher score.</summary>
        public void StartAt(long tpBefore, long countBefore) => (tp, count, startTp, startCount) = (tpBefore, countBefore, tpBefore, countBefore);

        /// <summary>Adds the sums of a later part of the same scan.</summary>
        public void AddSums(RunState later)
        {
            precisionSum += later.precisionSum;
            correct += later.correct;
        }

        public void Add(int runTp, int runFp)
        {
            tp += runTp;
            count += runTp + runFp;
        }

        public void EndRun()
        {
            long runTp = tp - startTp;
            if (runTp > 0)
            {
                precisionSum += runTp * (double)tp / count;
                correct += runTp * (TwiceNegatives - (count - tp) - (startCount - startTp));
            }

            (startTp, startCount) = (tp, count);
        }

        public readonly (double? Ap, double? Auc) Result(long positives, long rowLength)
        {
            long negatives = rowLength - positives;
            return (positives == 0 ? null : precisionSum / positives, positives == 0 || negatives == 0 ? null : correct / (2.0 * positives * negatives));
        }
    }
}
