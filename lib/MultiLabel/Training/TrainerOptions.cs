namespace MultiLabel.Training;

/// <summary>How to train.</summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="LearningRate">Peak learning rate of the one-cycle schedule (AdamW).</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay.</param>
/// <param name="Seed">Seeds weights, data order and dropout: the same seed gives the same run on CPU.</param>
/// <param name="Device">"auto" (CUDA when available), "cpu", "cuda" or "cuda:N".</param>
/// <param name="Threshold">Probability at which a label counts as predicted in validation metrics.</param>
public sealed record TrainerOptions(
    int Epochs = 12,
    double LearningRate = 3e-3,
    double WeightDecay = 1e-4,
    long Seed = 0,
    string Device = "auto",
    double Threshold = 0.5)
{
    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be a positive number");
        }

        if (WeightDecay < 0 || double.IsNaN(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be >= 0");
        }

        if (!(Threshold > 0 && Threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "must be in (0, 1)");
        }
    }
}
