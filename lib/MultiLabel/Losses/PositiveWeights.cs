using MultiLabel.Data;

namespace MultiLabel.Losses;

/// <summary>
/// Positive weights from label frequencies: <c>w_l = negatives_l / positives_l</c>, so that a label present in
/// 5% of the images weighs its positives 19 times. Clamped to [1/<c>max</c>, <c>max</c>]; a label that never occurs
/// gets <c>max</c>. Reads only the targets, never the pixels.
/// Taught in notebooks/09-imbalance.ipynb.
/// </summary>
public static class PositiveWeights
{
    /// <summary>The default upper bound of a weight.</summary>
    public const double DefaultMax = 50;

    /// <summary>Weights from the targets of <paramref name="dataset"/>.</summary>
    public static float[] FromLabelFrequencies(IImageDataset dataset, double max = DefaultMax)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var positives = new long[dataset.Labels.Count];
        for (int i = 0; i < dataset.Count; i++)
        {
            var target = dataset.GetTarget(i);
            for (int l = 0; l < positives.Length; l++)
            {
                if (target[l] > 0.5f)
                {
                    positives[l]++;
                }
            }
        }

        return FromCounts(positives, dataset.Count, max);
    }

    /// <summary>Weights from the number of positives of each label among <paramref name="total"/> samples.</summary>
    public static float[] FromCounts(IReadOnlyList<long> positives, long total, double max = DefaultMax)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (!(max >= 1) || double.IsInfinity(max))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "must be a finite number >= 1");
        }

        var weights = new float[positives.Count];
        for (int l = 0; l < weights.Length; l++)
        {
            if (positives[l] < 0 || positives[l] > total)
            {
                throw new ArgumentOutOfRangeException(nameof(positives), $"label {l} has {positives[l]} positives out of {total}.");
            }

            double w = positives[l] == 0 ? max : (double)(total - positives[l]) / positives[l];
            weights[l] = (float)Math.Clamp(w, 1 / max, max);
        }

        return weights;
    }
}
