namespace MultiLabel.Training;

/// <summary>Progress inside an epoch, raised after every training batch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="BatchCount">Batches per epoch.</param>
/// <param name="Loss">This batch's loss.</param>
/// <param name="ImagesPerSecond">Throughput so far in this epoch.</param>
public sealed record BatchProgress(int Epoch, int Batch, int BatchCount, double Loss, double ImagesPerSecond);
