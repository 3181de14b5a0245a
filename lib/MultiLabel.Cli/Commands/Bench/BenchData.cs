using MultiLabel.Randomness;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// Random multi-label data for benchmarks: label l is present with a probability from 2% to 50% (imbalanced, as real
/// data), and its score is 0.3 * label + 0.7 * uniform noise, as float32 (so ties occur, as with real models).
/// </summary>
internal sealed record BenchData(int Rows, int Labels, byte[] Targets, float[] Scores)
{
    public static BenchData Generate(int rows, int labels, long seed)
    {
        var rng = Pcg32.Derive(seed, 4);
        var rates = Enumerable.Range(0, labels).Select(l => 0.02 + (0.48 * l / Math.Max(1, labels - 1))).ToArray();
        var targets = new byte[(long)rows * labels];
        var scores = new float[targets.Length];
        for (long i = 0; i < targets.Length; i++)
        {
            bool present = rng.Bernoulli(rates[i % labels]);
            targets[i] = present ? (byte)1 : (byte)0;
            scores[i] = (float)((present ? 0.3 : 0.0) + (0.7 * rng.NextDouble()));
        }

        return new BenchData(rows, labels, targets, scores);
    }
}
