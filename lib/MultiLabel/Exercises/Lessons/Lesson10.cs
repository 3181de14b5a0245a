namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/10-capstone.ipynb.</summary>
public static class Lesson10
{
    /// <summary>10.1: the digits drawn on an image to its multi-hot target over the ten digit classes.</summary>
    public static DigitsTargetExercise DigitsTarget { get; } = new();

    /// <summary>10.2: accuracy per label (the right "accuracy" of a multi-label model).</summary>
    public static PerLabelAccuracyExercise PerLabelAccuracy { get; } = new();

    /// <summary>10.3: predictions for a batch with eval(), no_grad and one tuned threshold per label.</summary>
    public static ThresholdedPredictExercise Predict { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [DigitsTarget, PerLabelAccuracy, Predict];

    /// <summary>Random 0/1 predictions that agree with <paramref name="targets"/> except for a share <paramref name="flip"/> of cells.</summary>
    internal static float[][] Noisy(CaseRandom random, float[][] targets, double flip) =>
        [.. targets.Select(t => t.Select(v => random.Chance(flip) ? 1 - v : v).ToArray())];

    /// <summary>Rows of 0/1 values as a [N, L] Float32 tensor's data.</summary>
    internal static TensorData Matrix(float[][] rows) =>
        TensorData.OfFloats([rows.Length, rows.Length == 0 ? 0 : rows[0].Length], rows.SelectMany(r => r));
}
