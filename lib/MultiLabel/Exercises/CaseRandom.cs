using MultiLabel.Randomness;

namespace MultiLabel.Exercises;

/// <summary>
/// The generator an exercise draws its generated cases from: a <see cref="Pcg32"/> derived from the seed and the
/// exercise id, so the cases are the same for a seed on every machine and differ from seed to seed.
/// </summary>
public sealed class CaseRandom
{
    private readonly Pcg32 rng;

    /// <summary>Creates the generator of exercise <paramref name="exerciseId"/> ("03.2") for <paramref name="seed"/>.</summary>
    public CaseRandom(int seed, string exerciseId)
    {
        ArgumentNullException.ThrowIfNull(exerciseId);
        long id = exerciseId.Aggregate(17L, (h, c) => unchecked((h * 31) + c));
        rng = Pcg32.Derive(seed, id);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>] (both included).</summary>
    public int Between(int min, int max) => rng.NextInt(min, max + 1);

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>] other than <paramref name="not"/>.</summary>
    public int BetweenExcept(int min, int max, int not)
    {
        if (min == max && min == not)
        {
            throw new ArgumentException("The range holds only the excluded value.", nameof(not));
        }

        int value;
        do
        {
            value = Between(min, max);
        }
        while (value == not);
        return value;
    }

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => rng.Uniform(min, max);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => rng.Bernoulli(p);

    /// <summary>One of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[rng.NextInt(items.Count)];
    }

    /// <summary>A standard normal number (Box-Muller) times <paramref name="std"/>.</summary>
    public double Normal(double std = 1)
    {
        double u1 = 1 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary><paramref name="count"/> uniform floats in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public float[] Floats(int count, double min, double max) => [.. Enumerable.Range(0, count).Select(_ => (float)Uniform(min, max))];

    /// <summary><paramref name="count"/> normal floats with standard deviation <paramref name="std"/>, shifted by <paramref name="mean"/>.</summary>
    public float[] NormalFloats(int count, double std = 1, double mean = 0) => [.. Enumerable.Range(0, count).Select(_ => (float)(mean + Normal(std)))];

    /// <summary>A random multi-hot target matrix: <paramref name="images"/> rows of <paramref name="labels"/> 0/1 entries, each 1 with probability <paramref name="p"/>.</summary>
    public float[][] Targets(int images, int labels, double p = 0.35) =>
        [.. Enumerable.Range(0, images).Select(_ => Enumerable.Range(0, labels).Select(_ => Chance(p) ? 1f : 0f).ToArray())];

    /// <summary>A random permutation of 0 .. <paramref name="n"/> - 1.</summary>
    public int[] Permutation(int n) => rng.Permutation(n);
}
