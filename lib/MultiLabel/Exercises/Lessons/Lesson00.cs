namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/00-setup.ipynb: warm-ups that show how checks, hints and solutions work.</summary>
public static class Lesson00
{
    /// <summary>00.1: count the labels present in one multi-hot target.</summary>
    public static CountLabelsExercise CountLabels { get; } = new();

    /// <summary>00.2: the names of the labels a multi-hot target marks as present.</summary>
    public static LabelNamesExercise LabelNames { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [CountLabels, LabelNames];
}
