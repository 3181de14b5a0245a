using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// The CPU form of a <see cref="StreamingMetrics"/> update: one managed pass per image over the tensors' memory
/// (images in parallel) that takes its decisions at the thresholds, ranks its labels and computes the
/// <see cref="SampleScores"/> row, while counting the per-label confusion cells. Same values as the tensor path;
/// a few dozen tensor operations per batch become one call, which matters most for small batches.
/// </summary>
internal static class ManagedSampleScan
{
    /// <summary>
    /// For targets [B,L] (Bool), scores [B,L] (Float32 or Float64) and thresholds [L] on the scores' scale and type:
    /// the per-image rows [B,8] and the per-label counts of true positives, predicted and true labels.
    /// </summary>
    public static (Tensor Rows, long[] TruePositives, long[] Predicted, long[] Present) Compute(Tensor targets, Tensor scores, Tensor thresholds)
    {
        var t = targets.contiguous();
        var s = scores.contiguous();
        var th = thresholds.contiguous();
        int rows = (int)s.shape[0], labels = (int)s.shape[1];
        var values = new double[rows * SampleScores.Count];
        var counts = new long[3 * labels];
        Parallel.For(
            0,
            Math.Max(1, Math.Min(rows, Environment.ProcessorCount * 4)),
            () => new long[3 * labels],
            (part, _, local) =>
            {
                int parts = Math.Max(1, Math.Min(rows, Environment.ProcessorCount * 4));
                int first = (int)((long)rows * part / parts), end = (int)((long)rows * (part + 1) / parts);
                ReadOnlySpan<byte> truth = t.bytes;
                if (s.dtype == ScalarType.Float32)
                {
                    Rows(truth, MemoryMarshal.Cast<byte, float>(s.bytes), MemoryMarshal.Cast<byte, float>(th.bytes), first, end, labels, values, local);
                }
                else
                {
                    Rows(truth, MemoryMarshal.Cast<byte, double>(s.bytes), MemoryMarshal.Cast<byte, double>(th.bytes), first, end, labels, values, local);
                }

                return local;
            },
            local =>
            {
                lock (counts)
                {
                    for (int i = 0; i < counts.Length; i++)
                    {
                        counts[i] += local[i];
                    }
                }
            });
        return (tensor(values, [rows, SampleScores.Count]), counts[..labels], counts[labels..(2 * labels)], counts[(2 * labels)..]);
    }

    private static void Rows<T>(ReadOnlySpan<byte> truth, ReadOnlySpan<T> scores, ReadOnlySpan<T> thresholds, int first, int end, int labels, double[] values, long[] counts)
        where T : unmanaged, IComparable<T>, IEquatable<T>
    {
        var keys = new T[labels];
        var positives = new byte[labels];
        for (int r = first; r < end; r++)
        {
            var rowTruth = truth.Slice(r * labels, labels);
            var rowScores = scores.Slice(r * labels, labels);
            long tp = 0, predicted = 0, present = 0;
            for (int l = 0; l < labels; l++)
            {
                bool isPredicted = rowScores[l].CompareTo(thresholds[l]) >= 0, isPresent = rowTruth[l] != 0;
                if (isPredicted)
                {
                    predicted++;
                    counts[labels + l]++;
                }

                if (isPresent)
                {
                    present++;
                    counts[(2 * labels) + l]++;
                }

                if (isPredicted && isPresent)
                {
                    tp++;
                    counts[l]++;
                }

                keys[l] = rowScores[l];
                positives[l] = rowTruth[l];
            }

            // Rank the image's labels from high to low score (sort ascending, read backwards), then scan the runs of
            // equal scores as ManagedRunScan does.
            Array.Sort(keys, positives);
            long seen = 0, tpSeen = 0, startTp = 0, wrong = 0, coverage = 0;
            double precisionSum = 0;
            for (int i = labels - 1; i >= 0; i--)
            {
                seen++;
                tpSeen += positives[i];
                if (i > 0 && keys[i].Equals(keys[i - 1]))
                {
                    continue;
                }

                long runTp = tpSeen - startTp;
                if (runTp > 0)
                {
                    precisionSum += runTp * (double)tpSeen / seen;
                    wrong += runTp * (seen - tpSeen);
                    coverage = seen;
                }

                startTp = tpSeen;
            }

            bool degenerate = present == 0 || present == labels;
            var row = values.AsSpan(r * SampleScores.Count, SampleScores.Count);
            long union = predicted + present - tp;
            row[SampleScores.Precision] = tp / (double)Math.Max(predicted, 1);
            row[SampleScores.Recall] = tp / (double)Math.Max(present, 1);
            row[SampleScores.F1] = 2 * tp / (double)Math.Max(predicted + present, 1);
            row[SampleScores.Jaccard] = tp / (double)Math.Max(union, 1);
            row[SampleScores.ExactMatch] = union == tp ? 1.0 : 0.0;
            row[SampleScores.Lrap] = degenerate ? 1.0 : precisionSum / present;
            row[SampleScores.RankingLoss] = degenerate ? 0.0 : wrong / (double)(present * (labels - present));
            row[SampleScores.Coverage] = coverage;
        }
    }
}
