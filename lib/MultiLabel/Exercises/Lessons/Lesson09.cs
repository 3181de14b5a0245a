namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/09-imbalance.ipynb.</summary>
public static class Lesson09
{
    /// <summary>09.1: the positive weight of each label from the training targets.</summary>
    public static PosWeightExercise PosWeight { get; } = new();

    /// <summary>09.2: the focal loss of one cell, stable for any logit.</summary>
    public static FocalLossExercise FocalLoss { get; } = new();

    /// <summary>09.3: the probability of drawing each image when resampling by the rarest label.</summary>
    public static SampleWeightsExercise SampleWeights { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [PosWeight, FocalLoss, SampleWeights];
}
