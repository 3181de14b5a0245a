namespace MultiLabel.Training;

/// <summary>How to train (the <see cref="Trainer"/>'s options). Taught in notebooks/07-training.ipynb.</summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="LearningRate">Peak learning rate of the schedule (AdamW); the head's rate with parameter groups.</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay.</param>
/// <param name="Seed">Seeds weights, data order and dropout: the same seed gives the same run on CPU.</param>
/// <param name="Device">"auto" (CUDA when available), "cpu", "cuda" or "cuda:N".</param>
/// <param name="Threshold">Probability at which a label counts as predicted in validation metrics.</param>
/// <param name="Schedule">The learning-rate schedule (null: one-cycle).</param>
/// <param name="WarmupFraction">Fraction of all steps spent rising to the peak learning rate.</param>
/// <param name="GradientClipNorm">Clip the global gradient norm to this value; null for no clipping.</param>
/// <param name="Monitor">The validation metric that picks the best epoch and drives early stopping (null: micro-F1).</param>
/// <param name="Patience">Stop after this many epochs without improvement of <paramref name="Monitor"/>; null never stops early.</param>
/// <param name="BackboneLearningRateFactor">The backbone's learning rate is the head's times this (1: one rate for all).</param>
/// <param name="RestoreBest">At the end, put the weights of the best epoch back into the model.</param>
public sealed record TrainerOptions(
    int Epochs = 12,
    double LearningRate = 3e-3,
    double WeightDecay = 1e-4,
    long Seed = 0,
    string Device = "auto",
    double Threshold = 0.5,
    ScheduleKind? Schedule = null,
    double WarmupFraction = 0.3,
    double? GradientClipNorm = 5.0,
    MonitorMetric? Monitor = null,
    int? Patience = null,
    double BackboneLearningRateFactor = 1.0,
    bool RestoreBest = true)
{
    /// <summary>The learning-rate schedule (default: one-cycle).</summary>
    public ScheduleKind Schedule { get; init; } = Schedule ?? ScheduleKind.OneCycle;

    /// <summary>The validation metric that picks the best epoch and drives early stopping (default: micro-F1).</summary>
    public MonitorMetric Monitor { get; init; } = Monitor ?? MonitorMetric.ValF1Micro;

    /// <summary>
    /// The precision of the forward and backward pass (default fp32); the master weights, the optimizer's state and
    /// the loss stay float32 (see <see cref="MixedPrecision"/>). Anything but fp32 needs the trainer's replica factory.
    /// </summary>
    public PrecisionKind Precision { get; init; } = PrecisionKind.Fp32;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        Positive(LearningRate, nameof(LearningRate));
        if (WeightDecay < 0 || !double.IsFinite(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be >= 0");
        }

        if (!(Threshold > 0 && Threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "must be in (0, 1)");
        }

        if (!(WarmupFraction >= 0 && WarmupFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(WarmupFraction), WarmupFraction, "must be in [0, 1)");
        }

        if (GradientClipNorm is { } clip)
        {
            Positive(clip, nameof(GradientClipNorm));
        }

        if (Patience is { } patience)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience, nameof(Patience));
        }

        if (BackboneLearningRateFactor < 0 || !double.IsFinite(BackboneLearningRateFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(BackboneLearningRateFactor), BackboneLearningRateFactor, "must be >= 0");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a positive number");
        }
    }
}
