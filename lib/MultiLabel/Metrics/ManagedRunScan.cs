using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// The CPU form of <see cref="RunScanner"/>: one pass per row over the sorted keys and positives, read in place from
/// the tensors' memory, rows in parallel. Same statistics, same tie rules; about 30 times faster on the CPU than the
/// thirty element-wise tensor passes the scan takes otherwise.
/// </summary>
internal static class ManagedRunScan
{
    /// <summary>Scans <paramref name="keys"/> [R,M] (Int32, Int64, Float32 or Float64) and <paramref name="sortedPositives"/> [R,M] (Bool) on the CPU.</summary>
    public static RunTotals Scan(Tensor keys, Tensor sortedPositives, RunStatistics statistics)
    {
        var k = keys.contiguous();
        var p = sortedPositives.to(ScalarType.Bool).contiguous();
        var result = new Totals((int)k.shape[0], k.shape[1]);
        int parts = result.Rows < 2 ? 1 : Math.Min(result.Rows, Environment.ProcessorCount * 4);
        Parallel.For(0, parts, part =>
        {
            int first = (int)((long)result.Rows * part / parts), end = (int)((long)result.Rows * (part + 1) / parts);
            ReadOnlySpan<byte> positives = p.bytes;
            switch (k.dtype)
            {
                case ScalarType.Int32: Rows(MemoryMarshal.Cast<byte, int>(k.bytes), positives, first, end, statistics, result); break;
                case ScalarType.Int64: Rows(MemoryMarshal.Cast<byte, long>(k.bytes), positives, first, end, statistics, result); break;
                case ScalarType.Float32: Rows(MemoryMarshal.Cast<byte, float>(k.bytes), positives, first, end, statistics, result); break;
                case ScalarType.Float64: Rows(MemoryMarshal.Cast<byte, double>(k.bytes), positives, first, end, statistics, result); break;
                default: throw new ArgumentException($"Keys of type {k.dtype} cannot be scanned.", nameof(keys));
            }
        });
        return result.ToTensors();
    }

    private static void Rows<T>(ReadOnlySpan<T> keys, ReadOnlySpan<byte> positives, int first, int end, RunStatistics statistics, Totals into)
        where T : IEquatable<T>
    {
        long m = into.Columns;
        bool wantF1 = statistics.HasFlag(RunStatistics.BestF1);
        for (int r = first; r < end; r++)
        {
            var rowKeys = keys.Slice((int)(r * m), (int)m);
            var rowPositives = positives.Slice((int)(r * m), (int)m);
            long positiveCount = 0;
            foreach (var b in rowPositives)
            {
                positiveCount += b;
            }

            long twiceNegatives = 2 * (m - positiveCount);
            long tp = 0, startTp = 0, startCount = 0, correct = 0, wrong = 0, coverage = 0, bestCount = 0;
            double precisionSum = 0, bestF1 = -1;
            for (int i = 0; i < m; i++)
            {
                tp += rowPositives[i];
                if (i + 1 < m && rowKeys[i].Equals(rowKeys[i + 1]))
                {
                    continue; // inside a run of equal scores
                }

                long count = i + 1, runTp = tp - startTp;
                if (runTp > 0)
                {
                    precisionSum += runTp * (double)tp / count;
                    correct += runTp * (twiceNegatives - (count - tp) - (startCount - startTp));
                    wrong += runTp * (count - tp);
                    coverage = count;
                }

                if (wantF1)
                {
                    double f1 = 2.0 * tp / (count + positiveCount);
                    if (f1 > bestF1)
                    {
                        (bestF1, bestCount) = (f1, count);
                    }
                }

                (startTp, startCount) = (tp, count);
            }

            into.Positives[r] = positiveCount;
            into.PrecisionSum[r] = precisionSum;
            into.CorrectPairs[r] = correct;
            into.WrongPairs[r] = wrong;
            into.Coverage[r] = coverage;
            into.BestF1[r] = bestF1;
            into.BestCount[r] = bestCount;
        }
    }

    private sealed class Totals(int rows, long columns)
    {
        public int Rows { get; } = rows;

        public long Columns { get; } = columns;

        public long[] Positives { get; } = new long[rows];

        public double[] PrecisionSum { get; } = new double[rows];

        public long[] CorrectPairs { get; } = new long[rows];

        public long[] WrongPairs { get; } = new long[rows];

        public long[] Coverage { get; } = new long[rows];

        public double[] BestF1 { get; } = new double[rows];

        public long[] BestCount { get; } = new long[rows];

        public RunTotals ToTensors() => new(
            tensor(Positives), tensor(PrecisionSum), tensor(CorrectPairs), tensor(WrongPairs), tensor(Coverage), tensor(BestF1), tensor(BestCount));
    }
}
