namespace MultiLabel.Models.Pretraining;

/// <summary>The settings that <see cref="TransferComparison"/> gives both runs alike.</summary>
/// <param name="TrainImages">Labelled target images both runs train on: the first of a seeded order of the training split.</param>
/// <param name="HeadEpochs">Pretrained run, phase 1: epochs with the backbone frozen (only the new head learns).</param>
/// <param name="FineTuneEpochs">Pretrained run, phase 2: epochs with everything trainable, the backbone at a smaller rate.</param>
/// <param name="LearningRate">Peak learning rate (one-cycle, AdamW) of the scratch run and of the head in both phases.</param>
/// <param name="BackboneLearningRateFactor">Phase 2: the backbone's rate is the head's times this.</param>
/// <param name="BatchSize">Images per batch (the last, smaller batch is dropped).</param>
/// <param name="Seed">Seeds the subset, the weights of both models (the same initial head), data order and augmentation.</param>
/// <param name="Augment">Train with the dataset's augmentation (flips, quarter turns, colour jitter for shapes).</param>
/// <param name="EvaluationImages">Use only this many images of the validation and test splits (fast mode); null: all.</param>
/// <param name="Device">"auto", "cpu", "cuda" or "cuda:N".</param>
public sealed record TransferComparisonOptions(
    int TrainImages = 200,
    int HeadEpochs = 4,
    int FineTuneEpochs = 16,
    double LearningRate = 1e-2,
    double BackboneLearningRateFactor = 0.1,
    int BatchSize = 32,
    long Seed = 0,
    bool Augment = true,
    int? EvaluationImages = null,
    string Device = "auto")
{
    /// <summary>The epochs of the scratch run: the pretrained run's two phases together.</summary>
    public int TotalEpochs => HeadEpochs + FineTuneEpochs;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TrainImages);
        ArgumentOutOfRangeException.ThrowIfNegative(HeadEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FineTuneEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        if (BatchSize > TrainImages)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"must be at most TrainImages ({TrainImages}): the last smaller batch is dropped");
        }

        if (EvaluationImages is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(EvaluationImages));
        }
    }
}
