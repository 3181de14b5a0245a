using MultiLabel.Metrics;

namespace MultiLabel.Training;

/// <summary>What one epoch measured; a row of the training history.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="ValLoss">Mean validation loss.</param>
/// <param name="ValF1Micro">Validation micro-F1 at the options' threshold.</param>
/// <param name="ValF1Macro">Validation macro-F1.</param>
/// <param name="ValHammingLoss">Validation Hamming loss.</param>
/// <param name="LearningRate">Learning rate (of the head's group) at the last step of the epoch.</param>
/// <param name="ImagesPerSecond">Training throughput of the epoch (data loading included, validation not).</param>
/// <param name="Seconds">Wall time of the epoch, validation and checkpoint included.</param>
/// <param name="ValSubsetAccuracy">Validation subset accuracy.</param>
/// <param name="IsBest">This epoch improved the monitored metric (its weights are the best so far).</param>
/// <param name="Validation">All validation metrics, per label too.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double ValLoss,
    double ValF1Micro,
    double ValF1Macro,
    double ValHammingLoss,
    double LearningRate,
    double ImagesPerSecond,
    double Seconds,
    double ValSubsetAccuracy = 0,
    bool IsBest = false,
    EvaluationResult? Validation = null);
