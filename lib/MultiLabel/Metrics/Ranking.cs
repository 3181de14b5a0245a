using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// All (image, label) cells ranked from high to low score with one sort, and each label's column ranked by
/// regrouping that order by label (keeping the score order inside each label: a stable partition, done on the CPU by
/// one managed pass, elsewhere by a stable sort on the label index). Micro AP and AUC scan <see cref="AllKeys"/>;
/// per-label AP, AUC, tuning, sweeps and curves scan the rows of <see cref="LabelKeys"/>. Lives in the caller's
/// dispose scope; takes about 40 bytes per cell.
/// </summary>
internal sealed class Ranking
{
    /// <summary>Ranks targets [N,L] (Bool) and scores [N,L].</summary>
    public Ranking(Tensor targets, Tensor scores, KernelOptions kernel)
    {
        Samples = scores.shape[0];
        Labels = scores.shape[1];
        FlatScores = scores.reshape(-1);
        (AllKeys, AllOrder) = RankKeys.SortDescending(FlatScores);
        var flatTargets = targets.reshape(-1);
        if (kernel.ScansManaged(scores))
        {
            (AllPositives, LabelKeys, LabelPositives, LabelOrder) = RegroupOnCpu(flatTargets.contiguous());
            return;
        }

        AllPositives = flatTargets.index_select(0, AllOrder);
        var labelOfItem = AllOrder.remainder(Labels).to(Labels <= byte.MaxValue ? ScalarType.Byte : ScalarType.Int32);
        var regroup = labelOfItem.sort(dim: 0, stable: true).Indices;
        LabelKeys = AllKeys.index_select(0, regroup).view(Labels, Samples);
        LabelPositives = AllPositives.index_select(0, regroup).view(Labels, Samples);
        LabelOrder = AllOrder.index_select(0, regroup).view(Labels, Samples);
    }

    /// <summary>Images (N).</summary>
    public long Samples { get; }

    /// <summary>Labels (L).</summary>
    public long Labels { get; }

    /// <summary>The scores, flattened row-major [N*L].</summary>
    public Tensor FlatScores { get; }

    /// <summary>Sort keys of all cells, ascending = scores descending [N*L].</summary>
    public Tensor AllKeys { get; }

    /// <summary>The flat index of each ranked cell [N*L].</summary>
    public Tensor AllOrder { get; }

    /// <summary>Whether each ranked cell is positive [N*L].</summary>
    public Tensor AllPositives { get; }

    /// <summary>Each label's keys, ranked [L,N].</summary>
    public Tensor LabelKeys { get; }

    /// <summary>Each label's targets in ranked order [L,N].</summary>
    public Tensor LabelPositives { get; }

    /// <summary>The flat index of each ranked cell of each label [L,N].</summary>
    public Tensor LabelOrder { get; }

    /// <summary>The scores at <paramref name="flatIndices"/>, as doubles.</summary>
    public double[] ScoresAt(Tensor flatIndices) =>
        FlatScores.index_select(0, flatIndices.reshape(-1)).to(ScalarType.Float64).cpu().data<double>().ToArray();

    private (Tensor AllPositives, Tensor LabelKeys, Tensor LabelPositives, Tensor LabelOrder) RegroupOnCpu(Tensor flatTargets)
    {
        var allPositives = empty(Samples * Labels, ScalarType.Bool);
        var labelKeys = empty([Labels, Samples], AllKeys.dtype);
        var labelPositives = empty([Labels, Samples], ScalarType.Bool);
        var labelOrder = empty([Labels, Samples], ScalarType.Int64);
        var spans = new RegroupSpans(
            MemoryMarshal.Cast<byte, long>(AllOrder.bytes), flatTargets.bytes, allPositives.bytes, labelPositives.bytes,
            MemoryMarshal.Cast<byte, long>(labelOrder.bytes));
        switch (AllKeys.dtype)
        {
            case ScalarType.Int32: Regroup(spans, MemoryMarshal.Cast<byte, int>(AllKeys.bytes), MemoryMarshal.Cast<byte, int>(labelKeys.bytes)); break;
            case ScalarType.Float64: Regroup(spans, MemoryMarshal.Cast<byte, double>(AllKeys.bytes), MemoryMarshal.Cast<byte, double>(labelKeys.bytes)); break;
            default: throw new InvalidOperationException($"Unexpected key type {AllKeys.dtype}.");
        }

        return (allPositives, labelKeys, labelPositives, labelOrder);
    }

    /// <summary>One pass in score order: each cell goes to the next free slot of its label's row.</summary>
    private void Regroup<T>(RegroupSpans s, ReadOnlySpan<T> keys, Span<T> groupedKeys)
        where T : unmanaged
    {
        var next = new long[Labels];
        for (long l = 0; l < Labels; l++)
        {
            next[l] = l * Samples;
        }

        for (int p = 0; p < s.Order.Length; p++)
        {
            long cell = s.Order[p];
            int slot = (int)next[cell % Labels]++;
            byte positive = s.Targets[(int)cell];
            s.Positives[p] = positive;
            s.GroupedPositives[slot] = positive;
            s.GroupedOrder[slot] = cell;
            groupedKeys[slot] = keys[p];
        }
    }

    private readonly ref struct RegroupSpans(
        ReadOnlySpan<long> order, ReadOnlySpan<byte> targets, Span<byte> positives, Span<byte> groupedPositives, Span<long> groupedOrder)
    {
        public ReadOnlySpan<long> Order { get; } = order;

        public ReadOnlySpan<byte> Targets { get; } = targets;

        public Span<byte> Positives { get; } = positives;

        public Span<byte> GroupedPositives { get; } = groupedPositives;

        public Span<long> GroupedOrder { get; } = groupedOrder;
    }
}
