namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/08-evaluation.ipynb (plain .NET arrays, so every count can be followed by hand).</summary>
public static class Lesson08
{
    /// <summary>08.1: micro- and macro-averaged F1 of 0/1 predictions.</summary>
    public static MicroMacroF1Exercise MicroMacroF1 { get; } = new();

    /// <summary>08.2: Hamming loss of scores at a threshold (used for the all-negative trap).</summary>
    public static HammingLossExercise HammingLoss { get; } = new();

    /// <summary>08.3: the F1-maximising threshold of one label on validation data (used to tune every label).</summary>
    public static BestThresholdExercise BestThreshold { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [MicroMacroF1, HammingLoss, BestThreshold];

    /// <summary>The notebook's 4 x 3 example: targets of 4 images over the labels circle, square, triangle.</summary>
    internal static float[][] ExampleTargets => [[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 0]];

    /// <summary>The notebook's 4 x 3 example: the model's probabilities (one is exactly 0.5).</summary>
    internal static float[][] ExampleScores => [[0.9f, 0.2f, 0.4f], [0.6f, 0.7f, 0.1f], [0.8f, 0.5f, 0.3f], [0.3f, 0.1f, 0.2f]];

    /// <summary>The example's predictions at threshold 0.5 (score &gt;= 0.5).</summary>
    internal static float[][] ExamplePredictions => AtThreshold(ExampleScores, 0.5);

    /// <summary>1 where score &gt;= threshold.</summary>
    internal static float[][] AtThreshold(float[][] scores, double threshold) =>
        [.. scores.Select(r => r.Select(s => s >= threshold ? 1f : 0f).ToArray())];

    /// <summary>A deep copy (an answer may write into its input; the reference must not see that).</summary>
    internal static float[][] Copy(float[][] rows) => [.. rows.Select(r => r.ToArray())];

    /// <summary>Predictions that agree with <paramref name="targets"/> except where a cell flips with probability <paramref name="flip"/>.</summary>
    internal static float[][] Noisy(CaseRandom random, float[][] targets, double flip) =>
        [.. targets.Select(t => t.Select(v => random.Chance(flip) ? 1 - v : v).ToArray())];

    /// <summary>tp, fp and fn of every label (column).</summary>
    internal static (double[] Tp, double[] Fp, double[] Fn) Counts(float[][] targets, float[][] predictions)
    {
        int labels = targets[0].Length;
        var (tp, fp, fn) = (new double[labels], new double[labels], new double[labels]);
        for (int i = 0; i < targets.Length; i++)
        {
            for (int j = 0; j < labels; j++)
            {
                bool t = targets[i][j] == 1, p = predictions[i][j] == 1;
                if (t && p)
                {
                    tp[j]++;
                }
                else if (p)
                {
                    fp[j]++;
                }
                else if (t)
                {
                    fn[j]++;
                }
            }
        }

        return (tp, fp, fn);
    }

    /// <summary>2 tp / (2 tp + fp + fn), 0 when that is 0 / 0.</summary>
    internal static double F1(double tp, double fp, double fn) => (2 * tp) + fp + fn == 0 ? 0 : 2 * tp / ((2 * tp) + fp + fn);
}
