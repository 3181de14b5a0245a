using MultiLabel.Randomness;

namespace MultiLabel.Data;

/// <summary>
/// Resampling (PyTorch's <c>WeightedRandomSampler(weights, num_samples=len(data), replacement=True)</c>): each epoch
/// draws as many samples as the dataset has, with replacement, sample i with probability
/// <c>Probabilities[i] = w_i / sum(w)</c>, so images with rare labels come up more often and common ones less. The
/// draws of epoch e depend only on (seed, e): another epoch, another draw; the same seed, the same run.
/// <see cref="ForRareLabels"/> gives each image the weight of its rarest label (<see cref="RareLabelWeights"/>).
/// A <see cref="DataLoader"/> given a sampler uses it for its shuffled order (<c>TrainingRecipe.Resample</c>,
/// <c>mlc train --resample</c>).
/// Taught in notebooks/09-imbalance.ipynb.
/// </summary>
public sealed class WeightedSampler
{
    private const long DrawStream = 0x5752_5344;
    private readonly double[] probabilities;
    private readonly double[] cumulative;

    /// <summary>Creates the sampler from one weight per sample (any scale; they are normalised to sum 1).</summary>
    /// <exception cref="ArgumentException">No weights, a negative or non-finite weight, or all weights 0.</exception>
    public WeightedSampler(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => !(w >= 0) || double.IsInfinity(w)))
        {
            throw new ArgumentException("Every weight must be a finite number >= 0, and there must be at least one.", nameof(weights));
        }

        double total = weights.Sum();
        if (!(total > 0))
        {
            throw new ArgumentException("At least one weight must be > 0.", nameof(weights));
        }

        probabilities = [.. weights.Select(w => w / total)];
        cumulative = new double[probabilities.Length];
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            sum += probabilities[i];
            cumulative[i] = sum;
        }
    }

    /// <summary>The number of samples (also the number of draws per epoch).</summary>
    public int Count => probabilities.Length;

    /// <summary>The probability of each sample at each draw (they sum to 1).</summary>
    public IReadOnlyList<double> Probabilities => probabilities;

    /// <summary>A sampler whose weight per image is its rarest label's inverse frequency (<see cref="RareLabelWeights"/>).</summary>
    public static WeightedSampler ForRareLabels(IImageDataset dataset) => new(RareLabelWeights(Targets(dataset)));

    /// <summary>
    /// The weight of each image: the largest inverse frequency <c>N / count_l</c> among its labels (an image is as
    /// rare as its rarest label), and 1 for an image without labels (it is drawn as often as a label present in
    /// every image would make it; never 0, so it stays in the data). A label no image carries plays no part.
    /// </summary>
    /// <param name="targets">The multi-hot targets, one row per image (1 = present).</param>
    public static double[] RareLabelWeights(IReadOnlyList<float[]> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            return [];
        }

        int labels = targets[0].Length;
        var counts = new long[labels];
        foreach (var row in targets)
        {
            if (row.Length != labels)
            {
                throw new ArgumentException($"Every target row must have {labels} labels.", nameof(targets));
            }

            for (int l = 0; l < labels; l++)
            {
                counts[l] += row[l] > 0.5f ? 1 : 0;
            }
        }

        var weights = new double[targets.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            double weight = 1;
            for (int l = 0; l < labels; l++)
            {
                if (targets[i][l] > 0.5f)
                {
                    weight = Math.Max(weight, (double)targets.Count / counts[l]);
                }
            }

            weights[i] = weight;
        }

        return weights;
    }

    /// <summary>The <see cref="Count"/> sample indices of epoch <paramref name="epoch"/>, drawn with replacement.</summary>
    public int[] Draw(long seed, int epoch)
    {
        var random = Pcg32.Derive(seed, DrawStream, epoch);
        var draws = new int[Count];
        for (int k = 0; k < draws.Length; k++)
        {
            draws[k] = FirstAbove(random.NextDouble() * cumulative[^1]);
        }

        return draws;
    }

    /// <summary>How often each sample occurs in <paramref name="draws"/>.</summary>
    public int[] Occurrences(IEnumerable<int> draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        var counts = new int[Count];
        foreach (var i in draws)
        {
            counts[i]++;
        }

        return counts;
    }

    /// <summary>The first sample whose cumulative probability exceeds <paramref name="u"/> (a sample of weight 0 is never it).</summary>
    private int FirstAbove(double u)
    {
        int low = 0, high = Count - 1;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (cumulative[middle] > u)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static float[][] Targets(IImageDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return [.. Enumerable.Range(0, dataset.Count).Select(i => dataset.GetTarget(i).ToArray())];
    }
}
