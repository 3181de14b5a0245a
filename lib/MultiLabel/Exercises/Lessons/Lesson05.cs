namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/05-data-and-augmentation.ipynb.</summary>
public static class Lesson05
{
    /// <summary>05.1: one label-CSV cell to a multi-hot vector, with an error that names an unknown label and its line.</summary>
    public static LabelCellExercise LabelCell { get; } = new();

    /// <summary>05.2: a random horizontal flip decided per sample, each image from its own generator.</summary>
    public static PerSampleFlipExercise PerSampleFlip { get; } = new();

    /// <summary>05.3: per-channel mean and standard deviation over the training split only.</summary>
    public static ChannelStatsExercise ChannelStats { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [LabelCell, PerSampleFlip, ChannelStats];
}
