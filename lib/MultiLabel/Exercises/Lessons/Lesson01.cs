namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/01-what-is-multilabel.ipynb (plain .NET arrays: tensors come in lesson 02).</summary>
public static class Lesson01
{
    /// <summary>01.1: label cardinality, the mean number of labels per image.</summary>
    public static CardinalityExercise Cardinality { get; } = new();

    /// <summary>01.2: Hamming accuracy, the share of (image, label) decisions that are right.</summary>
    public static HammingAccuracyExercise HammingAccuracy { get; } = new();

    /// <summary>01.3: P(j | i), how often label j is present among the images that carry label i.</summary>
    public static ConditionalCooccurrenceExercise ConditionalCooccurrence { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [Cardinality, HammingAccuracy, ConditionalCooccurrence];

    /// <summary>A deep copy (an answer may write into its input; the reference must not see that).</summary>
    internal static float[][] Copy(float[][] rows) => [.. rows.Select(r => r.ToArray())];

    /// <summary>Random targets of <c>images x labels</c> with images != labels.</summary>
    internal static float[][] RandomTargets(CaseRandom random, double p = 0.35)
    {
        int labels = random.Between(2, 8);
        return random.Targets(random.BetweenExcept(3, 40, labels), labels, p);
    }
}
