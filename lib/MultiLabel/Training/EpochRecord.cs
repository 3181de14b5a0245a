namespace MultiLabel.Training;

/// <summary>What one epoch measured; a row of the training history.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="ValLoss">Mean validation loss.</param>
/// <param name="ValF1Micro">Validation micro-F1 at the options' threshold.</param>
/// <param name="ValF1Macro">Validation macro-F1.</param>
/// <param name="ValHammingLoss">Validation Hamming loss.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="ImagesPerSecond">Training throughput of the epoch.</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double ValLoss,
    double ValF1Micro,
    double ValF1Macro,
    double ValHammingLoss,
    double LearningRate,
    double ImagesPerSecond,
    double Seconds);
