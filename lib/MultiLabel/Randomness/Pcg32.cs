namespace MultiLabel.Randomness;

/// <summary>
/// A small, fast, seedable random generator (PCG-XSH-RR, O'Neill 2014) whose output is defined by this code alone,
/// so generated data and shuffles are byte-identical on every platform and .NET version
/// (unlike <see cref="Random"/>, whose seeded algorithm is an implementation detail).
/// Not thread-safe: give each thread or worker its own instance (see <see cref="Derive"/>).
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong state;
    private readonly ulong increment;

    /// <summary>Creates a generator from a seed and an optional stream number (different streams are independent).</summary>
    public Pcg32(ulong seed, ulong stream = 0)
    {
        increment = (stream << 1) | 1UL;
        state = 0;
        NextUInt();
        state += seed;
        NextUInt();
    }

    /// <summary>A generator for one purpose of one seed, e.g. <c>Derive(seed, epoch)</c> for an epoch's shuffle.</summary>
    public static Pcg32 Derive(long seed, params long[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ulong h = Mix((ulong)seed);
        foreach (var p in path)
        {
            h = Mix(h ^ Mix((ulong)p + 0x9E3779B97F4A7C15UL));
        }

        return new Pcg32(h, Mix(h + 1));
    }

    /// <summary>SplitMix64's finaliser: a good 64-bit hash.</summary>
    internal static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt()
    {
        ulong old = state;
        state = unchecked((old * Multiplier) + increment);
        uint xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        int rot = (int)(old >> 59);
        return (xorShifted >> rot) | (xorShifted << ((-rot) & 31));
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        uint bound = (uint)maxExclusive;
        uint threshold = (uint)(-(int)bound) % bound;
        while (true)
        {
            uint r = NextUInt();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        ulong bits = ((ulong)NextUInt() << 21) ^ NextUInt();
        return (bits & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
    }

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Shuffle(order.AsSpan());
        return order;
    }
}
